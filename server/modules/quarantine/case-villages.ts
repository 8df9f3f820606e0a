/**
 * The village each case is placed in (src/lib/domain/case-place.ts): a hotel case at its hotel's
 * village, any other at its own. The wall's fever alerts (live and overview) and the dispatcher's
 * transfer proposals and pickup shields place a case by it; the desk and the officers' scope keep
 * the case's own village (who is responsible for it).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineSites, regions } from '../../db/schema/index';
import type { LatLon } from '../../../src/lib/domain/coordinates';
import { villageOfCase, type CasePlacing } from '../../../src/lib/domain/case-place';
import { villagePlaces } from './village-places';

export async function caseVillages<C extends CasePlacing & { id: string }>(db: Db, cases: readonly C[]): Promise<Map<string, string>> {
	const hotelIds = [...new Set(cases.flatMap((found) => (found.placeKind === 'hotel' && found.quarantineSiteId ? [found.quarantineSiteId] : [])))];
	if (hotelIds.length === 0) return new Map(cases.map((found) => [found.id, found.villageId]));
	const [hotelRows, villageRows] = await Promise.all([
		db.select({ id: quarantineSites.id, lat: quarantineSites.lat, lon: quarantineSites.lon }).from(quarantineSites).where(inArray(quarantineSites.id, hotelIds)),
		db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'village'))
	]);
	const hotels = new Map<string, LatLon>(hotelRows.map((hotel) => [hotel.id, { lat: hotel.lat, lon: hotel.lon }]));
	const centres = new Map<string, LatLon>();
	for (const [id, place] of await villagePlaces(db, villageRows.map((row) => row.id))) if (place.lat !== null && place.lon !== null) centres.set(id, { lat: place.lat, lon: place.lon });
	return new Map(cases.map((found) => [found.id, villageOfCase(found, hotels, centres)]));
}

export async function caseVillage(db: Db, found: CasePlacing & { id: string }): Promise<string> {
	return (await caseVillages(db, [found])).get(found.id)!;
}
