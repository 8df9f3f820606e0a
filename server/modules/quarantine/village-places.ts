/**
 * Where the wall places a village: its centre in the register, or else the centre of its sampling
 * sites (as the overview places households). A public place, never a home.
 */
import { avg, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { regions, siteVillages, sites } from '../../db/schema/index';
import { nameOfRegionId } from '../ledgers/region-ids';

export interface VillagePlace {
	name: string;
	lat: number | null;
	lon: number | null;
}

export async function villagePlaces(db: Db, villageIds: readonly string[]): Promise<Map<string, VillagePlace>> {
	const ids = [...new Set(villageIds)];
	if (ids.length === 0) return new Map();
	const [named, centres] = await Promise.all([
		db.select({ id: regions.id, name: regions.name, lat: regions.lat, lon: regions.lon }).from(regions).where(inArray(regions.id, ids)),
		db
			.select({ villageId: siteVillages.villageId, lat: avg(sites.lat), lon: avg(sites.lon) })
			.from(siteVillages)
			.innerJoin(sites, eq(sites.id, siteVillages.siteId))
			.where(inArray(siteVillages.villageId, ids))
			.groupBy(siteVillages.villageId)
	]);
	const region = new Map(named.map((row) => [row.id, row]));
	const centre = new Map(centres.map((row) => [row.villageId, row]));
	return new Map(
		ids.map((id) => {
			const own = region.get(id);
			const sitesCentre = centre.get(id);
			const lat = own?.lat ?? (sitesCentre?.lat != null ? Number(sitesCentre.lat) : null);
			const lon = own?.lon ?? (sitesCentre?.lon != null ? Number(sitesCentre.lon) : null);
			return [id, { name: own?.name ?? nameOfRegionId(id), lat: lat !== null && lon !== null ? lat : null, lon: lat !== null && lon !== null ? lon : null }];
		})
	);
}

/** One village as the wall places it, or null when it cannot be placed (no centre, no sites). */
export async function villagePlace(db: Db, villageId: string): Promise<{ name: string; lat: number; lon: number } | null> {
	const place = (await villagePlaces(db, [villageId])).get(villageId);
	return place && place.lat !== null && place.lon !== null ? { name: place.name, lat: place.lat, lon: place.lon } : null;
}
