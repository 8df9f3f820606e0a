/**
 * The wall's charts of the day (people queueing per township, lab backlog), rebuilt from the
 * readings the server stored, so a wall opened at 15:00 shows the day from 06:00 at once instead
 * of starting empty. Each series is sampled every `stepMs`: at each step, every site's newest
 * queue reading so far (carried forward), summed per township; every lab's backlog, summed.
 * A lab's counts are running totals of the day that only grow: a reading lower than one before it
 * (the demo's LIMS restarted with the server and counts from nothing again, or a late resend) does
 * not take the totals back, as lab_counters keeps the greatest of each; so the chart's backlog is
 * the greatest received less the greatest tested so far, the same number the KPI and overview show.
 * Before anything is known there is no number: a township none of whose sites has reported yet is
 * left out of the step, and the backlog is null before the first lab count, so the chart shows a
 * gap, not a flat 0 that reads as a quiet morning (the server may simply not have run yet).
 * Pure: the readings come in, the samples go out.
 */
import { serviceDay, serviceDayStart } from './service-day';

/** The wall's day starts at 06:00 China time, when sites open. */
export const DAY_HISTORY_FROM_HOUR = 6;
export const DAY_HISTORY_STEP_MS = 5 * 60_000;

export interface DaySample {
	/** Epoch ms of the step. */
	at: number;
	queueByTownship: Record<string, number>;
	/** Null before any lab has reported today. */
	labBacklog: number | null;
}

/** When today's history starts: 06:00 China time of `now`'s service day, or 6 hours back before 06:00. */
export function dayHistoryFrom(now: number): number {
	const sixAm = serviceDayStart(serviceDay(now)) + DAY_HISTORY_FROM_HOUR * 3_600_000;
	return sixAm <= now ? sixAm : now - 6 * 3_600_000;
}

/** The index of the step a reading at `at` is known by: readings in (step k−1, step k] count at step k; earlier ones at step 0. */
export function stepOf(at: number, from: number, stepMs = DAY_HISTORY_STEP_MS): number {
	return Math.max(0, Math.ceil((at - from) / stepMs));
}

export function dayHistory({
	from,
	now,
	stepMs = DAY_HISTORY_STEP_MS,
	townshipOfSite,
	queueReadings,
	labReadings
}: {
	from: number;
	now: number;
	stepMs?: number;
	/** Every site in scope: once one site of a township has reported, its others count 0 until they do. */
	townshipOfSite: ReadonlyMap<string, string>;
	queueReadings: Iterable<{ siteId: string; at: number; queueLength: number }>;
	/** Each lab's running totals of the day as reported. */
	labReadings: Iterable<{ labId: string; at: number; receivedTubes: number; testedTubes: number }>;
}): DaySample[] {
	const steps = Math.max(0, Math.floor((now - from) / stepMs));
	const queuesAt = groupByStep(queueReadings, from, stepMs, steps);
	const labsAt = groupByStep(labReadings, from, stepMs, steps);
	const queue = new Map<string, number>();
	const labTotals = new Map<string, { received: number; tested: number }>();
	const samples: DaySample[] = [];
	for (let step = 0; step <= steps; step++) {
		for (const reading of queuesAt.get(step) ?? []) if (townshipOfSite.has(reading.siteId)) queue.set(reading.siteId, reading.queueLength);
		for (const reading of labsAt.get(step) ?? []) {
			const known = labTotals.get(reading.labId);
			labTotals.set(reading.labId, { received: Math.max(known?.received ?? 0, reading.receivedTubes), tested: Math.max(known?.tested ?? 0, reading.testedTubes) });
		}
		const queueByTownship: Record<string, number> = {};
		for (const [siteId, length] of queue) {
			const township = townshipOfSite.get(siteId)!;
			queueByTownship[township] = (queueByTownship[township] ?? 0) + length;
		}
		samples.push({ at: from + step * stepMs, queueByTownship, labBacklog: labTotals.size === 0 ? null : [...labTotals.values()].reduce((sum, lab) => sum + Math.max(0, lab.received - lab.tested), 0) });
	}
	return samples;
}

/** Readings per step, each step's in time order (the newest applied last); none past the last step. */
function groupByStep<T extends { at: number }>(readings: Iterable<T>, from: number, stepMs: number, lastStep: number): Map<number, T[]> {
	const byStep = new Map<number, T[]>();
	for (const reading of [...readings].sort((a, b) => a.at - b.at)) {
		const step = stepOf(reading.at, from, stepMs);
		if (step > lastStep) continue;
		const list = byStep.get(step);
		if (list) list.push(reading);
		else byStep.set(step, [reading]);
	}
	return byStep;
}
