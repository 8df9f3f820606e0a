/**
 * Ids that sent positions before anyone registered them, listed for an admin to register or
 * ignore. Anyone can send such a position (Traccar Client has no credential), so the list is
 * bounded: notes are rate-limited per source address (by the caller), the table keeps only the
 * newest UNKNOWN_TRACKERS.maxRows ids and forgets an id not heard from for keepDays, and the
 * listing comes a page at a time.
 */
import { and, asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { trackers, unknownTrackers } from '../../db/schema/index';

export const UNKNOWN_TRACKERS = {
	maxRows: 1000,
	keepDays: 7,
	/** New notes one source address may make at once, then perAddressPerMinute. */
	burstPerAddress: 10,
	perAddressPerMinute: 6,
	defaultPage: 100,
	maxPage: 500
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records (or refreshes) an unknown id; when it is new, evicts the expired and the oldest past the cap. */
export async function noteUnknownTracker(db: Db, trackerId: string, fix: { lat: number; lon: number }, now: number): Promise<void> {
	const [row] = await db
		.insert(unknownTrackers)
		.values({ id: trackerId, firstSeenAt: new Date(now), lastSeenAt: new Date(now), attempts: 1, lastLat: fix.lat, lastLon: fix.lon })
		.onConflictDoUpdate({ target: unknownTrackers.id, set: { lastSeenAt: new Date(now), attempts: sql`${unknownTrackers.attempts} + 1`, lastLat: fix.lat, lastLon: fix.lon } })
		// xmax is 0 for a row this statement inserted, not for one it updated.
		.returning({ inserted: sql<boolean>`(xmax = 0)` });
	if (!row?.inserted) return;
	const newest = db.select({ id: unknownTrackers.id }).from(unknownTrackers).orderBy(desc(unknownTrackers.lastSeenAt), desc(unknownTrackers.id)).limit(UNKNOWN_TRACKERS.maxRows);
	await db.delete(unknownTrackers).where(sql`${unknownTrackers.lastSeenAt} < ${new Date(now - UNKNOWN_TRACKERS.keepDays * DAY_MS)} or ${unknownTrackers.id} not in (${newest})`);
}

export interface TrackerPage {
	/** 1..UNKNOWN_TRACKERS.maxPage; default defaultPage. */
	limit?: number;
	/** The id after which each list continues: the `next` of the page before. */
	registeredAfter?: string | null;
	unknownAfter?: string | null;
}

/** Registered trackers and unknown ids, each in id order, a page of each at a time. */
export async function listTrackerPage(db: Db, page: TrackerPage = {}, now = Date.now()) {
	const limit = page.limit ?? UNKNOWN_TRACKERS.defaultPage;
	const [registered, unknown] = await Promise.all([
		db
			.select()
			.from(trackers)
			.where(page.registeredAfter ? gt(trackers.id, page.registeredAfter) : undefined)
			.orderBy(asc(trackers.id))
			.limit(limit + 1),
		db
			.select()
			.from(unknownTrackers)
			.where(and(gt(unknownTrackers.lastSeenAt, new Date(now - UNKNOWN_TRACKERS.keepDays * DAY_MS)), page.unknownAfter ? gt(unknownTrackers.id, page.unknownAfter) : undefined))
			.orderBy(asc(unknownTrackers.id))
			.limit(limit + 1)
	]);
	const next = <T extends { id: string }>(rows: T[]) => (rows.length > limit ? rows[limit - 1].id : null);
	return { registered: registered.slice(0, limit), unknown: unknown.slice(0, limit), next: { registeredAfter: next(registered), unknownAfter: next(unknown) } };
}
