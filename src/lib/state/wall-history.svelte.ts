/**
 * Short histories the wall draws as charts: people queueing per township and lab backlog, sampled
 * once a minute from what the wall already receives and kept for HISTORY_HOURS. They start when
 * the screen opens (a wall runs for days); the server keeps no such series yet.
 */
import type { SiteEntity, WallOverview } from '$lib/protocol';

export const HISTORY_HOURS = 6;
export const SAMPLE_EVERY_MS = 60_000;
const MAX_SAMPLES = (HISTORY_HOURS * 60 * 60 * 1000) / SAMPLE_EVERY_MS;

export interface HistorySample {
	at: number;
	queueByTownship: Record<string, number>;
	labBacklog: number | null;
}

/** Pure: one sample of the current state. */
export function sampleOf(at: number, sites: Iterable<SiteEntity>, overview: WallOverview | null): HistorySample {
	const queueByTownship: Record<string, number> = {};
	for (const site of sites) queueByTownship[site.townshipId] = (queueByTownship[site.townshipId] ?? 0) + site.queueLength;
	return { at, queueByTownship, labBacklog: overview ? overview.labs.reduce((total, lab) => total + lab.backlogTubes, 0) : null };
}

export class WallHistory {
	samples = $state.raw<HistorySample[]>([]);
	#lastAt = 0;

	/** Takes a sample when a minute has passed since the last one (and only then builds it). */
	recordIfDue(at: number, sample: () => HistorySample): void {
		if (at - this.#lastAt < SAMPLE_EVERY_MS) return;
		this.#lastAt = at;
		this.samples = [...this.samples.slice(-(MAX_SAMPLES - 1)), sample()];
	}
}
