/** The dark wall style for a Protomaps-schema vector archive (BASEMAP=pmtiles:<county extract>). */
import { describe, expect, it } from 'vitest';
import { createExpression, featureFilter, validateStyleMin, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import { isProtomapsSchema, PROTOMAPS_SOURCE_LAYERS, protomapsDarkStyle } from '../../src/lib/map/basemap/protomaps-dark-style';
import { pmtilesStyle } from '../../src/lib/map/basemap/pmtiles-style';

const ARCHIVE = 'http://127.0.0.1:3000/api/basemap.pmtiles';
const style = protomapsDarkStyle({ url: ARCHIVE, minZoom: 0, maxZoom: 15 });
const layer = (id: string) => style.layers.find((each) => each.id === id)!;

/** Evaluates a layout or paint value of a layer for a feature at a zoom, as MapLibre would. */
function evaluate(value: unknown, spec: { type: 'formatted' | 'number' }, zoom: number, properties: Record<string, unknown>) {
	const parsed = createExpression(value, { 'property-type': 'data-driven', expression: { interpolated: true, parameters: ['zoom', 'feature'] }, ...spec } as unknown as StylePropertySpecification);
	if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
	return parsed.value.evaluate({ zoom }, { type: 2, properties } as never);
}
const matches = (each: LayerSpecification, properties: Record<string, unknown>, type: 'Point' | 'LineString' | 'Polygon') =>
	!('filter' in each) || !each.filter || featureFilter(each.filter).filter({ zoom: 14 }, { type: type === 'Point' ? 1 : type === 'LineString' ? 2 : 3, properties, geometry: [] } as never);

describe('protomapsDarkStyle', () => {
	it('is a valid MapLibre style', () => {
		expect(validateStyleMin(style as never)).toEqual([]);
	});

	it('draws only source layers of the Protomaps schema, from the archive', () => {
		for (const each of style.layers) {
			if (each.type === 'background') continue;
			expect(each).toMatchObject({ source: 'basemap' });
			expect(PROTOMAPS_SOURCE_LAYERS).toContain((each as { 'source-layer': string })['source-layer']);
		}
		expect(style.sources.basemap).toEqual({ type: 'vector', url: `pmtiles://${ARCHIVE}`, minzoom: 0, maxzoom: 15, attribution: expect.stringContaining('OpenStreetMap') });
		// Water, land use, roads, places and boundaries all appear.
		const drawn = new Set(style.layers.map((each) => (each as { 'source-layer'?: string })['source-layer']));
		for (const needed of ['earth', 'water', 'landuse', 'roads', 'places', 'boundaries']) expect(drawn).toContain(needed);
	});

	it('labels in Chinese first: name:zh-Hans, then name:zh, then the local name', () => {
		const symbols = style.layers.filter((each): each is SymbolLayerSpecification => each.type === 'symbol');
		expect(symbols.length).toBeGreaterThanOrEqual(4);
		for (const symbol of symbols) {
			const field = symbol.layout!['text-field'];
			expect(evaluate(field, { type: 'formatted' }, 14, { name: 'Chaisang', 'name:zh': '柴桑区', 'name:zh-Hans': '柴桑区（简）' }).toString()).toBe('柴桑区（简）');
			expect(evaluate(field, { type: 'formatted' }, 14, { name: 'Chaisang', 'name:zh': '柴桑区' }).toString()).toBe('柴桑区');
			expect(evaluate(field, { type: 'formatted' }, 14, { name: '城门街道', 'name:en': 'Chengmen' }).toString()).toBe('城门街道');
			// The page's own font: MapLibre draws it locally, no glyph server.
			expect(symbol.layout!['text-font']).toEqual(['Noto Sans SC']);
		}
	});

	it('draws roads by kind, a highway wider than a major road wider than a minor road, all wider as one zooms in', () => {
		const roadLayerFor = (kind: string) => style.layers.find((each): each is LineLayerSpecification => each.type === 'line' && (each as LineLayerSpecification)['source-layer'] === 'roads' && matches(each, { kind }, 'LineString'))!;
		const width = (kind: string, zoom: number) => evaluate(roadLayerFor(kind).paint!['line-width'], { type: 'number' }, zoom, { kind }) as number;
		for (const zoom of [12, 14, 16]) {
			expect(width('highway', zoom)).toBeGreaterThan(width('major_road', zoom));
			expect(width('major_road', zoom)).toBeGreaterThan(width('minor_road', zoom));
		}
		expect(width('minor_road', 16)).toBeGreaterThan(width('minor_road', 13));
		expect(roadLayerFor('highway').id).toBe('roads-highway');
		// A minor road appears only once the county is close enough to read it.
		expect(roadLayerFor('minor_road').minzoom).toBeGreaterThanOrEqual(12);
	});

	it('draws lakes as areas and rivers as lines, and boundaries', () => {
		expect(matches(layer('water'), { kind: 'lake' }, 'Polygon')).toBe(true);
		expect(matches(layer('water'), { kind: 'river' }, 'LineString')).toBe(false);
		expect(matches(layer('water-line'), { kind: 'river' }, 'LineString')).toBe(true);
		expect(matches(layer('boundaries'), { kind: 'county' }, 'LineString')).toBe(true);
	});

	it('asks for nothing outside the archive it was given: no glyph server, no sprite, no remote URL', () => {
		expect(style).not.toHaveProperty('glyphs');
		expect(style).not.toHaveProperty('sprite');
		expect(JSON.stringify(style).split(ARCHIVE).join('')).not.toMatch(/https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
	});
});

describe('pmtilesStyle picks the style by the archive it opens', () => {
	it('a vector archive with the Protomaps layers gets the dark wall style', () => {
		const chosen = pmtilesStyle({ tileType: 1, minZoom: 0, maxZoom: 15, vectorLayers: [...PROTOMAPS_SOURCE_LAYERS] }, ARCHIVE);
		expect(chosen.layers.map((each) => each.id)).toContain('roads-highway');
		expect(isProtomapsSchema(['roads', 'water'])).toBe(false);
	});
});
