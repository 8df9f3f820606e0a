import { describe, expect, it } from 'vitest';
import type { SymbolLayerSpecification } from 'maplibre-gl';
import { LABEL_PRIORITY, sitesLayers } from '../../src/lib/map/layers/sites.layer';
import { householdLayers, placeLayers } from '../../src/lib/map/layers/overview.layer';
import { vehiclesLayers } from '../../src/lib/map/layers/vehicles.layer';
import { offlineStyle } from '../../src/lib/map/basemap/offline-style';
import { MARKER_SPACE_ICON } from '../../src/lib/map/layers/label-icons';
import { boundsOfPoints } from '../../src/lib/map/camera';

const CHINESE = /[\u4e00-\u9fff]/;
const symbol = (layer: { type: string }) => layer as SymbolLayerSpecification;

describe('labels on the wall map', () => {
	const [, siteLabel, siteSpace] = sitesLayers({ minutes: '分钟', people: '人' });
	const labLabel = placeLayers({ bedsFree: '空床', tubes: '管' })[1];
	const vehicleLabel = symbol(vehiclesLayers().find((layer) => layer.id === 'vehicles-label')!);
	const [badge] = householdLayers({ unit: '户' });

	it('places sites first, then labs, then vehicle labels, then household badges (MapLibre places the top layer first)', () => {
		// LABEL_PRIORITY is lowest first: each id is moved to the top in turn.
		const placedFirst = [...LABEL_PRIORITY].reverse();
		expect(placedFirst).toEqual([siteSpace.id, siteLabel.id, labLabel.id, vehicleLabel.id, badge.id]);
	});

	it('always draws site and lab labels and lets them claim their place, so later labels move aside', () => {
		for (const layer of [siteLabel, labLabel]) {
			expect(layer.layout?.['text-allow-overlap']).toBe(true);
			expect(layer.layout?.['text-ignore-placement']).toBe(false);
		}
	});

	it('claims each site marker and lab marker in the collision index: a vehicle label no longer prints over a site circle', () => {
		expect(siteSpace.type).toBe('symbol');
		expect(siteSpace.minzoom).toBeUndefined();
		expect(siteSpace.layout?.['icon-image']).toBe(MARKER_SPACE_ICON);
		expect(siteSpace.layout?.['icon-ignore-placement']).toBe(false);
		expect(labLabel.layout?.['icon-image']).toBe(MARKER_SPACE_ICON);
		expect(labLabel.layout?.['icon-ignore-placement']).toBe(false);
	});

	it('moves a hotel’s or lab’s label to a free side of its marker rather than over a site’s label placed before it', () => {
		expect(labLabel.layout?.['text-variable-anchor']).toEqual(['top', 'bottom', 'left', 'right']);
		expect(labLabel.layout?.['text-anchor']).toBeUndefined();
		expect(labLabel.layout?.['text-radial-offset']).toBeGreaterThan(0);
	});

	it('lets vehicle labels yield and try the four sides of their arrow', () => {
		expect(vehicleLabel.layout?.['text-allow-overlap']).toBe(false);
		expect(vehicleLabel.layout?.['text-ignore-placement']).toBe(false);
		expect(vehicleLabel.layout?.['text-variable-anchor']).toEqual(expect.arrayContaining(['top', 'bottom', 'left', 'right']));
	});

	it('draws a household badge and its count as one symbol that yields to everything above it', () => {
		expect(householdLayers({ unit: '户' })).toHaveLength(1);
		expect(badge.type).toBe('symbol');
		expect(badge.layout?.['text-allow-overlap']).toBe(false);
		expect(badge.layout?.['icon-allow-overlap']).toBe(false);
		expect(badge.layout?.['icon-text-fit']).toBe('both');
		expect(badge.layout?.['icon-optional']).toBe(false);
		expect((badge.layout?.['text-variable-anchor'] as string[]).length).toBeGreaterThan(1);
	});

	it('puts village names below all of these and lets them yield too', () => {
		const village = symbol(offlineStyle('/api/basemap.geojson').layers.find((layer) => layer.id === 'cell-label')!);
		expect(village.layout?.['text-allow-overlap']).toBe(false);
		expect(village.layout?.['text-variable-anchor']).toBeDefined();
		expect(LABEL_PRIORITY).not.toContain('cell-label');
	});

	it('writes site and lab labels wholly in English on the English wall', () => {
		const [, site] = sitesLayers({ minutes: 'min', people: 'people' });
		const lab = placeLayers({ bedsFree: 'beds free', tubes: 'tubes' })[1];
		const literals = (layer: SymbolLayerSpecification) => JSON.stringify(layer.layout?.['text-field']).replace(/"get","name"/g, '');
		expect(literals(site)).not.toMatch(CHINESE);
		expect(literals(lab)).not.toMatch(CHINESE);
		expect(literals(lab)).toContain('tubes');
	});

	it('frames a replay window by the bounds of its points', () => {
		expect(boundsOfPoints([[115.8, 29.6], [115.9, 29.7], [115.85, 29.65]])).toEqual({ south: 29.6, west: 115.8, north: 29.7, east: 115.9 });
		expect(boundsOfPoints([])).toBeNull();
	});
});

describe('household badge text', () => {
	it('says "1 household" and "3 households" in English', () => {
		const [badge] = householdLayers({ unit: ' households', unitOne: ' household' });
		expect(JSON.stringify(badge.layout?.['text-field'])).toContain('["case",["==",["get","total"],1]," household"," households"]');
	});
});
