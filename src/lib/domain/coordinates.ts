/**
 * Coordinate systems met in the field. Chinese map apps report GCJ-02 or BD-09; survey gear
 * reports CGCS2000, which differs from WGS-84 by centimetres. Everything is stored in WGS-84.
 */
import gcoord from 'gcoord';

export type CoordinateSystem = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000';

export interface LatLon {
	lat: number;
	lon: number;
}

export function toWgs84(point: LatLon, from: CoordinateSystem): LatLon {
	if (from === 'wgs84' || from === 'cgcs2000') return { lat: point.lat, lon: point.lon };
	const source = from === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
	const [lon, lat] = gcoord.transform([point.lon, point.lat], source, gcoord.WGS84);
	return { lat, lon };
}

type Rings = number[][][];

/**
 * A GeoJSON Polygon or MultiPolygon with every [lon, lat] position converted to WGS-84. Each
 * position is converted on its own, so a ring closed in the source stays closed.
 */
export function polygonToWgs84<P extends { type: 'Polygon'; coordinates: Rings } | { type: 'MultiPolygon'; coordinates: Rings[] }>(polygon: P, from: CoordinateSystem): P {
	if (from === 'wgs84' || from === 'cgcs2000') return polygon;
	const ring = (positions: number[][]) => positions.map(([lon, lat]) => {
		const converted = toWgs84({ lat, lon }, from);
		return [converted.lon, converted.lat];
	});
	const coordinates = polygon.type === 'Polygon' ? polygon.coordinates.map(ring) : polygon.coordinates.map((rings) => rings.map(ring));
	return { ...polygon, coordinates } as P;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres. */
export function distanceMetres(a: LatLon, b: LatLon): number {
	const toRad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * toRad;
	const dLon = (b.lon - a.lon) * toRad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b in degrees clockwise from north, 0–360. */
export function bearingDegrees(a: LatLon, b: LatLon): number {
	const toRad = Math.PI / 180;
	const y = Math.sin((b.lon - a.lon) * toRad) * Math.cos(b.lat * toRad);
	const x = Math.cos(a.lat * toRad) * Math.sin(b.lat * toRad) - Math.sin(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.cos((b.lon - a.lon) * toRad);
	return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}
