import { sql } from 'drizzle-orm';
import { regions } from '../../../db/schema/index';
import { townshipId, villageId } from '../region-ids';
import type { Tx } from './ledger-store';

/** Makes sure the townships and villages a ledger names exist in the region tree. */
export async function ensureRegions(tx: Tx, places: { township: string; village?: string }[]): Promise<void> {
	const rows = new Map<string, typeof regions.$inferInsert>();
	for (const place of places) {
		rows.set(townshipId(place.township), { id: townshipId(place.township), parentId: null, level: 'township', name: place.township });
		if (place.village) rows.set(villageId(place.township, place.village), { id: villageId(place.township, place.village), parentId: townshipId(place.township), level: 'village', name: place.village });
	}
	const values = [...rows.values()];
	for (let start = 0; start < values.length; start += 1000) await tx.insert(regions).values(values.slice(start, start + 1000)).onConflictDoNothing();
}

/** Population and household counts of villages (from the household register) and of their townships. */
export async function recountRegions(tx: Tx): Promise<void> {
	await tx.execute(sql`
		update regions r set population = coalesce(h.population, 0), households = coalesce(h.households, 0)
		from (select v.id, sum(hh.members)::int as population, count(hh.id)::int as households
		      from regions v left join households hh on hh.village_id = v.id where v.level = 'village' group by v.id) h
		where r.id = h.id and (r.population, r.households) is distinct from (coalesce(h.population, 0), coalesce(h.households, 0))`);
	await tx.execute(sql`
		update regions t set population = s.population, households = s.households
		from (select parent_id, sum(population)::int as population, sum(households)::int as households from regions where level = 'village' group by parent_id) s
		where t.id = s.parent_id and t.level = 'township' and (t.population, t.households) is distinct from (s.population, s.households)`);
}
