/**
 * The map's style from the configured basemap: the offline GeoJSON basemap (default, no network),
 * raster WMTS tiles (Tianditu) under our layers, or any MapLibre style URL.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { PublicConfig } from '$lib/protocol';
import { offlineStyle } from './offline-style';

export { MAP_FONT } from './offline-style';

export function basemapStyle(basemap: PublicConfig['basemap'], pageUrl: string): StyleSpecification | string {
	switch (basemap.kind) {
		case 'offline':
			return offlineStyle(new URL(basemap.url, pageUrl).href);
		case 'raster':
			return {
				version: 8,
				sources: {
					base: { type: 'raster', tiles: basemap.tiles, tileSize: 256, attribution: basemap.attribution },
					labels: { type: 'raster', tiles: basemap.labelTiles, tileSize: 256 }
				},
				layers: [
					{ id: 'background', type: 'background', paint: { 'background-color': '#0a1622' } },
					// Darkened so that the live layers stand out on the wall.
					{ id: 'base', type: 'raster', source: 'base', paint: { 'raster-brightness-max': 0.45, 'raster-saturation': -0.6 } },
					{ id: 'labels', type: 'raster', source: 'labels', paint: { 'raster-brightness-max': 0.8 } }
				]
			};
		case 'style':
			return basemap.url;
	}
}
