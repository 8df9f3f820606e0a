/**
 * The offline basemap: generated GeoJSON, no tiles, no network. Land, one schematic cell per
 * village (Voronoi cells around the sites: NOT real boundaries; the map says so once, with a
 * 示意底图 badge, rather than on every cell), the roads the scenario's vehicles drive, and labs. Pure, so it is unit-tested and built on demand.
 */
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';

export interface BasemapInput {
	bounds: { south: number; west: number; north: number; east: number };
	places: { id: string; name: string; village?: string; lat: number; lon: number; kind: 'site' | 'lab' }[];
	/** Each route is an ordered list of place ids, driven in a loop. */
	routes: string[][];
}

export type BasemapFeatureKind = 'land' | 'cell' | 'village' | 'road' | 'lab';

export function buildSchematicBasemap(input: BasemapInput): FeatureCollection {
	const { south, west, north, east } = input.bounds;
	const land: Position[] = [[west, south], [east, south], [east, north], [west, north], [west, south]];
	const features: Feature[] = [{ type: 'Feature', properties: { kind: 'land' }, geometry: { type: 'Polygon', coordinates: [land] } }];

	const sites = input.places.filter((place) => place.kind === 'site');
	const villages = new Map<string, Position[][]>();
	for (const site of sites) {
		let ring: Position[] = land.slice(0, -1);
		for (const other of sites) {
			if (other === site) continue;
			ring = clipToNearerHalf(ring, [site.lon, site.lat], [other.lon, other.lat]);
		}
		if (ring.length < 3) continue;
		const cell: Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
		const village = site.village ?? site.name;
		features.push({ type: 'Feature', properties: { kind: 'cell', name: village, placeId: site.id }, geometry: cell });
		villages.set(village, [...(villages.get(village) ?? []), ring]);
	}
	// One name per village, as a point at the centre of all its cells: a label on the polygons would
	// repeat once per cell (a village with three sites has three) and once per tile each cell spans.
	for (const [name, rings] of villages) {
		features.push({ type: 'Feature', properties: { kind: 'village', name }, geometry: { type: 'Point', coordinates: centroidOf(rings) } });
	}

	const byId = new Map(input.places.map((place) => [place.id, place]));
	const seen = new Set<string>();
	for (const route of input.routes) {
		for (let index = 0; index < route.length; index++) {
			const a = byId.get(route[index]);
			const b = byId.get(route[(index + 1) % route.length]);
			if (!a || !b || a === b) continue;
			const key = [a.id, b.id].sort().join('|');
			if (seen.has(key)) continue;
			seen.add(key);
			features.push({ type: 'Feature', properties: { kind: 'road' }, geometry: { type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] } });
		}
	}

	for (const lab of input.places.filter((place) => place.kind === 'lab')) {
		features.push({ type: 'Feature', properties: { kind: 'lab', name: lab.name }, geometry: { type: 'Point', coordinates: [lab.lon, lab.lat] } });
	}
	return { type: 'FeatureCollection', features };
}

/** The area-weighted centre of some convex rings (open, planar in degrees: fine for a schematic). */
export function centroidOf(rings: Position[][]): Position {
	let area = 0;
	let x = 0;
	let y = 0;
	for (const ring of rings) {
		for (let index = 0; index < ring.length; index++) {
			const [x0, y0] = ring[index];
			const [x1, y1] = ring[(index + 1) % ring.length];
			const cross = x0 * y1 - x1 * y0;
			area += cross / 2;
			x += ((x0 + x1) * cross) / 6;
			y += ((y0 + y1) * cross) / 6;
		}
	}
	if (area === 0) return rings[0][0];
	return [x / area, y / area];
}

/**
 * Sutherland–Hodgman: keeps the part of a convex ring closer to `own` than to `other`
 * (the half-plane of the perpendicular bisector). Planar in degrees: fine for a schematic.
 */
function clipToNearerHalf(ring: Position[], own: Position, other: Position): Position[] {
	const nx = other[0] - own[0];
	const ny = other[1] - own[1];
	const mid = [(own[0] + other[0]) / 2, (own[1] + other[1]) / 2];
	const side = (p: Position) => (p[0] - mid[0]) * nx + (p[1] - mid[1]) * ny; // ≤ 0 is own side
	const out: Position[] = [];
	for (let index = 0; index < ring.length; index++) {
		const current = ring[index];
		const next = ring[(index + 1) % ring.length];
		const sc = side(current);
		const sn = side(next);
		if (sc <= 0) out.push(current);
		if ((sc <= 0) !== (sn <= 0)) {
			const t = sc / (sc - sn);
			out.push([current[0] + (next[0] - current[0]) * t, current[1] + (next[1] - current[1]) * t]);
		}
	}
	return out;
}
