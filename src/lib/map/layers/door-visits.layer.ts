/**
 * Door-to-door visits on the dispatch map: one marker per village at its public centre (never a
 * home, never a household), a disc with the visits still open (re-tests of positive pools in red),
 * and the count. Pure.
 */
import type { CircleLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import { MAP_FONT } from '../basemap/offline-style';

export const DOOR_VISITS_SOURCE = 'door-visits-by-village';
export const DOOR_VISIT_COLOURS = { routine: '#38b2ac', retest: '#e53e3e' } as const;

export interface DoorVisitVillage {
	villageId: string;
	village: string;
	lat: number | null;
	lon: number | null;
	open: number;
	sampled: number;
	retestOpen: number;
}

/** Villages with visits still open and a known place; a village with none left leaves the map. */
export function doorVisitFeatures(villages: readonly DoorVisitVillage[]): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: villages
			.filter((village) => village.open > 0 && village.lat !== null && village.lon !== null)
			.map((village) => ({
				type: 'Feature' as const,
				id: village.villageId,
				properties: { id: village.villageId, village: village.village, open: village.open, sampled: village.sampled, retest: village.retestOpen > 0 },
				geometry: { type: 'Point' as const, coordinates: [village.lon!, village.lat!] }
			}))
	};
}

export function doorVisitLayers({ unit }: { unit: string }): [CircleLayerSpecification, SymbolLayerSpecification] {
	return [
		{
			id: 'door-visits-circle',
			type: 'circle',
			source: DOOR_VISITS_SOURCE,
			paint: { 'circle-color': ['case', ['get', 'retest'], DOOR_VISIT_COLOURS.retest, DOOR_VISIT_COLOURS.routine] as unknown as string, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2, 'circle-translate': [-14, -14] }
		},
		{
			id: 'door-visits-label',
			type: 'symbol',
			source: DOOR_VISITS_SOURCE,
			layout: { 'text-field': ['concat', unit, ' ', ['to-string', ['get', 'open']]], 'text-font': [MAP_FONT], 'text-size': 12, 'text-offset': [-1.2, -2.4], 'text-allow-overlap': false },
			paint: { 'text-color': '#e2e8f0', 'text-halo-color': '#1a202c', 'text-halo-width': 1.5 }
		}
	];
}
