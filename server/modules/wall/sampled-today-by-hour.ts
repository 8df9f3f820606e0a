/**
 * The wall's hourly sampling bars (src/lib/domain/sampled-by-hour.ts): per site and China-time
 * hour of today, the tablet's greatest sampledToday (site.queue in device_events) and the people of
 * the boxes sealed, so the bars add up to the 今日采样 KPI, start-up hour included. The same rule as
 * the live state (server/pipeline/live-state.ts) and GET /api/coverage: once anyone is sampled against
 * the roster today (sampled_members, at a desk or at home), the bars are those members by the hour
 * they were sampled (a township's wall: the members of its roster); the tablets' own counts and the
 * boxes only count in a county that does not scan.
 */
import { and, eq, gte, sql, sum } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sampleBoxes, sites } from '../../db/schema/index';
import { sampledByHour, type TabletHour } from '../../../src/lib/domain/sampled-by-hour';
import { serviceDay } from '../../../src/lib/domain/service-day';

const CHINA_HOUR = (column: string) => sql.raw(`(floor((extract(epoch from ${column}) + 28800) / 3600)::int % 24)`);

export async function sampledTodayByHour(db: Db, townshipId: string | null, dayStart: Date, now: number): Promise<Map<number, number>> {
	const siteInScope = townshipId ? eq(sites.townshipId, townshipId) : sql`true`;
	const day = serviceDay(dayStart.getTime());
	const rosterRows = rowsOf<{ hour: number | string; sampled: number | string }>(
		await db.execute(sql`select ${CHINA_HOUR('s.sampled_at')} as hour, count(*) as sampled from sampled_members s
			join roster_members r on r.code = s.member_code
			where s.day = ${day} and s.sampled_at <= ${new Date(now).toISOString()}::timestamptz ${townshipId ? sql`and r.township_id = ${townshipId}` : sql``} group by 1`)
	);
	const anyScanned = rosterRows.length > 0 || (townshipId !== null && rowsOf(await db.execute(sql`select 1 from sampled_members where day = ${day} limit 1`)).length > 0);
	if (anyScanned) return new Map(rosterRows.map((row) => [Number(row.hour), Number(row.sampled)]));
	const [scope, tabletRows, boxRows, scannedRows] = await Promise.all([
		db.select({ id: sites.id }).from(sites).where(siteInScope),
		db.execute(sql`select payload->>'siteId' as site_id, ${CHINA_HOUR('at')} as hour, max((payload->>'sampledToday')::int) as sampled
			from device_events where type = 'site.queue' and payload ? 'sampledToday' and at >= ${dayStart.toISOString()}::timestamptz and at <= ${new Date(now).toISOString()}::timestamptz
			group by 1, 2`),
		db
			.select({ siteId: sampleBoxes.siteId, hour: sql<number>`(floor((extract(epoch from ${sampleBoxes.sealedAt}) + 28800) / 3600)::int % 24)`, people: sum(sampleBoxes.people) })
			.from(sampleBoxes)
			.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
			.where(and(gte(sampleBoxes.sealedAt, dayStart), siteInScope))
			.groupBy(sampleBoxes.siteId, sql`2`),
		db.execute(sql`select site_id, ${CHINA_HOUR('sampled_at')} as hour, count(*) as sampled from sampled_members
			where day = ${serviceDay(dayStart.getTime())} and site_id is not null and sampled_at <= ${new Date(now).toISOString()}::timestamptz group by 1, 2`)
	]);
	const inScope = new Set(scope.map((site) => site.id));
	const tablets = rowsOf<{ site_id: string; hour: number | string; sampled: number | string }>(tabletRows)
		.filter((row) => inScope.has(row.site_id))
		.map((row) => ({ siteId: row.site_id, hour: Number(row.hour), sampledToday: Number(row.sampled) }));
	const scanned = rowsOf<{ site_id: string; hour: number | string; sampled: number | string }>(scannedRows)
		.filter((row) => inScope.has(row.site_id))
		.map((row) => ({ siteId: row.site_id, hour: Number(row.hour), sampled: Number(row.sampled) }));
	return sampledByHour(withScanned(tablets, scanned), boxRows.map((row) => ({ siteId: row.siteId, hour: Number(row.hour), people: Number(row.people ?? 0) })));
}

/**
 * The tablets' readings with the members scanned folded in: per site and hour, the larger of the
 * tablet's greatest count so far and the members scanned so far (both running counts of the day).
 */
function withScanned(tablets: TabletHour[], scanned: { siteId: string; hour: number; sampled: number }[]): TabletHour[] {
	if (scanned.length === 0) return tablets;
	const sites = new Set([...tablets.map((row) => row.siteId), ...scanned.map((row) => row.siteId)]);
	const merged: TabletHour[] = [];
	for (const siteId of sites) {
		const tablet = new Map(tablets.filter((row) => row.siteId === siteId).map((row) => [row.hour, row.sampledToday]));
		const perHour = new Map(scanned.filter((row) => row.siteId === siteId).map((row) => [row.hour, row.sampled]));
		let tabletSoFar = 0;
		let scannedSoFar = 0;
		for (const hour of [...new Set([...tablet.keys(), ...perHour.keys()])].sort((a, b) => a - b)) {
			tabletSoFar = Math.max(tabletSoFar, tablet.get(hour) ?? 0);
			scannedSoFar += perHour.get(hour) ?? 0;
			merged.push({ siteId, hour, sampledToday: Math.max(tabletSoFar, scannedSoFar) });
		}
	}
	return merged;
}

/** PGlite answers { rows }, postgres-js an array of rows. */
function rowsOf<T>(result: unknown): T[] {
	return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}
