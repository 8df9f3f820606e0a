/**
 * The MapLibre style of the offline basemap: one GeoJSON source from our own server, no tiles, no
 * sprite, and no glyph server (labels are drawn locally from the shipped Noto Sans SC web font).
 */
import type { StyleSpecification } from 'maplibre-gl';

export const MAP_FONT = 'Noto Sans SC';

/** Marks the schematic basemap in its style, so the map can say once what it is (示意底图). */
const SCHEMATIC = { 'cc:basemap': 'schematic' };

/** Whether a style is the made-up schematic basemap rather than a real map. */
export function isSchematicStyle(style: StyleSpecification | string): boolean {
	return typeof style === 'object' && (style.metadata as Record<string, unknown> | undefined)?.['cc:basemap'] === SCHEMATIC['cc:basemap'];
}

export function offlineStyle(basemapUrl: string): StyleSpecification {
	return {
		version: 8,
		metadata: SCHEMATIC,
		sources: { basemap: { type: 'geojson', data: basemapUrl } },
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#0a1622' } },
			{ id: 'land-fill', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'land'], paint: { 'fill-color': '#10212f' } },
			{ id: 'cell-fill', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'cell'], paint: { 'fill-color': '#132a3b', 'fill-opacity': 0.8 } },
			{ id: 'cell-line', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'cell'], paint: { 'line-color': '#2b4a63', 'line-width': 1, 'line-dasharray': [3, 2] } },
			{ id: 'road-line', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'road'], paint: { 'line-color': '#3c5a73', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 15, 4] } },
			{
				id: 'cell-label',
				type: 'symbol',
				source: 'basemap',
				// One point per village (schematic-basemap.ts), placed last: it moves to a free side of its
				// centre, or hides, rather than sit under a site's marker or label.
				filter: ['==', ['get', 'kind'], 'village'],
				layout: {
					'text-field': ['get', 'name'], 'text-font': [MAP_FONT], 'text-size': 13,
					'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 1.2,
					'text-allow-overlap': false, 'text-ignore-placement': false, 'text-padding': 4
				},
				paint: { 'text-color': '#5f7f99' }
			},
			{ id: 'lab-circle', type: 'circle', source: 'basemap', filter: ['==', ['get', 'kind'], 'lab'], paint: { 'circle-radius': 9, 'circle-color': '#805ad5', 'circle-stroke-color': '#e9d8fd', 'circle-stroke-width': 2 } },
			{
				id: 'lab-label',
				type: 'symbol',
				source: 'basemap',
				filter: ['==', ['get', 'kind'], 'lab'],
				layout: { 'text-field': ['get', 'name'], 'text-font': [MAP_FONT], 'text-size': 14, 'text-offset': [0, 1.6], 'text-anchor': 'top' },
				paint: { 'text-color': '#e9d8fd', 'text-halo-color': '#0a1622', 'text-halo-width': 1.5 }
			}
		]
	};
}
