/**
 * The histories the wall draws as charts: people queueing per township and lab backlog. The day so
 * far (from 06:00 China time) comes from the server at once (GET /api/wall/history); the wall then
 * extends it once a minute from what it already receives. Kept from 06:00, or for the last
 * HISTORY_HOURS when that is longer (a wall runs for days).
 */
import type { SiteEntity, WallDayHistory, WallOverview } from '$lib/protocol';
import { dayHistoryFrom } from '$lib/domain/day-history';

export const HISTORY_HOURS = 6;
export const SAMPLE_EVERY_MS = 60_000;

export interface HistorySample {
	at: number;
	queueByTownship: Record<string, number>;
	labBacklog: number | null;
}

/** Pure: one sample of the current state, or null before the live sites have arrived (an empty sample would draw nothing). */
export function sampleOf(at: number, sites: Iterable<SiteEntity>, overview: WallOverview | null): HistorySample | null {
	const queueByTownship: Record<string, number> = {};
	let any = false;
	for (const site of sites) {
		any = true;
		queueByTownship[site.townshipId] = (queueByTownship[site.townshipId] ?? 0) + site.queueLength;
	}
	if (!any) return null;
	return { at, queueByTownship, labBacklog: overview ? overview.labs.reduce((total, lab) => total + lab.backlogTubes, 0) : null };
}

/** Pure: the server's day, then the live samples newer than its last one, cut to what is kept. */
export function mergedHistory(day: HistorySample[], live: HistorySample[], now: number): HistorySample[] {
	const keepFrom = Math.min(dayHistoryFrom(now), now - HISTORY_HOURS * 3_600_000);
	const lastOfDay = day.length > 0 ? day[day.length - 1].at : -Infinity;
	return [...day, ...live.filter((sample) => sample.at > lastOfDay)].filter((sample) => sample.at >= keepFrom);
}

export class WallHistory {
	samples = $state.raw<HistorySample[]>([]);
	#lastAt = 0;

	/** Takes a sample when a minute has passed since the last one (and only then builds it). */
	recordIfDue(at: number, sample: () => HistorySample | null): void {
		if (at - this.#lastAt < SAMPLE_EVERY_MS) return;
		const next = sample();
		if (!next) return;
		this.#lastAt = at;
		this.samples = mergedHistory([], [...this.samples, next], at);
	}

	/** Fetches the day so far once; live samples already taken are kept after it. */
	async load(headers: Record<string, string>): Promise<void> {
		try {
			const response = await fetch('/api/wall/history', { headers });
			if (!response.ok) return;
			const day = (await response.json()) as WallDayHistory;
			this.samples = mergedHistory(day.samples, this.samples, Date.now());
		} catch {
			// Offline: the live samples still draw; the stale banner says the rest.
		}
	}
}
