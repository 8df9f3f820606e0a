/**
 * Which device events are stored, wherever their kind keeps them: a courier position in positions
 * (one row, since migration 0017), every other event in device_events. For whoever counts what
 * persistence kept (tests, bench/pipeline.ts's "lost"), not for a hot path: positions is keyed
 * by vehicle and time, so finding a fix by its id alone scans the days it looks in.
 */
import { count, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { deviceEvents, positions } from '../db/schema/index';

export async function countStoredEvents(db: Db): Promise<number> {
	const [[others], [fixes]] = await Promise.all([db.select({ n: count() }).from(deviceEvents), db.select({ n: count() }).from(positions)]);
	return others.n + fixes.n;
}

/** The ids among ids that are stored, each as often as it is stored (once, unless something is wrong). */
export async function storedEventIds(db: Db, ids: string[]): Promise<string[]> {
	const found: string[] = [];
	for (let start = 0; start < ids.length; start += 1000) {
		const some = ids.slice(start, start + 1000);
		const [others, fixes] = await Promise.all([
			db.select({ id: deviceEvents.id }).from(deviceEvents).where(inArray(deviceEvents.id, some)),
			db.select({ id: positions.eventId }).from(positions).where(inArray(positions.eventId, some))
		]);
		found.push(...others.map((row) => row.id), ...fixes.map((row) => row.id));
	}
	return found;
}
