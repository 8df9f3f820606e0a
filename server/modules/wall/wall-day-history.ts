/**
 * GET /api/wall/history: today's chart history from 06:00 China time (src/lib/domain/day-history.ts),
 * rebuilt from the stored device events (site.queue, lab.counts in device_events), so a wall opened
 * or reloaded at 15:00 draws the day at once; its live samples then extend it. Counts per township
 * and lab only. Computed at most every HISTORY_TTL_MS per scope: any number of walls cost one query.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sites } from '../../db/schema/index';
import type { WallDayHistory } from '../../../src/lib/protocol/wall-overview';
import { DAY_HISTORY_STEP_MS, dayHistory, dayHistoryFrom } from '../../../src/lib/domain/day-history';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';

const HISTORY_TTL_MS = 60_000;
/** A site's last reading before 06:00 is where its queue stood then; older ones are not looked at. */
const LOOK_BACK_MS = 2 * 3_600_000;

export async function computeDayHistory(db: Db, townshipId: string | null, now: number): Promise<WallDayHistory> {
	const from = dayHistoryFrom(now);
	const step = DAY_HISTORY_STEP_MS;
	// Lab counts are running totals of a service day: none from before today's midnight.
	const labsSince = Math.max(from - LOOK_BACK_MS, serviceDayStart(serviceDay(now)));
	const stepSql = sql.raw(`greatest(0, ceil((extract(epoch from at) * 1000 - ${from}) / ${step}))::int`);
	const [siteRows, queueRows, labRows] = await Promise.all([
		db.select({ id: sites.id, townshipId: sites.townshipId }).from(sites).where(townshipId ? eq(sites.townshipId, townshipId) : sql`true`),
		// The newest reading of each site in each step: a few thousand rows for a county's day, not every report.
		db.execute(sql`select distinct on (payload->>'siteId', ${stepSql}) payload->>'siteId' as id, ${stepSql} as step, (payload->>'queueLength')::int as value, extract(epoch from at) * 1000 as at
			from device_events where type = 'site.queue' and at >= ${new Date(from - LOOK_BACK_MS).toISOString()}::timestamptz and at <= ${new Date(now).toISOString()}::timestamptz
			order by payload->>'siteId', ${stepSql}, at desc`),
		// Running totals: the greatest of each in each step (a lower resend or a LIMS counting from 0 again is no drop).
		db.execute(sql`select payload->>'labId' as id, ${stepSql} as step, max((payload->>'receivedTubes')::int) as received, max((payload->>'testedTubes')::int) as tested, max(extract(epoch from at) * 1000) as at
			from device_events where type = 'lab.counts' and at >= ${new Date(labsSince).toISOString()}::timestamptz and at <= ${new Date(now).toISOString()}::timestamptz
			group by 1, 2`)
	]);
	const samples = dayHistory({
		from,
		now,
		townshipOfSite: new Map(siteRows.map((site) => [site.id, site.townshipId])),
		queueReadings: rowsOf<Row>(queueRows).map((row) => ({ siteId: row.id, at: Number(row.at), queueLength: Number(row.value) })),
		labReadings: rowsOf<LabRow>(labRows).map((row) => ({ labId: row.id, at: Number(row.at), receivedTubes: Number(row.received), testedTubes: Number(row.tested) }))
	});
	return { generatedAt: new Date(now).toISOString(), from: new Date(from).toISOString(), stepMinutes: step / 60_000, samples };
}

type Row = { id: string; step: number; value: number; at: number | string };
type LabRow = { id: string; step: number; received: number | string; tested: number | string; at: number | string };

/** PGlite answers { rows }, postgres-js an array of rows. */
function rowsOf<T>(result: unknown): T[] {
	return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

export class WallDayHistories {
	#cache = new Map<string, { at: number; history: Promise<WallDayHistory> }>();
	#db: Db;

	constructor(db: Db) {
		this.#db = db;
	}

	get(townshipId: string | null, now = Date.now()): Promise<WallDayHistory> {
		const key = townshipId ?? '*';
		const cached = this.#cache.get(key);
		if (cached && now - cached.at < HISTORY_TTL_MS) return cached.history;
		const history = computeDayHistory(this.#db, townshipId, now);
		this.#cache.set(key, { at: now, history });
		history.catch(() => this.#cache.delete(key));
		return history;
	}
}
