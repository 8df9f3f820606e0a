/** The townships and villages of a file that the county does not have yet (src/lib/ledgers/new-regions.ts). */
import { inArray } from 'drizzle-orm';
import { regions } from '../../../db/schema/index';
import type { Db } from '../../../db/client';
import { findNewRegions, type NewRegion } from '../../../../src/lib/ledgers/new-regions';
import { nameOfRegionId } from '../region-ids';

export async function newRegionsOf(db: Db, places: readonly { township: string; village?: string | null }[]): Promise<NewRegion[]> {
	const known = await db.select({ id: regions.id, level: regions.level }).from(regions).where(inArray(regions.level, ['township', 'village']));
	const villages = new Map<string, string[]>();
	for (const region of known) if (region.level === 'township') villages.set(nameOfRegionId(region.id), []);
	for (const region of known) {
		if (region.level !== 'village') continue;
		const township = region.id.slice(2, region.id.indexOf('/'));
		villages.set(township, [...(villages.get(township) ?? []), nameOfRegionId(region.id)]);
	}
	return findNewRegions(places, villages);
}
