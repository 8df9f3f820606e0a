/**
 * Each box's way from sealing to result (sealed → received → tested → result) over a window, for the
 * results-on-time views: the wall's overdue alert by lab, the lab's own list, the daily report.
 *
 * Tested: most labs post only running totals (lab.counts), so a box counts as tested when the
 * lab's tested counter passes it in receipt order (first in, first out: src/lib/domain/lab-fifo.ts);
 * a box whose every tube has a pool result is tested by its last one. Result: the count report that
 * covers a box is its results being released (negatives are implied by the count; a positive pool
 * is reported on its own), so result and tested are one moment. The 8-hour promise runs from
 * sealing: a box does not record when its first person was sampled.
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deviceCredentials, deviceEvents, labs, poolResults, sampleBoxes, sites } from '../../db/schema/index';
import { fifoTestedTimes } from '../../../src/lib/domain/lab-fifo';
import { turnaround, type Turnaround, type TurnaroundItem } from '../../../src/lib/domain/turnaround';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';

export interface BoxTurnaround extends TurnaroundItem {
	siteId: string;
	siteName: string;
	townshipId: string;
	tubes: number;
	/** Tubes with a positive pool result. */
	positiveTubes: number;
	turnaround: Turnaround;
}

/**
 * Boxes sealed from `since` to `now`, each with its turnaround at `now`. The labs' counts are read
 * from the start of the service day of `since`, so a count covers the receipts it can be about.
 */
export async function loadBoxTurnarounds(db: Db, { since, now }: { since: number; now: number }): Promise<BoxTurnaround[]> {
	const from = serviceDayStart(serviceDay(since));
	const boxRows = await db
		.select({ id: sampleBoxes.id, siteId: sampleBoxes.siteId, siteName: sites.name, townshipId: sites.townshipId, sealedAt: sampleBoxes.sealedAt, tubes: sampleBoxes.tubes, labId: sampleBoxes.labId, receivedAt: sampleBoxes.receivedAt })
		.from(sampleBoxes)
		.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
		.where(and(gte(sampleBoxes.sealedAt, new Date(since)), lte(sampleBoxes.sealedAt, new Date(now))));
	if (boxRows.length === 0) return [];
	// Lab systems' own reports, found through the device index (only a lab_system may post lab.counts).
	const labDevices = await db.select({ id: deviceCredentials.deviceId }).from(deviceCredentials).where(eq(deviceCredentials.kind, 'lab_system'));
	const [readingRows, resultRows] = await Promise.all([
		labDevices.length === 0
			? []
			: db
					.select({ labId: sql<string>`${deviceEvents.payload}->>'labId'`, at: deviceEvents.at, tested: sql<number>`(${deviceEvents.payload}->>'testedTubes')::int` })
					.from(deviceEvents)
					.where(and(inArray(deviceEvents.deviceId, labDevices.map((device) => device.id)), eq(deviceEvents.type, 'lab.counts'), gte(deviceEvents.at, new Date(from)), lte(deviceEvents.at, new Date(now)))),
		db
			.select({ boxId: poolResults.boxId, at: poolResults.at, result: poolResults.result })
			.from(poolResults)
			.where(and(inArray(poolResults.boxId, boxRows.map((box) => box.id)), lte(poolResults.at, new Date(now))))
	]);
	const results = new Map<string, { at: number[]; positive: number }>();
	for (const row of resultRows) {
		const entry = results.get(row.boxId) ?? { at: [], positive: 0 };
		entry.at.push(row.at.getTime());
		if (row.result === 'positive') entry.positive++;
		results.set(row.boxId, entry);
	}
	const received = boxRows.filter((box) => box.labId !== null && box.receivedAt !== null && box.receivedAt.getTime() <= now);
	const tested = fifoTestedTimes(
		received.map((box) => ({ id: box.id, labId: box.labId!, receivedAt: box.receivedAt!.getTime(), tubes: box.tubes, tubeResults: results.get(box.id)?.at })),
		readingRows.map((row) => ({ labId: row.labId, at: row.at.getTime(), testedTubes: Number(row.tested) }))
	);
	return boxRows.map((box) => {
		const receivedAt = box.receivedAt && box.receivedAt.getTime() <= now ? box.receivedAt.getTime() : null;
		const testedAt = receivedAt === null ? null : (tested.get(box.id) ?? null);
		const item: TurnaroundItem = { id: box.id, labId: receivedAt === null ? null : box.labId, sealedAt: box.sealedAt.getTime(), receivedAt, testedAt, resultAt: testedAt };
		return { ...item, siteId: box.siteId, siteName: box.siteName, townshipId: box.townshipId, tubes: box.tubes, positiveTubes: results.get(box.id)?.positive ?? 0, turnaround: turnaround(item, now) };
	});
}

/** The testing labs (not transfer stations), by id. */
export async function testingLabs(db: Db): Promise<Map<string, { id: string; name: string; lat: number; lon: number; capacityTubesPerDay: number }>> {
	const rows = await db.select().from(labs).where(eq(labs.kind, 'lab'));
	return new Map(rows.map((lab) => [lab.id, lab]));
}

/** Boxes that reached a lab and are past their 8 hours without a result: by lab, tubes and boxes. */
export function overdueByLab(boxes: readonly BoxTurnaround[]): Map<string, { boxes: BoxTurnaround[]; tubes: number; oldestDueAt: number }> {
	const byLab = new Map<string, { boxes: BoxTurnaround[]; tubes: number; oldestDueAt: number }>();
	for (const box of boxes) {
		if (box.labId === null || box.turnaround.state !== 'overdue') continue;
		const entry = byLab.get(box.labId) ?? { boxes: [], tubes: 0, oldestDueAt: box.turnaround.dueAt };
		entry.boxes.push(box);
		entry.tubes += box.tubes;
		entry.oldestDueAt = Math.min(entry.oldestDueAt, box.turnaround.dueAt);
		byLab.set(box.labId, entry);
	}
	return byLab;
}

