/**
 * Is a place in the county? A ledger row whose coordinates lie far outside the county (a 城门街道
 * site typed with Beijing's coordinates, longitude and latitude swapped, a missing digit) would put
 * a site or a lab on the map hundreds of kilometres away and send couriers there; it is flagged at
 * import and written only when the importer confirms.
 *
 * The extent is the box around the places already registered, widened by a margin (a county's new
 * site may lie a little beyond its known ones). With nothing registered yet, it is the box around
 * the middle of the file's own rows, so a first import still catches the odd row out.
 */
import type { LatLon } from './coordinates';

export interface Extent {
	south: number;
	west: number;
	north: number;
	east: number;
}

/** ~20 km: beyond any misplacement of a real place of the county, far short of a wrong city. */
export const EXTENT_MARGIN_DEGREES = 0.2;
/** Half the side of the box around a file's middle when nothing is registered: a large county's reach. */
export const FILE_EXTENT_HALF_DEGREES = 0.75;

/** The box around the places, widened by the margin; null when there are none. */
export function extentAround(points: LatLon[], margin = EXTENT_MARGIN_DEGREES): Extent | null {
	if (points.length === 0) return null;
	let [south, north, west, east] = [Infinity, -Infinity, Infinity, -Infinity];
	for (const { lat, lon } of points) {
		south = Math.min(south, lat);
		north = Math.max(north, lat);
		west = Math.min(west, lon);
		east = Math.max(east, lon);
	}
	return { south: south - margin, north: north + margin, west: west - margin, east: east + margin };
}

/** The box around the median point of a file's rows (the median, so a few wrong rows cannot move it). */
export function extentAroundMedian(points: LatLon[], half = FILE_EXTENT_HALF_DEGREES): Extent | null {
	if (points.length === 0) return null;
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const lat = median(points.map((point) => point.lat));
	const lon = median(points.map((point) => point.lon));
	return { south: lat - half, north: lat + half, west: lon - half, east: lon + half };
}

export function withinExtent(point: LatLon, extent: Extent): boolean {
	return point.lat >= extent.south && point.lat <= extent.north && point.lon >= extent.west && point.lon <= extent.east;
}

/** Roughly how far outside, in km (for the message): 0 inside. */
export function kmOutside(point: LatLon, extent: Extent): number {
	const dLat = Math.max(extent.south - point.lat, 0, point.lat - extent.north);
	const dLon = Math.max(extent.west - point.lon, 0, point.lon - extent.east);
	const kmPerDegreeLon = 111.32 * Math.cos((point.lat * Math.PI) / 180);
	return Math.round(Math.hypot(dLat * 110.57, dLon * kmPerDegreeLon));
}
