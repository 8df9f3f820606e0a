/**
 * Each site's first person sampled (sampled_members) or box sealed (sample_boxes) of a service day:
 * when its samplers' PPE time started if that was before the opening hour (src/lib/domain/shift-start.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { serviceDayStart } from '../../../src/lib/domain/service-day';

/** PGlite answers { rows }, postgres-js an array of rows. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

export async function firstSamplesOn(db: Db, day: string, siteIds: string[]): Promise<Map<string, number>> {
	if (siteIds.length === 0) return new Map();
	const ids = sql.join(siteIds.map((id) => sql`${id}`), sql`, `);
	const dayStart = new Date(serviceDayStart(day)).toISOString();
	const result = await db.execute(sql`select site_id, min(first) as first from (
			select site_id, min(sampled_at) as first from sampled_members where day = ${day} and site_id in (${ids}) group by site_id
			union all
			select site_id, min(sealed_at) as first from sample_boxes where sealed_at >= ${dayStart}::timestamptz and site_id in (${ids}) group by site_id
		) firsts group by site_id`);
	return new Map(rowsOf<{ site_id: string; first: string | Date }>(result).map((row) => [row.site_id, new Date(row.first).getTime()]));
}
