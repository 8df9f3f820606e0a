/**
 * Couriers and transfer vehicles as arrows turned to their heading, greyed when their GPS has
 * been silent for a minute, each with a short trail. Pure: positions come from VehicleMotion.
 * A transfer vehicle near its pickup point comes at village level only (`coarse`): it is drawn as
 * a hollow ring at its village, with no heading or trail, so nobody reads it as where the vehicle is.
 */
import type { CircleLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { VehicleEntity } from '$lib/protocol';
import { ALERT_RULES } from '$lib/domain/alerts';
import { isBefore } from '$lib/domain/iso-time';
import { MAP_FONT } from '../basemap/offline-style';

export const VEHICLES_SOURCE = 'vehicles';
export const TRAILS_SOURCE = 'vehicle-trails';
export const VEHICLE_ICON = 'vehicle-arrow';
export const VEHICLE_COLOURS = { courier: '#4fd1c5', transfer: '#ed64a6', silent: '#718096' } as const;

type Place = (vehicle: VehicleEntity) => { lat: number; lon: number } | null;

/** Boxes a vehicle carries, from the wall's overview: a badge on its arrow, red near the 4-hour limit. */
export type BoxesOnBoard = ReadonlyMap<string, { boxes: number; minutesLeft: number }>;
export const BOX_BADGE_URGENT_MINUTES = 60;
const fixPlace: Place = (vehicle) => (vehicle.lat === null || vehicle.lon === null ? null : { lat: vehicle.lat, lon: vehicle.lon });

export function isSilent(vehicle: VehicleEntity, now: number, silentAfterSeconds = ALERT_RULES.silentAfterSeconds): boolean {
	return vehicle.fixAt !== null && isBefore(vehicle.fixAt, now - silentAfterSeconds * 1000);
}

export function vehicleFeature(vehicle: VehicleEntity, now = Date.now(), place: Place = fixPlace, boxes: BoxesOnBoard = new Map()): Feature<Point> | null {
	const at = place(vehicle);
	if (!at) return null;
	const load = boxes.get(vehicle.id);
	return {
		type: 'Feature',
		id: vehicle.id,
		properties: { id: vehicle.id, name: vehicle.name, kind: vehicle.kind, heading: vehicle.coarse ? 0 : (vehicle.heading ?? 0), coarse: vehicle.coarse === true, silent: isSilent(vehicle, now), boxes: load?.boxes ?? 0, urgent: (load?.minutesLeft ?? Infinity) <= BOX_BADGE_URGENT_MINUTES },
		geometry: { type: 'Point', coordinates: [at.lon, at.lat] }
	};
}

export function vehicleFeatures(vehicles: Iterable<VehicleEntity>, now = Date.now(), place: Place = fixPlace, boxes: BoxesOnBoard = new Map()): FeatureCollection<Point> {
	const features = [];
	for (const vehicle of vehicles) {
		const feature = vehicleFeature(vehicle, now, place, boxes);
		if (feature) features.push(feature);
	}
	return { type: 'FeatureCollection', features };
}

export function trailFeatures(trails: Iterable<{ id: string; kind: VehicleEntity['kind']; points: [number, number][] }>): FeatureCollection<LineString> {
	const features = [];
	for (const trail of trails) {
		if (trail.points.length < 2) continue;
		features.push({ type: 'Feature' as const, id: trail.id, properties: { id: trail.id, kind: trail.kind }, geometry: { type: 'LineString' as const, coordinates: trail.points } });
	}
	return { type: 'FeatureCollection', features };
}

export function trailLayers(): [LineLayerSpecification] {
	return [
		{
			id: 'vehicle-trails-line',
			type: 'line',
			source: TRAILS_SOURCE,
			paint: { 'line-color': ['match', ['get', 'kind'], 'transfer', VEHICLE_COLOURS.transfer, VEHICLE_COLOURS.courier], 'line-width': 3, 'line-opacity': 0.45 },
			layout: { 'line-cap': 'round', 'line-join': 'round' }
		}
	];
}

export function vehiclesLayers(): [SymbolLayerSpecification, CircleLayerSpecification, SymbolLayerSpecification, CircleLayerSpecification, SymbolLayerSpecification] {
	const badgeOffset: [number, number] = [13, -13];
	return [
		{
			id: 'vehicles-arrow',
			type: 'symbol',
			source: VEHICLES_SOURCE,
			filter: ['!', ['get', 'coarse']],
			layout: { 'icon-image': VEHICLE_ICON, 'icon-rotate': ['get', 'heading'], 'icon-rotation-alignment': 'map', 'icon-allow-overlap': true, 'icon-ignore-placement': true, 'icon-size': 1 },
			paint: {
				'icon-color': ['case', ['get', 'silent'], VEHICLE_COLOURS.silent, ['match', ['get', 'kind'], 'transfer', VEHICLE_COLOURS.transfer, VEHICLE_COLOURS.courier]],
				'icon-halo-color': '#0a1622',
				'icon-halo-width': 2
			}
		},
		{
			// Village level: a hollow ring, larger than an arrow, so it reads as "somewhere here".
			id: 'vehicles-coarse',
			type: 'circle',
			source: VEHICLES_SOURCE,
			filter: ['get', 'coarse'],
			paint: {
				'circle-radius': 16,
				'circle-color': 'rgba(0, 0, 0, 0)',
				'circle-stroke-width': 2.5,
				'circle-stroke-color': ['case', ['get', 'silent'], VEHICLE_COLOURS.silent, VEHICLE_COLOURS.transfer],
				'circle-stroke-opacity': 0.85
			}
		},
		{
			id: 'vehicles-label',
			type: 'symbol',
			source: VEHICLES_SOURCE,
			// Yields to site and lab labels (placed first, LABEL_PRIORITY): tries four sides of its arrow, else stays unlabelled.
			layout: {
				'text-field': ['get', 'name'], 'text-font': [MAP_FONT], 'text-size': 12, 'text-variable-anchor': ['bottom', 'top', 'left', 'right'], 'text-radial-offset': 1.3,
				'text-allow-overlap': false, 'text-ignore-placement': false, 'text-padding': 3,
				// Among vehicles, one carrying boxes is labelled first.
				'symbol-sort-key': ['-', 0, ['get', 'boxes']]
			},
			paint: { 'text-color': ['case', ['get', 'silent'], '#a0aec0', '#b2f5ea'], 'text-halo-color': '#0a1622', 'text-halo-width': 1.5 }
		},
		{
			id: 'vehicles-box-badge',
			type: 'circle',
			source: VEHICLES_SOURCE,
			filter: ['>', ['get', 'boxes'], 0],
			paint: { 'circle-radius': 8, 'circle-color': ['case', ['get', 'urgent'], '#e53e3e', '#d69e2e'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, 'circle-translate': badgeOffset }
		},
		{
			id: 'vehicles-box-count',
			type: 'symbol',
			source: VEHICLES_SOURCE,
			filter: ['>', ['get', 'boxes'], 0],
			layout: { 'text-field': ['to-string', ['get', 'boxes']], 'text-font': [MAP_FONT], 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
			paint: { 'text-color': '#ffffff', 'text-translate': badgeOffset }
		}
	];
}

/** An upward arrow drawn once on a canvas, used as a signed-distance-field icon so that paint can colour it. */
export function arrowIcon(size = 28): { width: number; height: number; data: Uint8Array } {
	const data = new Uint8Array(size * size * 4);
	const half = size / 2;
	// Inside the arrow: a point of the triangle (tip up) minus a notch at the bottom.
	const inside = (x: number, y: number) => {
		const top = 2;
		const bottom = size - 3;
		if (y < top || y > bottom) return false;
		const widthAtY = ((y - top) / (bottom - top)) * (half - 3);
		if (Math.abs(x - half) > widthAtY) return false;
		const notch = bottom - (size * 0.28) * (1 - Math.abs(x - half) / (half - 3));
		return y < notch;
	};
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const offset = (y * size + x) * 4;
			const alpha = inside(x + 0.5, y + 0.5) ? 255 : 0;
			data[offset] = data[offset + 1] = data[offset + 2] = 255;
			data[offset + 3] = alpha;
		}
	}
	return { width: size, height: size, data };
}
