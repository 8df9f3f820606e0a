import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildSchematicBasemap } from '../../src/lib/map/basemap/schematic-basemap';
import { siteFeatures, sitesLayers } from '../../src/lib/map/layers/sites.layer';
import { vehicleFeatures } from '../../src/lib/map/layers/vehicles.layer';
import { chengmen } from '../../server/sim/scenarios/chengmen';

function inside(point: [number, number], polygon: Polygon): boolean {
	const ring = polygon.coordinates[0];
	let result = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i];
		const [xj, yj] = ring[j];
		if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) result = !result;
	}
	return result;
}

describe('buildSchematicBasemap', () => {
	const { sites, labs } = chengmen.ledgers();
	const basemap = buildSchematicBasemap({
		bounds: chengmen.bounds,
		places: [
			...sites.map((site) => ({ id: site.code, name: site.name, village: site.villages.join('、'), lat: site.latitude, lon: site.longitude, kind: 'site' as const })),
			...labs.map((lab) => ({ id: lab.code, name: lab.name, lat: lab.latitude, lon: lab.longitude, kind: 'lab' as const }))
		],
		routes: chengmen.routes.map((route) => route.stops)
	});
	const ofKind = (kind: string) => basemap.features.filter((feature) => feature.properties!.kind === kind);

	it('draws one schematic cell per site, containing its site and labelled as schematic', () => {
		const cells = ofKind('cell');
		expect(cells).toHaveLength(sites.length);
		for (const site of sites) {
			const cell = cells.find((feature) => feature.properties!.placeId === site.code)!;
			expect(inside([site.longitude, site.latitude], cell.geometry as Polygon)).toBe(true);
			expect(cell.properties!.name).toContain('示意');
		}
	});

	it('draws each road of the vehicle routes once, and the labs', () => {
		const roads = ofKind('road');
		const keys = roads.map((road) => JSON.stringify(road.geometry));
		expect(new Set(keys).size).toBe(keys.length);
		expect(roads.length).toBeGreaterThanOrEqual(chengmen.routes.length);
		expect(ofKind('lab')).toHaveLength(labs.length);
	});
});

describe('sites layer', () => {
	it('builds one point per site with its queue and load, and layer ids named <feature>-<kind>', () => {
		const collection = siteFeatures([
			{ id: 's1', name: '白畈村采样点', townshipId: 't:城门街道', kind: 'fixed', status: 'open', lat: 29.66, lon: 115.83, desks: 2, pooling: '10:1', queueLength: 500, queueAt: null, tubesToday: 0, peopleToday: 0, boxesToday: 0 }
		]);
		expect(collection.features[0].geometry.coordinates).toEqual([115.83, 29.66]);
		expect(collection.features[0].properties).toMatchObject({ queue: 500, wait: 75, load: 'crowded' });
		expect(sitesLayers().map((layer) => layer.id)).toEqual(['sites-circle', 'sites-label']);
	});
});

describe('vehicles layer', () => {
	it('leaves out vehicles that have not reported a fix yet', () => {
		const collection = vehicleFeatures([
			{ id: 'v1', name: '送样车1', kind: 'courier', lat: null, lon: null, heading: null, speedKmh: null, fixAt: null },
			{ id: 'v2', name: '送样车2', kind: 'courier', lat: 29.6, lon: 115.8, heading: 90, speedKmh: 40, fixAt: '2026-11-23T02:00:00Z' }
		]);
		expect(collection.features.map((feature) => feature.properties!.id)).toEqual(['v2']);
	});
});
