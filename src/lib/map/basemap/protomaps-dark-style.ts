/**
 * The wall's dark style for a vector archive in the Protomaps basemap schema (version 4: layers
 * earth, water, landuse, landcover, roads, buildings, places, boundaries, pois, with a `kind` on
 * every feature). Quiet greys and blues, so that the live layers (sites, vehicles, labs) drawn on
 * top stay the brightest things on the wall; names in Chinese first.
 *
 * No `glyphs` and no `sprite`: MapLibre then draws every label locally with the page's own web
 * font (Noto Sans SC, shipped with the app), and the style has no icons, so no request ever
 * leaves our server. Pure, so it is unit-tested.
 */
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MAP_FONT } from './offline-style';

/** The source layers of the Protomaps basemap schema this style draws. */
export const PROTOMAPS_SOURCE_LAYERS = ['earth', 'water', 'landuse', 'landcover', 'roads', 'buildings', 'places', 'boundaries', 'pois'] as const;

/** An archive is drawn with this style when it has the schema's core layers (a cut extract has them all). */
export function isProtomapsSchema(vectorLayers: readonly string[]): boolean {
	return ['earth', 'water', 'roads', 'places'].every((layer) => vectorLayers.includes(layer));
}

/**
 * A feature's label: its Simplified Chinese name (`name:zh-Hans` in the schema, `name:zh` in
 * older builds and plain OSM), else its local name (already Chinese inside China).
 */
export const NAME_CHINESE_FIRST: ExpressionSpecification = ['coalesce', ['get', 'name:zh-Hans'], ['get', 'name:zh'], ['get', 'name']];

const PALETTE = {
	background: '#0a1622',
	earth: '#0f1e2b',
	water: '#0a2a40',
	waterLine: '#0d3552',
	green: '#10261f',
	farmland: '#122220',
	urban: '#132231',
	residential: '#13212e',
	industrial: '#161f2c',
	civic: '#1b1c30',
	building: '#16283a',
	boundary: '#4d6a86',
	path: '#22374a',
	minorRoad: '#23394d',
	majorRoad: '#30506a',
	highway: '#41698a',
	rail: '#34495c',
	label: '#7d98b0',
	placeLabel: '#a9bfd3',
	halo: '#0a1622'
};

const ofKind = (...kinds: string[]): ExpressionSpecification => ['match', ['get', 'kind'], kinds, true, false];

/** Line width in pixels by zoom: thin on the county overview, wide on a street. */
const widthByZoom = (...stops: [number, number][]): ExpressionSpecification => ['interpolate', ['exponential', 1.6], ['zoom'], ...stops.flat()];

function roadLine(id: string, kinds: string[], color: string, width: ExpressionSpecification, minzoom: number, dashed = false): LayerSpecification {
	return {
		id,
		type: 'line',
		source: 'basemap',
		'source-layer': 'roads',
		minzoom,
		filter: ofKind(...kinds),
		layout: { 'line-cap': dashed ? 'butt' : 'round', 'line-join': 'round' },
		paint: { 'line-color': color, 'line-width': width, ...(dashed ? { 'line-dasharray': [3, 2] } : {}) }
	};
}

function label(id: string, sourceLayer: string, filter: ExpressionSpecification, size: number | ExpressionSpecification, color: string, minzoom: number, extra: Record<string, unknown> = {}): LayerSpecification {
	return {
		id,
		type: 'symbol',
		source: 'basemap',
		'source-layer': sourceLayer,
		minzoom,
		filter,
		layout: { 'text-field': NAME_CHINESE_FIRST, 'text-font': [MAP_FONT], 'text-size': size, 'text-max-width': 8, ...extra },
		paint: { 'text-color': color, 'text-halo-color': PALETTE.halo, 'text-halo-width': 1.4 }
	} as LayerSpecification;
}

export function protomapsDarkStyle(archive: { url: string; minZoom: number; maxZoom: number }): StyleSpecification {
	const layers: LayerSpecification[] = [
		{ id: 'background', type: 'background', paint: { 'background-color': PALETTE.background } },
		{ id: 'earth', type: 'fill', source: 'basemap', 'source-layer': 'earth', paint: { 'fill-color': PALETTE.earth } },
		{
			id: 'landcover',
			type: 'fill',
			source: 'basemap',
			'source-layer': 'landcover',
			paint: {
				'fill-color': ['match', ['get', 'kind'], ['forest', 'grassland', 'scrub'], PALETTE.green, 'farmland', PALETTE.farmland, 'urban_area', PALETTE.urban, PALETTE.earth],
				// Landcover is the low-zoom layer; landuse takes over as the county comes into view.
				'fill-opacity': ['interpolate', ['linear'], ['zoom'], 6, 0.9, 9, 0]
			}
		},
		{
			id: 'landuse',
			type: 'fill',
			source: 'basemap',
			'source-layer': 'landuse',
			filter: ofKind('park', 'forest', 'wood', 'nature_reserve', 'national_park', 'protected_area', 'grass', 'garden', 'meadow', 'scrub', 'golf_course', 'cemetery', 'farmland', 'orchard', 'residential', 'industrial', 'commercial', 'hospital', 'school', 'college', 'university', 'kindergarten', 'townhall', 'military'),
			paint: {
				'fill-color': [
					'match',
					['get', 'kind'],
					['park', 'forest', 'wood', 'nature_reserve', 'national_park', 'protected_area', 'grass', 'garden', 'meadow', 'scrub', 'golf_course', 'cemetery'],
					PALETTE.green,
					['farmland', 'orchard'],
					PALETTE.farmland,
					'residential',
					PALETTE.residential,
					['industrial', 'commercial', 'military'],
					PALETTE.industrial,
					// Hospitals, schools and town halls: where a testing campaign sets up.
					PALETTE.civic
				]
			}
		},
		{ id: 'water', type: 'fill', source: 'basemap', 'source-layer': 'water', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': PALETTE.water } },
		{
			id: 'water-line',
			type: 'line',
			source: 'basemap',
			'source-layer': 'water',
			filter: ['==', ['geometry-type'], 'LineString'],
			paint: { 'line-color': PALETTE.waterLine, 'line-width': widthByZoom([9, 0.5], [16, 4]) }
		},
		{ id: 'buildings', type: 'fill', source: 'basemap', 'source-layer': 'buildings', minzoom: 14, paint: { 'fill-color': PALETTE.building, 'fill-opacity': 0.8 } },
		{
			id: 'boundaries',
			type: 'line',
			source: 'basemap',
			'source-layer': 'boundaries',
			filter: ofKind('country', 'region', 'county', 'locality'),
			layout: { 'line-join': 'round' },
			paint: {
				'line-color': PALETTE.boundary,
				'line-width': ['match', ['get', 'kind'], 'country', 2, 'region', 1.5, 1],
				'line-dasharray': [4, 2],
				'line-opacity': ['match', ['get', 'kind'], ['country', 'region'], 0.9, 0.6]
			}
		},
		roadLine('roads-path', ['path'], PALETTE.path, widthByZoom([14, 0.5], [18, 2]), 14, true),
		roadLine('roads-rail', ['rail'], PALETTE.rail, widthByZoom([10, 0.5], [16, 2]), 10, true),
		roadLine('roads-minor', ['minor_road'], PALETTE.minorRoad, widthByZoom([12, 0.5], [14, 1.5], [18, 10]), 12),
		roadLine('roads-major', ['major_road'], PALETTE.majorRoad, widthByZoom([7, 0.5], [12, 1.6], [14, 3], [18, 16]), 7),
		roadLine('roads-highway', ['highway'], PALETTE.highway, widthByZoom([5, 0.6], [12, 2.2], [14, 4], [18, 20]), 5),
		{ id: 'pois', type: 'circle', source: 'basemap', 'source-layer': 'pois', minzoom: 15, filter: ofKind('hospital', 'clinic', 'doctors', 'school', 'college', 'university', 'kindergarten', 'townhall', 'police', 'fire_station'), paint: { 'circle-radius': 3, 'circle-color': PALETTE.label, 'circle-opacity': 0.7 } },
		label('pois-label', 'pois', ofKind('hospital', 'clinic', 'doctors', 'school', 'college', 'university', 'kindergarten', 'townhall', 'police', 'fire_station'), 11, PALETTE.label, 15, { 'text-offset': [0, 0.9], 'text-anchor': 'top' }),
		label('roads-label', 'roads', ofKind('highway', 'major_road', 'minor_road'), ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13], PALETTE.label, 13, { 'symbol-placement': 'line', 'text-max-angle': 30 }),
		label('water-label', 'water', ['all', ['==', ['geometry-type'], 'Polygon'], ofKind('lake', 'water', 'ocean')], 12, '#4f7fa3', 11),
		label('places-neighbourhood', 'places', ofKind('neighbourhood', 'macrohood'), ['interpolate', ['linear'], ['zoom'], 13, 11, 16, 13], PALETTE.label, 13),
		label('places-locality', 'places', ofKind('locality'), ['interpolate', ['linear'], ['zoom'], 8, 11, 12, 14, 15, 17], PALETTE.placeLabel, 8, {
			// Towns before villages when labels compete for room: the schema's min_zoom is lower for bigger places.
			'symbol-sort-key': ['coalesce', ['get', 'min_zoom'], 20]
		}),
		// Province and country names orient the overview, then give way to the county's own places.
		{ ...label('places-region', 'places', ofKind('region', 'country'), 14, PALETTE.placeLabel, 0, { 'text-letter-spacing': 0.1 }), maxzoom: 9 } as LayerSpecification
	];
	return {
		version: 8,
		sources: { basemap: { type: 'vector', url: `pmtiles://${archive.url}`, minzoom: archive.minZoom, maxzoom: archive.maxZoom, attribution: '© OpenStreetMap · Protomaps' } },
		layers
	};
}
