/**
 * The slow layers of the wall, from its overview: risk zones as polygons, quarantined households
 * counted per village (never a home), centralised quarantine sites with beds free, and labs with
 * their backlog. Pure.
 */
import type { CircleLayerSpecification, FillLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { WallOverview } from '$lib/protocol';
import { MAP_FONT } from '../basemap/offline-style';
import { BADGE_ICON, MARKER_SPACE_ICON } from './label-icons';

export const RISK_ZONES_SOURCE = 'risk-zones';
export const HOUSEHOLDS_SOURCE = 'households-by-village';
export const PLACES_SOURCE = 'quarantine-sites-and-labs';

export const RISK_ZONE_COLOURS = { sealed: '#e53e3e', controlled: '#dd6b20', precaution: '#d69e2e' } as const;
export const PLACE_COLOURS = { quarantine_site: '#9f7aea', lab: '#63b3ed', lab_over_capacity: '#e53e3e' } as const;
export const HOUSEHOLD_COLOUR = '#f6ad55';

export function riskZoneFeatures(overview: WallOverview | null): FeatureCollection<Polygon | MultiPolygon> {
	return {
		type: 'FeatureCollection',
		features: (overview?.riskZones ?? []).map((zone) => ({ type: 'Feature' as const, id: zone.id, properties: { id: zone.id, name: zone.name, level: zone.level }, geometry: zone.polygon }))
	};
}

export function householdFeatures(overview: WallOverview | null): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: (overview?.householdsByVillage ?? []).map((village) => ({
			type: 'Feature' as const,
			id: village.villageId,
			properties: { id: village.villageId, village: village.village, total: village.home_quarantine + village.home_monitoring + village.centralised, home_quarantine: village.home_quarantine, home_monitoring: village.home_monitoring, centralised: village.centralised },
			geometry: { type: 'Point' as const, coordinates: [village.lon, village.lat] }
		}))
	};
}

export function placeFeatures(overview: WallOverview | null): FeatureCollection<Point> {
	const quarantineSites = (overview?.quarantineSites ?? []).map((site) => ({
		type: 'Feature' as const,
		id: site.id,
		properties: { id: site.id, kind: 'quarantine_site', name: site.name, value: site.free },
		geometry: { type: 'Point' as const, coordinates: [site.lon, site.lat] }
	}));
	const labs = (overview?.labs ?? []).map((lab) => ({
		type: 'Feature' as const,
		id: lab.id,
		properties: { id: lab.id, kind: lab.overCapacity ? 'lab_over_capacity' : 'lab', name: lab.name, value: lab.backlogTubes },
		geometry: { type: 'Point' as const, coordinates: [lab.lon, lab.lat] }
	}));
	return { type: 'FeatureCollection', features: [...quarantineSites, ...labs] };
}

export function riskZoneLayers(): [FillLayerSpecification, LineLayerSpecification] {
	const colour = ['match', ['get', 'level'], 'sealed', RISK_ZONE_COLOURS.sealed, 'controlled', RISK_ZONE_COLOURS.controlled, RISK_ZONE_COLOURS.precaution] as unknown as string;
	return [
		{ id: 'risk-zones-fill', type: 'fill', source: RISK_ZONES_SOURCE, paint: { 'fill-color': colour, 'fill-opacity': 0.18 } },
		{ id: 'risk-zones-line', type: 'line', source: RISK_ZONES_SOURCE, paint: { 'line-color': colour, 'line-width': 2.5, 'line-dasharray': [3, 2] } }
	];
}

/**
 * One symbol per village: a disc stretched around "3户", so the badge and its count collide as one.
 * Placed after sites, labs and vehicle labels (LABEL_PRIORITY): it tries eight sides around
 * its village and stays hidden rather than cover a site's label or marker.
 */
export function householdLayers({ unit, unitOne = unit }: { unit: string; /** "1 household", not "1 households" (English). */ unitOne?: string }): [SymbolLayerSpecification] {
	return [
		{
			id: 'households-badge',
			type: 'symbol',
			source: HOUSEHOLDS_SOURCE,
			layout: {
				'text-field': ['concat', ['to-string', ['get', 'total']], ['case', ['==', ['get', 'total'], 1], unitOne, unit]],
				'text-font': [MAP_FONT],
				'text-size': 13,
				// Clear of the village's site circle (often at the same place), up-right first as before.
				'text-variable-anchor': ['bottom-left', 'top-left', 'bottom-right', 'top-right', 'left', 'right', 'bottom', 'top'],
				'text-radial-offset': 2.6,
				'text-allow-overlap': false,
				'text-ignore-placement': false,
				'icon-image': BADGE_ICON,
				'icon-text-fit': 'both',
				'icon-text-fit-padding': [3, 6, 3, 6],
				'icon-allow-overlap': false,
				'icon-ignore-placement': false,
				'icon-optional': false,
				'symbol-sort-key': ['-', 0, ['get', 'total']]
			},
			paint: { 'text-color': '#1a202c', 'icon-color': HOUSEHOLD_COLOUR, 'icon-opacity': 0.85 }
		}
	];
}

export function placeLayers({ bedsFree, tubes }: { bedsFree: string; tubes: string }): [CircleLayerSpecification, SymbolLayerSpecification] {
	const colour = ['match', ['get', 'kind'], 'quarantine_site', PLACE_COLOURS.quarantine_site, 'lab_over_capacity', PLACE_COLOURS.lab_over_capacity, PLACE_COLOURS.lab] as unknown as string;
	return [
		{ id: 'places-circle', type: 'circle', source: PLACES_SOURCE, paint: { 'circle-color': colour, 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
		{
			id: 'places-label',
			type: 'symbol',
			source: PLACES_SOURCE,
			layout: {
				'text-field': ['case', ['==', ['get', 'kind'], 'quarantine_site'], ['concat', ['get', 'name'], '\n', bedsFree, ' ', ['to-string', ['get', 'value']]], ['concat', ['get', 'name'], '\n', ['to-string', ['get', 'value']], ' ', tubes]],
				'text-font': [MAP_FONT],
				'text-size': 13,
				// Placed after the site labels (LABEL_PRIORITY): below its marker if that side is free, else the first
				// free side, so a hotel's or lab's label moves aside from a site's (金桥村) instead of printing over it;
				// only when every side is taken is it drawn below regardless (MapLibre's second pass).
				'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
				'text-radial-offset': 1.2,
				// Always drawn, and claims its place and its marker's (the invisible icon): labels placed later go elsewhere.
				'text-allow-overlap': true,
				'text-ignore-placement': false,
				'icon-image': MARKER_SPACE_ICON,
				'icon-size': 0.75,
				'icon-allow-overlap': true,
				'icon-ignore-placement': false
			},
			paint: { 'text-color': '#e9d8fd', 'text-halo-color': '#0a1622', 'text-halo-width': 1.5 }
		}
	];
}
