/**
 * When was a box tested, when its lab reports only totals? Most labs post running counts per day
 * (lab.counts: tubes received and tested so far today), not a result per tube. We take the lab to
 * test in the order it received (first in, first out): a box counts as tested at the first count
 * report whose tubes tested, summed over the days in view, reach the end of that box in the lab's
 * receipt order. A box whose every tube has its own result (pool_results) is tested by then at the
 * latest. Pure; times are epoch ms.
 *
 * Why FIFO: a lab works its queue in arrival order (and 001 asks labs not to let samples pile up),
 * so the counter passing a box is the best evidence we have that it was tested. Its known error:
 * tubes the lab counts but nobody scanned in (a box received without a receipt event) are credited
 * to the next boxes received, which then look tested a little early.
 */
import { serviceDay } from './service-day';

/** One lab.counts report: the lab's running totals for the service day of `at`. */
export interface CountReading {
	labId: string;
	at: number;
	testedTubes: number;
}

/** A box a lab received, with the times of the tube results it has (one per tube resulted). */
export interface ReceivedBox {
	id: string;
	labId: string;
	receivedAt: number;
	tubes: number;
	tubeResults?: readonly number[];
}

/**
 * The time each box was tested (absent: not yet). Readings should cover the same days as the boxes'
 * receipts (the caller's window), so a count of a day before the window is not credited to it.
 */
export function fifoTestedTimes(boxes: readonly ReceivedBox[], readings: readonly CountReading[], dayOf: (epochMs: number) => string = serviceDay): Map<string, number> {
	const tested = new Map<string, number>();
	// One pass to group: a county of hundreds of labs and a day of boxes is read every overview.
	const byLab = new Map<string, { queue: ReceivedBox[]; reports: CountReading[] }>();
	for (const box of boxes) {
		const lab = byLab.get(box.labId) ?? { queue: [], reports: [] };
		lab.queue.push(box);
		byLab.set(box.labId, lab);
	}
	for (const reading of readings) byLab.get(reading.labId)?.reports.push(reading);
	for (const { queue, reports } of byLab.values()) {
		queue.sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id));
		reports.sort((a, b) => a.at - b.at);
		// A day's counter only grows; a late or replayed lower report does not take tubes back.
		const dayMax = new Map<string, number>();
		let next = 0;
		let consumed = 0;
		for (const report of reports) {
			const day = dayOf(report.at);
			dayMax.set(day, Math.max(dayMax.get(day) ?? 0, report.testedTubes));
			const total = [...dayMax.values()].reduce((sum, n) => sum + n, 0);
			// Only boxes already in the lab when the report was made can be in its count.
			while (next < queue.length && queue[next].receivedAt <= report.at && consumed + queue[next].tubes <= total) {
				tested.set(queue[next].id, report.at);
				consumed += queue[next].tubes;
				next++;
			}
		}
		for (const box of queue) {
			const results = box.tubeResults ?? [];
			if (box.tubes <= 0 || results.length < box.tubes) continue;
			const allResulted = Math.max(...results);
			tested.set(box.id, Math.min(tested.get(box.id) ?? Infinity, allResulted));
		}
	}
	return tested;
}

/** The median of values each counted `weight` times (a box's tubes); null with no weight. */
export function weightedMedian(entries: readonly { value: number; weight: number }[]): number | null {
	const sorted = entries.filter((entry) => entry.weight > 0).sort((a, b) => a.value - b.value);
	const total = sorted.reduce((sum, entry) => sum + entry.weight, 0);
	if (total === 0) return null;
	// The middle one, or the mean of the two middle ones for an even total, as median() does.
	const at = (position: number) => {
		let seen = 0;
		for (const entry of sorted) {
			seen += entry.weight;
			if (seen > position) return entry.value;
		}
		return sorted[sorted.length - 1].value;
	};
	return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
