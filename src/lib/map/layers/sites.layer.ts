/** Sampling sites as circles coloured by expected wait and sized by queue length. Pure. */
import type { CircleLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { SiteEntity } from '$lib/protocol';
import { expectedWaitMinutes, siteLoad, type SiteLoad } from '$lib/domain/site-load';
import { MAP_FONT } from '../basemap/offline-style';

export const SITES_SOURCE = 'sites';

export const SITE_LOAD_COLOURS: Record<SiteLoad, string> = {
	idle: '#38a169',
	normal: '#d69e2e',
	busy: '#dd6b20',
	crowded: '#e53e3e'
};

export function siteFeatures(sites: Iterable<SiteEntity>): FeatureCollection<Point> {
	const features = [];
	for (const site of sites) {
		const wait = expectedWaitMinutes(site.queueLength, site.desks);
		features.push({
			type: 'Feature' as const,
			id: site.id,
			properties: { id: site.id, name: site.name, queue: site.queueLength, wait: Math.round(wait), load: siteLoad(wait) },
			geometry: { type: 'Point' as const, coordinates: [site.lon, site.lat] }
		});
	}
	return { type: 'FeatureCollection', features };
}

export function sitesLayers(): [CircleLayerSpecification, SymbolLayerSpecification] {
	return [
		{
			id: 'sites-circle',
			type: 'circle',
			source: SITES_SOURCE,
			paint: {
				'circle-color': ['match', ['get', 'load'], 'idle', SITE_LOAD_COLOURS.idle, 'normal', SITE_LOAD_COLOURS.normal, 'busy', SITE_LOAD_COLOURS.busy, SITE_LOAD_COLOURS.crowded],
				'circle-radius': ['interpolate', ['linear'], ['get', 'queue'], 0, 10, 100, 18, 400, 30],
				'circle-opacity': 0.85,
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': 2
			}
		},
		{
			id: 'sites-label',
			type: 'symbol',
			source: SITES_SOURCE,
			layout: {
				'text-field': ['format', ['get', 'name'], {}, '\n', {}, ['to-string', ['get', 'queue']], { 'font-scale': 1.3 }, ' 人', {}],
				'text-font': [MAP_FONT],
				'text-size': 14,
				'text-offset': [0, 1.8],
				'text-anchor': 'top',
				'text-allow-overlap': true
			},
			paint: { 'text-color': '#f7fafc', 'text-halo-color': '#0a1622', 'text-halo-width': 2 }
		}
	];
}
