/**
 * Vehicles' tracks from the position history, and the places (fences) they may stop at: sampling
 * sites, labs and transfer stations, quarantine hotels. The dispatcher's board reads the last
 * half hour for stops and arrivals; replay reads any window.
 */
import { and, asc, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labs, positions, quarantineSites, sites } from '../../db/schema/index';
import type { Geofence } from '../../../src/lib/domain/geofence';
import { PLACE_FENCE_RADIUS_M, type TrackFix } from '../../../src/lib/domain/vehicle-track';

export interface Place extends Geofence {
	name: string;
	kind: 'site' | 'lab' | 'transfer_station' | 'hotel';
}

export async function loadPlaces(db: Db): Promise<Place[]> {
	const [siteRows, labRows, hotelRows] = await Promise.all([
		db.select({ id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon }).from(sites),
		db.select({ id: labs.id, name: labs.name, kind: labs.kind, lat: labs.lat, lon: labs.lon }).from(labs),
		db.select({ id: quarantineSites.id, name: quarantineSites.name, lat: quarantineSites.lat, lon: quarantineSites.lon }).from(quarantineSites)
	]);
	return [
		...siteRows.map((site) => ({ id: site.id, name: site.name, kind: 'site' as const, center: { lat: site.lat, lon: site.lon }, radiusM: PLACE_FENCE_RADIUS_M.site })),
		...labRows.map((lab) => ({ id: lab.id, name: lab.name, kind: lab.kind, center: { lat: lab.lat, lon: lab.lon }, radiusM: PLACE_FENCE_RADIUS_M.lab })),
		...hotelRows.map((hotel) => ({ id: hotel.id, name: hotel.name, kind: 'hotel' as const, center: { lat: hotel.lat, lon: hotel.lon }, radiusM: PLACE_FENCE_RADIUS_M.hotel }))
	];
}

/** Each vehicle's fixes in [from, to], in device-time order (null vehicleIds: every vehicle). */
export async function loadTracks(db: Db, vehicleIds: string[] | null, from: Date, to: Date): Promise<Map<string, TrackFix[]>> {
	const window = and(gte(positions.at, from), lte(positions.at, to));
	const rows = await db
		.select({ vehicleId: positions.vehicleId, at: positions.at, lat: positions.lat, lon: positions.lon, speedKmh: positions.speedKmh })
		.from(positions)
		.where(vehicleIds === null ? window : and(window, inArray(positions.vehicleId, vehicleIds)))
		.orderBy(asc(positions.vehicleId), asc(positions.at));
	const tracks = new Map<string, TrackFix[]>();
	for (const row of rows) {
		const track = tracks.get(row.vehicleId) ?? [];
		track.push({ at: row.at.getTime(), lat: row.lat, lon: row.lon, speedKmh: row.speedKmh });
		tracks.set(row.vehicleId, track);
	}
	return tracks;
}
