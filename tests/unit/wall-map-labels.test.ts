import { describe, expect, it } from 'vitest';
import { LABEL_PRIORITY, sitesLayers } from '../../src/lib/map/layers/sites.layer';
import { placeLayers } from '../../src/lib/map/layers/overview.layer';
import { vehiclesLayers } from '../../src/lib/map/layers/vehicles.layer';
import { boundsOfPoints } from '../../src/lib/map/camera';

describe('labels on the wall map', () => {
	it('gives site and lab labels priority: lifted to the top (placed first) and always drawn; vehicle labels yield to them', () => {
		const siteLabel = sitesLayers({ minutes: '分钟' })[1];
		const labLabel = placeLayers({ bedsFree: '空床' })[1];
		const vehicleLabel = vehiclesLayers().find((layer) => layer.id === 'vehicles-label')!;
		expect(LABEL_PRIORITY).toEqual([siteLabel.id, labLabel.id]);
		expect(siteLabel.layout?.['text-allow-overlap']).toBe(true);
		expect(labLabel.layout?.['text-allow-overlap']).toBe(true);
		expect(vehicleLabel.type === 'symbol' && vehicleLabel.layout?.['text-allow-overlap']).toBe(false);
		expect(vehicleLabel.type === 'symbol' && vehicleLabel.layout?.['text-ignore-placement']).toBe(false);
		expect(vehicleLabel.type === 'symbol' && vehicleLabel.layout?.['text-variable-anchor']).toContain('top');
	});

	it('frames a replay window by the bounds of its points', () => {
		expect(boundsOfPoints([[115.8, 29.6], [115.9, 29.7], [115.85, 29.65]])).toEqual({ south: 29.6, west: 115.8, north: 29.7, east: 115.9 });
		expect(boundsOfPoints([])).toBeNull();
	});
});
