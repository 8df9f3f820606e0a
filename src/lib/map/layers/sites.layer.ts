/**
 * Sampling sites as circles coloured by state (idle / normal / busy / crowded by expected wait,
 * closed), sized by queue length, labelled with the queue and the wait once zoomed in. Pure.
 */
import type { CircleLayerSpecification, Map as MapLibreMap, SymbolLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { SiteEntity } from '$lib/protocol';
import { DEFAULT_WAIT_BANDS, expectedWaitMinutes, siteState, type SiteState } from '$lib/domain/site-load';
import { MAP_FONT } from '../basemap/offline-style';
import { MARKER_SPACE_ICON, MARKER_SPACE_SIZE } from './label-icons';

export const SITES_SOURCE = 'sites';

/**
 * Label layers moved to the top of the map, lowest first. MapLibre places symbols from the top
 * layer down, so the order of placement is: site markers and site labels, then labs, then vehicle
 * labels, then household badges; the basemap's village names stay below all of these and come
 * last. Sites and labs are always drawn; the others yield (text-allow-overlap false) and try
 * other sides or stay hidden, so a passing courier never covers "341人·37分钟".
 */
export const LABEL_PRIORITY = ['households-badge', 'vehicles-label', 'places-label', 'sites-label', 'sites-space'] as const;

/** Lifts the label layers of LABEL_PRIORITY to the top, in that order (again after a layer is added later). */
export function liftLabels(map: Pick<MapLibreMap, 'getLayer' | 'moveLayer'>): void {
	for (const id of LABEL_PRIORITY) if (map.getLayer(id)) map.moveLayer(id);
}
/**
 * Closer than this (a township or county on a wall), each site shows its name, queue and wait.
 * 11.5, not 12: a county framed between the wall's panels on a 1920×1080 screen sits just under 12.
 */
export const SITE_LABEL_MIN_ZOOM = 11.5;

export const SITE_STATE_COLOURS: Record<SiteState, string> = {
	idle: '#38a169',
	normal: '#d69e2e',
	busy: '#dd6b20',
	crowded: '#e53e3e',
	closed: '#718096'
};

export function siteFeature(site: SiteEntity, bands: { idle: number; normal: number; busy: number } = DEFAULT_WAIT_BANDS): Feature<Point> {
	const wait = expectedWaitMinutes(site.queueLength, site.staffedDesks);
	return {
		type: 'Feature',
		id: site.id,
		properties: { id: site.id, name: site.name, queue: site.queueLength, wait: Number.isFinite(wait) ? Math.round(wait) : 999, state: siteState({ ...site, desks: site.staffedDesks }, bands) },
		geometry: { type: 'Point', coordinates: [site.lon, site.lat] }
	};
}

export function siteFeatures(sites: Iterable<SiteEntity>, bands: { idle: number; normal: number; busy: number } = DEFAULT_WAIT_BANDS): FeatureCollection<Point> {
	return { type: 'FeatureCollection', features: [...sites].map((site) => siteFeature(site, bands)) };
}

/** A site's circle radius in pixels by its queue; the marker's collision space follows it. */
const RADIUS_BY_QUEUE = [0, 8, 100, 16, 400, 28, 1000, 40] as const;

export function sitesLayers({ minutes, people }: { minutes: string; people: string }): [CircleLayerSpecification, SymbolLayerSpecification, SymbolLayerSpecification] {
	const colour = ['match', ['get', 'state'], ...Object.entries(SITE_STATE_COLOURS).flat(), SITE_STATE_COLOURS.closed] as unknown as string;
	// The same stops as a scale of MARKER_SPACE_ICON: radius r covers 2r of a MARKER_SPACE_SIZE square.
	const spaceScale = RADIUS_BY_QUEUE.map((value, index) => (index % 2 === 0 ? value : (2 * value + 4) / MARKER_SPACE_SIZE));
	return [
		{
			id: 'sites-circle',
			type: 'circle',
			source: SITES_SOURCE,
			paint: {
				'circle-color': colour,
				'circle-radius': ['interpolate', ['linear'], ['get', 'queue'], ...RADIUS_BY_QUEUE] as unknown as number,
				'circle-opacity': 0.85,
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': 2
			}
		},
		{
			id: 'sites-label',
			type: 'symbol',
			source: SITES_SOURCE,
			minzoom: SITE_LABEL_MIN_ZOOM,
			layout: {
				'text-field': ['format', ['get', 'name'], {}, '\n', {}, ['to-string', ['get', 'queue']], { 'font-scale': 1.3 }, ` ${people} · `, {}, ['to-string', ['get', 'wait']], { 'font-scale': 1.3 }, ` ${minutes}`, {}],
				'text-font': [MAP_FONT],
				'text-size': 14,
				'text-offset': [0, 1.8],
				'text-anchor': 'top',
				// Always drawn, and still claims its place: labels placed after it go elsewhere.
				'text-allow-overlap': true,
				'text-ignore-placement': false,
				// The longest queue's label is placed first.
				'symbol-sort-key': ['-', 0, ['get', 'queue']]
			},
			paint: { 'text-color': '#f7fafc', 'text-halo-color': '#0a1622', 'text-halo-width': 2 }
		},
		{
			// Invisible: claims each site's circle in the collision index at every zoom (circles claim nothing).
			id: 'sites-space',
			type: 'symbol',
			source: SITES_SOURCE,
			layout: {
				'icon-image': MARKER_SPACE_ICON,
				'icon-size': ['interpolate', ['linear'], ['get', 'queue'], ...spaceScale] as unknown as number,
				'icon-allow-overlap': true,
				'icon-ignore-placement': false
			}
		}
	];
}
