/**
 * The wall's hourly sampling bars (src/lib/domain/sampled-by-hour.ts): per site and China-time
 * hour of today, the tablet's greatest sampledToday (site.queue in device_events) and the people of
 * the boxes sealed, so the bars add up to the 今日采样 KPI, start-up hour included.
 */
import { and, eq, gte, sql, sum } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sampleBoxes, sites } from '../../db/schema/index';
import { sampledByHour } from '../../../src/lib/domain/sampled-by-hour';

const CHINA_HOUR = (column: string) => sql.raw(`(floor((extract(epoch from ${column}) + 28800) / 3600)::int % 24)`);

export async function sampledTodayByHour(db: Db, townshipId: string | null, dayStart: Date, now: number): Promise<Map<number, number>> {
	const siteInScope = townshipId ? eq(sites.townshipId, townshipId) : sql`true`;
	const [scope, tabletRows, boxRows] = await Promise.all([
		db.select({ id: sites.id }).from(sites).where(siteInScope),
		db.execute(sql`select payload->>'siteId' as site_id, ${CHINA_HOUR('at')} as hour, max((payload->>'sampledToday')::int) as sampled
			from device_events where type = 'site.queue' and payload ? 'sampledToday' and at >= ${dayStart.toISOString()}::timestamptz and at <= ${new Date(now).toISOString()}::timestamptz
			group by 1, 2`),
		db
			.select({ siteId: sampleBoxes.siteId, hour: sql<number>`(floor((extract(epoch from ${sampleBoxes.sealedAt}) + 28800) / 3600)::int % 24)`, people: sum(sampleBoxes.people) })
			.from(sampleBoxes)
			.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
			.where(and(gte(sampleBoxes.sealedAt, dayStart), siteInScope))
			.groupBy(sampleBoxes.siteId, sql`2`)
	]);
	const inScope = new Set(scope.map((site) => site.id));
	const tablets = rowsOf<{ site_id: string; hour: number | string; sampled: number | string }>(tabletRows)
		.filter((row) => inScope.has(row.site_id))
		.map((row) => ({ siteId: row.site_id, hour: Number(row.hour), sampledToday: Number(row.sampled) }));
	return sampledByHour(tablets, boxRows.map((row) => ({ siteId: row.siteId, hour: Number(row.hour), people: Number(row.people ?? 0) })));
}

/** PGlite answers { rows }, postgres-js an array of rows. */
function rowsOf<T>(result: unknown): T[] {
	return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}
