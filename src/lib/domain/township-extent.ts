/**
 * The part of the county a township's board shows: the box around the township's sites, widened by
 * a margin in metres. A township board gets the vehicles inside it (server/realtime/), so that a
 * megacity's township boards each get their own vehicles instead of every fix of the city.
 *
 * The margin (3 km) covers the roads into a township's edge sites and its neighbourhood: a vehicle
 * at 40 km/h shows about four and a half minutes before it reaches a site on the box's rim, and the
 * county's hotel or a lab just outside the township (城门街道's hotel is 1.7 km beyond its sites)
 * stays on its board; townships of a city are 5–10 km across, so 3 km still leaves the far side of
 * the city off a township's board. Pure; degrees WGS-84.
 */
import type { LatLon } from './coordinates';
import type { Extent } from './county-extent';

export type { Extent } from './county-extent';

export const TOWNSHIP_MARGIN_M = 3000;

/** Metres per degree of latitude (and of longitude at the equator) on the sphere distanceMetres uses. */
const METRES_PER_DEGREE = (2 * Math.PI * 6_371_008.8) / 360;

/**
 * The box around the points widened by `marginM` on every side; null with no points. The longitude
 * margin is taken at the latitude of the box's edge farthest from the equator, where a degree of
 * longitude is shortest, so the box is at least `marginM` wider everywhere along it.
 */
export function extentWidenedByMetres(points: Iterable<LatLon>, marginM: number = TOWNSHIP_MARGIN_M): Extent | null {
	let [south, north, west, east] = [Infinity, -Infinity, Infinity, -Infinity];
	for (const { lat, lon } of points) {
		if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
		if (lat < south) south = lat;
		if (lat > north) north = lat;
		if (lon < west) west = lon;
		if (lon > east) east = lon;
	}
	if (south === Infinity) return null;
	const dLat = marginM / METRES_PER_DEGREE;
	const farthest = Math.min(89, Math.max(Math.abs(south - dLat), Math.abs(north + dLat)));
	const dLon = marginM / (METRES_PER_DEGREE * Math.cos((farthest * Math.PI) / 180));
	return { south: south - dLat, north: north + dLat, west: west - dLon, east: east + dLon };
}

/** Whether a point (which may have no position yet) is inside the box, edges included. */
export function insideExtent(point: { lat: number | null; lon: number | null }, extent: Extent | null): boolean {
	if (!extent || point.lat === null || point.lon === null) return false;
	return point.lat >= extent.south && point.lat <= extent.north && point.lon >= extent.west && point.lon <= extent.east;
}
