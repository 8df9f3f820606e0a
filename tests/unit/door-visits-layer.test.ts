import { describe, expect, it } from 'vitest';
import { doorVisitFeatures, doorVisitLayers } from '../../src/lib/map/layers/door-visits.layer';

describe('door-visits layer', () => {
	it('puts one marker per village with visits open, at the village centre, with no household in it', () => {
		const collection = doorVisitFeatures([
			{ villageId: 'v:城门街道/白畈村', village: '白畈村', lat: 29.64, lon: 115.85, open: 3, sampled: 1, retestOpen: 1 },
			{ villageId: 'v:城门街道/金兰村', village: '金兰村', lat: 29.62, lon: 115.86, open: 0, sampled: 4, retestOpen: 0 },
			{ villageId: 'v:城门街道/立新', village: '立新', lat: null, lon: null, open: 2, sampled: 0, retestOpen: 0 }
		]);
		expect(collection.features).toHaveLength(1);
		expect(collection.features[0].geometry.coordinates).toEqual([115.85, 29.64]);
		expect(collection.features[0].properties).toEqual({ id: 'v:城门街道/白畈村', village: '白畈村', open: 3, sampled: 1, retest: true });
	});

	it('names its layers <feature>-<kind> on its own source', () => {
		expect(doorVisitLayers({ unit: '上门' }).map((layer) => [layer.id, layer.source])).toEqual([['door-visits-circle', 'door-visits-by-village'], ['door-visits-label', 'door-visits-by-village']]);
	});
});
