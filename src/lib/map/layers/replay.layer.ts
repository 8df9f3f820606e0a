/**
 * Replay on the map: each vehicle's track (the part already played drawn bright), where each
 * vehicle is at the replay time (interpolated between fixes), and the stops and custody events
 * along the tracks. A track is broken where the server hid fixes near a transfer's pickup. Pure.
 */
import type { CircleLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { FeatureCollection, LineString, Point } from 'geojson';
import type { ReplayTrack } from '$lib/protocol';
import { bearingDegrees } from '$lib/domain/coordinates';
import { MAP_FONT } from '../basemap/offline-style';
import { VEHICLE_COLOURS } from './vehicles.layer';

export const REPLAY_TRACKS_SOURCE = 'replay-tracks';
export const REPLAY_PLAYED_SOURCE = 'replay-played';
export const REPLAY_VEHICLES_SOURCE = 'replay-vehicles';
export const REPLAY_EVENTS_SOURCE = 'replay-events';

type Fix = ReplayTrack['fixes'][number];

/** Index of the last fix at or before t (-1 when t is before the first). */
function lastIndexAtOrBefore(fixes: Fix[], t: number): number {
	let [low, high] = [0, fixes.length - 1];
	let found = -1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (fixes[middle][0] <= t) {
			found = middle;
			low = middle + 1;
		} else high = middle - 1;
	}
	return found;
}

/** Where the vehicle was at t, between its fixes; null before its first fix or after its last. */
export function positionAt(fixes: Fix[], t: number): { lat: number; lon: number; heading: number; speedKmh: number | null } | null {
	const index = lastIndexAtOrBefore(fixes, t);
	if (index < 0 || (index === fixes.length - 1 && t > fixes[index][0])) return null;
	const [at, lat, lon, speed] = fixes[index];
	const next = fixes[index + 1];
	if (!next || t === at) return { lat, lon, heading: next ? bearingDegrees({ lat, lon }, { lat: next[1], lon: next[2] }) : 0, speedKmh: speed };
	const f = (t - at) / (next[0] - at);
	return { lat: lat + (next[1] - lat) * f, lon: lon + (next[2] - lon) * f, heading: bearingDegrees({ lat, lon }, { lat: next[1], lon: next[2] }), speedKmh: speed };
}

/**
 * The runs of a track's fixes that no hidden span cuts (fixes the server took out because they
 * would show a transfer's pickup point): no line is drawn, and no vehicle moves, across such a gap.
 */
export function trackSegments(track: Pick<ReplayTrack, 'fixes' | 'hidden'>): Fix[][] {
	const gaps = (track.hidden ?? []).map((span) => Date.parse(span.from));
	const segments: Fix[][] = [];
	let current: Fix[] = [];
	for (const fix of track.fixes) {
		const previous = current.at(-1);
		if (previous && gaps.some((at) => at > previous[0] && at < fix[0])) {
			segments.push(current);
			current = [];
		}
		current.push(fix);
	}
	if (current.length > 0) segments.push(current);
	return segments;
}

/** Where the vehicle was at t, or null outside its fixes and inside a hidden span. */
export function trackPositionAt(track: Pick<ReplayTrack, 'fixes' | 'hidden'>, t: number): ReturnType<typeof positionAt> {
	const segment = trackSegments(track).find((fixes) => fixes[0][0] <= t && t <= fixes[fixes.length - 1][0]);
	return segment ? positionAt(segment, t) : null;
}

const segmentId = (track: ReplayTrack, part: string, index: number) => (index === 0 ? `${track.id}:${part}` : `${track.id}:${part}:${index}`);

/** Each track whole, drawn faint: set once per loaded window. */
export function replayTrackFeatures(tracks: ReplayTrack[]): FeatureCollection<LineString> {
	const features = [];
	for (const track of tracks) {
		for (const [index, fixes] of trackSegments(track).entries()) {
			if (fixes.length < 2) continue;
			features.push({ type: 'Feature' as const, id: segmentId(track, 'all', index), properties: { id: track.id, kind: track.kind, played: false }, geometry: { type: 'LineString' as const, coordinates: fixes.map((fix) => [fix[2], fix[1]]) } });
		}
	}
	return { type: 'FeatureCollection', features };
}

/** The part of each track played up to t, drawn bright and ending where the vehicle is. */
export function replayPlayedFeatures(tracks: ReplayTrack[], t: number): FeatureCollection<LineString> {
	const features = [];
	for (const track of tracks) {
		for (const [index, fixes] of trackSegments(track).entries()) {
			const upTo = lastIndexAtOrBefore(fixes, t);
			const here = positionAt(fixes, t);
			const played = [...fixes.slice(0, upTo + 1).map((fix) => [fix[2], fix[1]]), ...(here ? [[here.lon, here.lat]] : [])];
			if (played.length >= 2) features.push({ type: 'Feature' as const, id: segmentId(track, 'played', index), properties: { id: track.id, kind: track.kind, played: true }, geometry: { type: 'LineString' as const, coordinates: played } });
		}
	}
	return { type: 'FeatureCollection', features };
}

export function replayVehicleFeatures(tracks: ReplayTrack[], t: number): FeatureCollection<Point> {
	const features = [];
	for (const track of tracks) {
		const here = trackPositionAt(track, t);
		if (!here) continue;
		features.push({ type: 'Feature' as const, id: track.id, properties: { id: track.id, name: track.name, kind: track.kind, heading: here.heading }, geometry: { type: 'Point' as const, coordinates: [here.lon, here.lat] } });
	}
	return { type: 'FeatureCollection', features };
}

/** Stops (red where flagged) and custody events (violet) along the tracks. */
export function replayEventFeatures(tracks: ReplayTrack[]): FeatureCollection<Point> {
	const features = [];
	for (const track of tracks) {
		for (const stop of track.stops) features.push({ type: 'Feature' as const, id: `${track.id}:stop:${stop.from}`, properties: { kind: stop.flagged ? 'stop_flagged' : 'stop', label: `${Math.round(stop.minutes)}′` }, geometry: { type: 'Point' as const, coordinates: [stop.lon, stop.lat] } });
		for (const event of track.custody) {
			if (event.lat === null || event.lon === null) continue;
			features.push({ type: 'Feature' as const, id: `${track.id}:custody:${event.boxId}:${event.kind}`, properties: { kind: 'custody', label: `${event.kind === 'pickup' ? '↑' : '↓'}${event.tubesCounted}` }, geometry: { type: 'Point' as const, coordinates: [event.lon, event.lat] } });
		}
	}
	return { type: 'FeatureCollection', features };
}

const kindColour = ['match', ['get', 'kind'], 'transfer', VEHICLE_COLOURS.transfer, VEHICLE_COLOURS.courier] as const;

export function replayTrackLayers(source: typeof REPLAY_TRACKS_SOURCE | typeof REPLAY_PLAYED_SOURCE): [LineLayerSpecification] {
	return [
		{
			id: `${source}-line`,
			type: 'line',
			source,
			paint: { 'line-color': kindColour as never, 'line-width': ['case', ['get', 'played'], 4, 2], 'line-opacity': ['case', ['get', 'played'], 0.95, 0.3] },
			layout: { 'line-cap': 'round', 'line-join': 'round' }
		}
	];
}

export function replayEventLayers(): [CircleLayerSpecification, SymbolLayerSpecification] {
	return [
		{
			id: 'replay-events-circle',
			type: 'circle',
			source: REPLAY_EVENTS_SOURCE,
			paint: { 'circle-radius': 7, 'circle-color': ['match', ['get', 'kind'], 'stop_flagged', '#e53e3e', 'custody', '#9f7aea', '#a0aec0'], 'circle-stroke-color': '#0a1622', 'circle-stroke-width': 2 }
		},
		{
			id: 'replay-events-label',
			type: 'symbol',
			source: REPLAY_EVENTS_SOURCE,
			layout: { 'text-field': ['get', 'label'], 'text-font': [MAP_FONT], 'text-size': 12, 'text-offset': [0, 1.3], 'text-allow-overlap': false },
			paint: { 'text-color': '#e2e8f0', 'text-halo-color': '#0a1622', 'text-halo-width': 1.5 }
		}
	];
}

export function replayVehicleLayers(): [CircleLayerSpecification, SymbolLayerSpecification] {
	return [
		{
			id: 'replay-vehicles-circle',
			type: 'circle',
			source: REPLAY_VEHICLES_SOURCE,
			paint: { 'circle-radius': 9, 'circle-color': kindColour as never, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 }
		},
		{
			id: 'replay-vehicles-label',
			type: 'symbol',
			source: REPLAY_VEHICLES_SOURCE,
			layout: { 'text-field': ['get', 'name'], 'text-font': [MAP_FONT], 'text-size': 13, 'text-offset': [0, -1.6], 'text-allow-overlap': true },
			paint: { 'text-color': '#ffffff', 'text-halo-color': '#0a1622', 'text-halo-width': 2 }
		}
	];
}
