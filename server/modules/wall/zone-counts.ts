/**
 * Households and people inside each standing risk zone, for the wall (src/lib/domain/risk-zones.ts:
 * each household once, in the strictest zone it lies in). Homes are read here to be counted and
 * never leave: the wall gets a number per zone. Only households within the zones' bounding box
 * are read, so a county-wide register is not loaded for a village-sized zone.
 */
import { and, between, isNotNull, like, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, households } from '../../db/schema/index';
import { countInZones, type ZoneCount, type ZoneToCount } from '../../../src/lib/domain/risk-zones';

function bounds(zones: readonly ZoneToCount[]) {
	const positions = zones.flatMap((zone) => (zone.polygon.type === 'Polygon' ? zone.polygon.coordinates.flat() : zone.polygon.coordinates.flat(2)));
	const lons = positions.map((p) => p[0]);
	const lats = positions.map((p) => p[1]);
	return { minLon: Math.min(...lons), maxLon: Math.max(...lons), minLat: Math.min(...lats), maxLat: Math.max(...lats) };
}

export async function countZones(db: Db, villagePrefix: string, zones: readonly ZoneToCount[]): Promise<Map<string, ZoneCount>> {
	if (zones.length === 0) return new Map();
	const box = bounds(zones);
	const placed = await db
		.select({ lat: householdPrivate.lat, lon: householdPrivate.lon, members: households.members })
		.from(households)
		.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.where(and(like(households.villageId, `${villagePrefix}%`), isNotNull(householdPrivate.lat), isNotNull(householdPrivate.lon), between(householdPrivate.lat, box.minLat, box.maxLat), between(householdPrivate.lon, box.minLon, box.maxLon)));
	const counts = countInZones(zones, placed.map((row) => ({ lat: row.lat!, lon: row.lon!, members: row.members })));
	return new Map(counts.map((count) => [count.zoneId, count]));
}
