/**
 * The 边界 cell of the risk-zone ledger: a GeoJSON Polygon or MultiPolygon (a Feature holding one is
 * accepted too), or a plain list of 经度,纬度 pairs separated by ; or new lines, as a township
 * copies it out of a map tool. A list is closed for the writer (its first point repeated at the
 * end). WGS-84 degrees, [lon, lat]. Checked by the same rule the add and redraw commands apply.
 */
import { validZonePolygon, type ZonePolygon } from '../domain/risk-zones';
import type { FieldParser, FieldResult } from './fields';

export const BOUNDARY_NOT_READABLE = 'is not a boundary: a GeoJSON Polygon or MultiPolygon, or 经度,纬度 pairs separated by ;';
export const BOUNDARY_TOO_FEW = 'needs at least 3 distinct points';
export const BOUNDARY_TOO_LARGE = 'is too large: at most 50 rings of 2000 points each';
export const BOUNDARY_INVALID = 'is not a valid boundary: each ring needs at least 4 positions, closed, longitude within ±180 and latitude within ±90';

const fail = (message: string): FieldResult<never> => ({ ok: false, message });

function fromGeoJson(value: string): ZonePolygon | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		return null;
	}
	const geometry = (parsed as { type?: string; geometry?: unknown })?.type === 'Feature' ? (parsed as { geometry: unknown }).geometry : parsed;
	const { type, coordinates } = (geometry ?? {}) as { type?: unknown; coordinates?: unknown };
	if ((type !== 'Polygon' && type !== 'MultiPolygon') || !Array.isArray(coordinates)) return null;
	const depth = type === 'Polygon' ? 3 : 4;
	const numeric = (node: unknown, level: number): boolean => (level === 0 ? typeof node === 'number' : Array.isArray(node) && node.every((child) => numeric(child, level - 1)));
	return numeric(coordinates, depth) ? ({ type, coordinates } as ZonePolygon) : null;
}

function fromPairs(value: string): number[][] | null {
	const pairs = value.split(/[;；\n]+/).map((pair) => pair.trim()).filter(Boolean);
	const points: number[][] = [];
	for (const pair of pairs) {
		const parts = pair.split(/\s*[,，\s]\s*/).filter(Boolean);
		if (parts.length !== 2) return null;
		const [lon, lat] = parts.map(Number);
		if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
		points.push([lon, lat]);
	}
	return points;
}

/** Closes a ring given as its corners (the first point repeated at the end when it is not already). */
export function closedRing(points: number[][]): number[][] {
	if (points.length === 0) return points;
	const [first, last] = [points[0], points[points.length - 1]];
	return first[0] === last[0] && first[1] === last[1] ? points : [...points, first];
}

export const zoneBoundary: FieldParser<ZonePolygon> = (value) => {
	let polygon: ZonePolygon;
	if (value.startsWith('{')) {
		const geoJson = fromGeoJson(value);
		if (!geoJson) return fail(BOUNDARY_NOT_READABLE);
		polygon = geoJson;
	} else {
		const points = fromPairs(value);
		if (!points) return fail(BOUNDARY_NOT_READABLE);
		const distinct = new Set(points.map((p) => `${p[0]},${p[1]}`));
		if (distinct.size < 3) return fail(BOUNDARY_TOO_FEW);
		polygon = { type: 'Polygon', coordinates: [closedRing(points)] };
	}
	if (!validZonePolygon(polygon)) return fail(BOUNDARY_INVALID);
	const rings = polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
	return rings.length > 50 || rings.some((ring) => ring.length > 2000) ? fail(BOUNDARY_TOO_LARGE) : { ok: true, value: polygon };
};

/** How a boundary is written back to a ledger: GeoJSON, which reads back the same. */
export const formatBoundary = (value: unknown): string => (value ? JSON.stringify(value) : '');
