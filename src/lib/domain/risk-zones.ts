/**
 * Risk zones (封控区 sealed, 管控区 controlled, 防范区 precaution; seed 003): which households lie
 * inside a zone's polygon, and how many households and people each zone holds. Zones are drawn
 * nested (a sealed block inside a controlled area inside a precaution area) and may overlap; a
 * household inside several counts once, in the strictest, whose measures are the ones that apply
 * to it. Geometry in WGS-84 degrees, GeoJSON rings of [lon, lat] (holes are cut out). Pure.
 */
export type RiskLevel = 'sealed' | 'controlled' | 'precaution';
export const RISK_LEVELS: readonly RiskLevel[] = ['sealed', 'controlled', 'precaution'];

export type ZonePolygon = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface ZoneToCount {
	id: string;
	level: RiskLevel;
	polygon: ZonePolygon;
}

/** Ray casting on one ring; a point exactly on an edge may fall either side. */
function inRing(lon: number, lat: number, ring: number[][]): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

export function insidePolygon(point: { lat: number; lon: number }, polygon: ZonePolygon): boolean {
	const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
	return polygons.some(([outer, ...holes]) => outer !== undefined && inRing(point.lon, point.lat, outer) && !holes.some((hole) => inRing(point.lon, point.lat, hole)));
}

/** Whether a polygon is one a zone can be: closed rings of at least 4 finite [lon, lat] positions, in range. */
export function validZonePolygon(polygon: ZonePolygon): boolean {
	const polygons = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
	if (polygons.length === 0) return false;
	return polygons.every(
		(rings) =>
			rings.length > 0 &&
			rings.every((ring) => {
				if (ring.length < 4 || !ring.every((p) => p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) return false;
				const [first, last] = [ring[0], ring[ring.length - 1]];
				return first[0] === last[0] && first[1] === last[1];
			})
	);
}

export interface PlacedHousehold {
	lat: number;
	lon: number;
	members: number;
}

export interface ZoneCount {
	zoneId: string;
	households: number;
	people: number;
}

/** Households and people per zone, each household in the strictest zone it lies in; every zone listed, 0 when empty. */
export function countInZones(zones: readonly ZoneToCount[], households: Iterable<PlacedHousehold>): ZoneCount[] {
	const counts = new Map(zones.map((zone) => [zone.id, { zoneId: zone.id, households: 0, people: 0 }]));
	const strictestFirst = [...zones].sort((a, b) => RISK_LEVELS.indexOf(a.level) - RISK_LEVELS.indexOf(b.level) || a.id.localeCompare(b.id));
	for (const household of households) {
		const zone = strictestFirst.find((candidate) => insidePolygon(household, candidate.polygon));
		if (!zone) continue;
		const count = counts.get(zone.id)!;
		count.households += 1;
		count.people += household.members;
	}
	return [...counts.values()];
}
