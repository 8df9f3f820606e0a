import { describe, expect, it } from 'vitest';
import type { Point, Polygon } from 'geojson';
import { offlineStyle } from '../../src/lib/map/basemap/offline-style';
import { buildSchematicBasemap } from '../../src/lib/map/basemap/schematic-basemap';
import { siteFeatures, sitesLayers } from '../../src/lib/map/layers/sites.layer';
import { MAX_GLIDE_MS, TRAIL_POINTS, VehicleMotion } from '../../src/lib/map/vehicle-motion';
import { householdFeatures, placeFeatures, riskZoneFeatures } from '../../src/lib/map/layers/overview.layer';
import { trailFeatures, vehicleFeature, vehicleFeatures, vehiclesLayers } from '../../src/lib/map/layers/vehicles.layer';
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

	it('draws one schematic cell per site, containing its site and labelled with its villages only (the map says 示意底图 once)', () => {
		const cells = ofKind('cell');
		expect(cells).toHaveLength(sites.length);
		for (const site of sites) {
			const cell = cells.find((feature) => feature.properties!.placeId === site.code)!;
			expect(inside([site.longitude, site.latitude], cell.geometry as Polygon)).toBe(true);
			expect(cell.properties!.name).toBe(site.villages.join('、'));
		}
	});

	it('names each village once, with a point at the centre of its cells (no label per cell or per tile)', () => {
		const villages = ofKind('village');
		const names = villages.map((village) => village.properties!.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(names)).toEqual(new Set(ofKind('cell').map((cell) => cell.properties!.name)));
		for (const village of villages) expect(village.geometry.type).toBe('Point');
		const labelLayer = offlineStyle('/api/basemap.geojson').layers.find((layer) => layer.id === 'cell-label')!;
		expect(labelLayer.type === 'symbol' && labelLayer.filter).toEqual(['==', ['get', 'kind'], 'village']);
	});

	it('centres a village between its cells, not on one of its sites', () => {
		const both = buildSchematicBasemap({
			bounds: { south: 0, west: 0, north: 1, east: 2 },
			places: [
				{ id: 'a', name: 'A', village: '金兰村', lat: 0.5, lon: 0.5, kind: 'site' },
				{ id: 'b', name: 'B', village: '金兰村', lat: 0.5, lon: 1.5, kind: 'site' }
			],
			routes: []
		});
		const villages = both.features.filter((feature) => feature.properties!.kind === 'village');
		expect(villages).toHaveLength(1);
		const [lon, lat] = (villages[0].geometry as Point).coordinates;
		expect(lon).toBeCloseTo(1);
		expect(lat).toBeCloseTo(0.5);
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
			{ id: 's1', name: '白畈村采样点', townshipId: 't:城门街道', kind: 'fixed', status: 'open', lat: 29.66, lon: 115.83, desks: 2, staffedDesks: 2, pooling: '10:1', queueLength: 500, queueAt: null, tubesToday: 0, peopleToday: 0, boxesToday: 0 }
		]);
		expect(collection.features[0].geometry.coordinates).toEqual([115.83, 29.66]);
		expect(collection.features[0].properties).toMatchObject({ queue: 500, wait: 75, state: 'crowded' });
		expect(sitesLayers({ minutes: '分钟', people: '人' }).map((layer) => layer.id)).toEqual(['sites-circle', 'sites-label', 'sites-space']);
	});

	it('greys a closed site, and labels queue and wait only when zoomed in', () => {
		const [closed] = siteFeatures([
			{ id: 's1', name: '白畈村采样点', townshipId: 't:城门街道', kind: 'fixed', status: 'closed', lat: 29.66, lon: 115.83, desks: 2, staffedDesks: 2, pooling: '10:1', queueLength: 500, queueAt: null, tubesToday: 0, peopleToday: 0, boxesToday: 0 }
		]).features;
		expect(closed.properties!.state).toBe('closed');
		const [, label] = sitesLayers({ minutes: 'min', people: 'people' });
		expect(label.minzoom).toBeGreaterThanOrEqual(11);
		expect(JSON.stringify(label.layout!['text-field'])).toContain(' min');
		expect(JSON.stringify(label.layout!['text-field'])).toContain(' people · ');
		expect(JSON.stringify(label.layout!['text-field'])).not.toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('overview layers', () => {
	const overview = {
		generatedAt: '2026-11-23T02:00:00Z', day: '2026-11-23', coverage: { registeredResidents: 100, sampledToday: 10 }, throughputByHour: [], tubes: { collected: 0, received: 0, tested: 0 },
		labs: [{ id: 'l1', name: '疾控', kind: 'lab' as const, lat: 29.6, lon: 115.9, capacityTubesPerDay: 3000, receivedToday: 2000, testedToday: 500, backlogTubes: 1500, hoursToClear: 12, overCapacity: true }],
		quarantine: { byMeasure: { home_quarantine: 3, home_monitoring: 2, health_monitoring: 0, centralised: 1 }, byPlace: { home: 5, hotel: 1 }, endingToday: 0, returnees: { today: 0, total: 0, byMeasure: {}, byTownship: [] }, tests: [], overdueCheckIns: 0, overdueByVillage: [], fevers: [] },
		boxesOnBoard: [],
		transferStops: [],
		alertsSince: {},
		householdsByVillage: [{ villageId: 'v:城门街道/白畈村', village: '白畈村', lat: 29.66, lon: 115.83, home_quarantine: 3, home_monitoring: 2, centralised: 1 }],
		quarantineSites: [{ id: 'q1', name: '隔离酒店', lat: 29.65, lon: 115.85, beds: 120, occupied: 100, held: 9, free: 11 }],
		riskZones: [{ id: 'z1', name: '封控区', level: 'sealed' as const, polygon: { type: 'Polygon' as const, coordinates: [[[115.8, 29.6], [115.81, 29.6], [115.81, 29.61], [115.8, 29.6]]] }, households: 0, people: 0 }]
	};
	it('counts households per village, never placing a home', () => {
		const [village] = householdFeatures(overview).features;
		expect(village.properties).toEqual({ id: 'v:城门街道/白畈村', village: '白畈村', total: 6, home_quarantine: 3, home_monitoring: 2, centralised: 1 });
		expect(village.geometry.coordinates).toEqual([115.83, 29.66]);
	});
	it('shows beds free at quarantine sites (held beds are not free) and the backlog of labs, red when over capacity', () => {
		expect(placeFeatures(overview).features.map((feature) => [feature.properties!.kind, feature.properties!.value])).toEqual([
			// 120 beds, 100 occupied, 9 held for transfers on their way: 11 free, as the desk and dispatch say.
			['quarantine_site', 11],
			['lab_over_capacity', 1500]
		]);
	});
	it('draws risk zones as their polygons, and nothing before the overview arrives', () => {
		expect(riskZoneFeatures(overview).features[0].properties).toMatchObject({ level: 'sealed' });
		expect(riskZoneFeatures(null).features).toEqual([]);
		expect(householdFeatures(null).features).toEqual([]);
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

	it('turns the arrow to the heading and greys a vehicle whose GPS has been silent over 60 s', () => {
		const fixAt = '2026-11-23T02:00:00Z';
		const vehicle = { id: 'v2', name: '送样车2', kind: 'courier' as const, lat: 29.6, lon: 115.8, heading: 90, speedKmh: 40, fixAt };
		expect(vehicleFeatures([vehicle], Date.parse(fixAt) + 59_000).features[0].properties).toMatchObject({ heading: 90, silent: false });
		expect(vehicleFeatures([vehicle], Date.parse(fixAt) + 61_000).features[0].properties).toMatchObject({ silent: true });
	});

	it('puts a badge with the boxes on board on a vehicle, red within the last hour of their limit', () => {
		const vehicle = { id: 'v2', name: '送样车2', kind: 'courier' as const, lat: 29.6, lon: 115.8, heading: 90, speedKmh: 40, fixAt: '2026-11-23T02:00:00Z' };
		const now = Date.parse('2026-11-23T02:00:01Z');
		expect(vehicleFeature(vehicle, now)!.properties).toMatchObject({ boxes: 0, urgent: false });
		expect(vehicleFeature(vehicle, now, undefined, new Map([['v2', { boxes: 3, minutesLeft: 120 }]]))!.properties).toMatchObject({ boxes: 3, urgent: false });
		expect(vehicleFeature(vehicle, now, undefined, new Map([['v2', { boxes: 1, minutesLeft: 45 }]]))!.properties).toMatchObject({ boxes: 1, urgent: true });
	});

	it('draws a transfer vehicle given at village level as a ring, never as an arrow with a heading', () => {
		const vehicle = { id: 't1', name: '转运车1', kind: 'transfer' as const, lat: 29.634, lon: 115.867, heading: null, speedKmh: null, fixAt: '2026-11-23T02:00:00Z', coarse: true };
		expect(vehicleFeature(vehicle, Date.parse('2026-11-23T02:00:01Z'))!.properties).toMatchObject({ coarse: true, heading: 0 });
		const [arrow, ring] = vehiclesLayers();
		expect([arrow.id, arrow.filter, ring.id, ring.filter]).toEqual(['vehicles-arrow', ['!', ['get', 'coarse']], 'vehicles-coarse', ['get', 'coarse']]);
	});

	it('draws a trail only for a vehicle with at least two points', () => {
		const trails = trailFeatures([
			{ id: 'a', kind: 'courier', points: [[115.8, 29.6]] },
			{ id: 'b', kind: 'transfer', points: [[115.8, 29.6], [115.81, 29.61]] }
		]);
		expect(trails.features.map((feature) => feature.id)).toEqual(['b']);
	});
});

describe('vehicle motion', () => {
	it('glides from where the marker is to the new fix over the time between fixes', () => {
		const motion = new VehicleMotion();
		motion.update('v', { lat: 29.6, lon: 115.8, at: 0 }, 1000);
		expect(motion.positionAt('v', 1000)).toEqual({ lat: 29.6, lon: 115.8 });
		motion.update('v', { lat: 29.7, lon: 115.9, at: 1000 }, 2000);
		expect(motion.moving(2000)).toBe(true);
		const halfway = motion.positionAt('v', 2500)!;
		expect(halfway.lat).toBeCloseTo(29.65, 6);
		expect(halfway.lon).toBeCloseTo(115.85, 6);
		expect(motion.positionAt('v', 3000)).toEqual({ lat: 29.7, lon: 115.9 });
		expect(motion.moving(3000)).toBe(false);
	});

	it('ignores an old or repeated fix, and never glides longer than the cap', () => {
		const motion = new VehicleMotion();
		motion.update('v', { lat: 29.6, lon: 115.8, at: 10_000 }, 0);
		motion.update('v', { lat: 29.0, lon: 115.0, at: 5_000 }, 100);
		expect(motion.positionAt('v', 200)).toEqual({ lat: 29.6, lon: 115.8 });
		motion.update('v', { lat: 29.7, lon: 115.9, at: 70_000 }, 1000);
		expect(motion.positionAt('v', 1000 + MAX_GLIDE_MS)).toEqual({ lat: 29.7, lon: 115.9 });
	});

	it('keeps the last few fixes as a trail ending at the drawn marker', () => {
		const motion = new VehicleMotion();
		for (let n = 0; n < TRAIL_POINTS + 3; n++) motion.update('v', { lat: 29.6 + n / 100, lon: 115.8, at: n * 1000 }, n * 1000);
		const trail = motion.trail('v', 100_000);
		expect(trail).toHaveLength(TRAIL_POINTS);
		expect(trail.at(-1)).toEqual([115.8, 29.6 + (TRAIL_POINTS + 2) / 100]);
	});
});
