import { describe, expect, it } from 'vitest';
import { pmtilesStyle } from '../../src/lib/map/basemap/pmtiles-style';

describe('pmtilesStyle', () => {
	it('draws a raster archive darkened under the live layers', () => {
		const style = pmtilesStyle({ tileType: 2, minZoom: 0, maxZoom: 14, vectorLayers: [] }, 'http://localhost/api/basemap.pmtiles');
		expect(style.sources.basemap).toEqual({ type: 'raster', url: 'pmtiles://http://localhost/api/basemap.pmtiles', tileSize: 256 });
		expect(style.layers.map((layer) => layer.id)).toEqual(['background', 'basemap-raster']);
	});
	it('draws every layer a vector archive lists, areas and lines, within its zooms', () => {
		const style = pmtilesStyle({ tileType: 1, minZoom: 0, maxZoom: 15, vectorLayers: ['roads', 'water'] }, 'http://localhost/api/basemap.pmtiles');
		expect(style.sources.basemap).toMatchObject({ type: 'vector', minzoom: 0, maxzoom: 15 });
		expect(style.layers.map((layer) => layer.id)).toEqual(['background', 'roads-fill', 'roads-line', 'water-fill', 'water-line']);
	});
});
