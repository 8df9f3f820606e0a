/** Couriers and transfer vehicles as markers with their name. Pure. */
import type { CircleLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { VehicleEntity } from '$lib/protocol';
import { MAP_FONT } from '../basemap/offline-style';

export const VEHICLES_SOURCE = 'vehicles';

export function vehicleFeatures(vehicles: Iterable<VehicleEntity>): FeatureCollection<Point> {
	const features = [];
	for (const vehicle of vehicles) {
		if (vehicle.lat === null || vehicle.lon === null) continue;
		features.push({
			type: 'Feature' as const,
			id: vehicle.id,
			properties: { id: vehicle.id, name: vehicle.name, kind: vehicle.kind, heading: vehicle.heading ?? 0, fixAt: vehicle.fixAt },
			geometry: { type: 'Point' as const, coordinates: [vehicle.lon, vehicle.lat] }
		});
	}
	return { type: 'FeatureCollection', features };
}

export function vehiclesLayers(): [CircleLayerSpecification, SymbolLayerSpecification] {
	return [
		{
			id: 'vehicles-circle',
			type: 'circle',
			source: VEHICLES_SOURCE,
			paint: {
				'circle-radius': 7,
				'circle-color': ['match', ['get', 'kind'], 'transfer', '#ed64a6', '#4fd1c5'],
				'circle-stroke-color': '#0a1622',
				'circle-stroke-width': 2
			}
		},
		{
			id: 'vehicles-label',
			type: 'symbol',
			source: VEHICLES_SOURCE,
			layout: { 'text-field': ['get', 'name'], 'text-font': [MAP_FONT], 'text-size': 12, 'text-offset': [0, -1.4], 'text-anchor': 'bottom', 'text-optional': true },
			paint: { 'text-color': '#b2f5ea', 'text-halo-color': '#0a1622', 'text-halo-width': 1.5 }
		}
	];
}
