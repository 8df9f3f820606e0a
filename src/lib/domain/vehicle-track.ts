/**
 * What a vehicle's GPS track says: where it stopped and for how long, how far it drove, which
 * places (fences) it arrived at and left, and what state it is in for the dispatcher. Pure; fixes
 * are taken in device-time order whatever order they arrived in, and time is passed in (epoch ms).
 */
import { distanceMetres, type LatLon } from './coordinates';
import { geofenceEvents, GEOFENCE_RULES, orderedFixes, type Geofence, type GeofenceEvent, type GeofenceFix } from './geofence';

export const TRACK_RULES = {
	/** Fixes within this distance of where a stop began belong to that stop (GPS jitter when parked). */
	stopRadiusM: 60,
	/** A vehicle standing this long is stopped; where it should not stop, the dispatcher is told. */
	stopMinutes: 10,
	/** A closed-loop transfer may not stop on the way at all: a halt this long is flagged. */
	transferStopMinutes: 3,
	/** A jump implying more than this is a GPS glitch, not driving, and adds no distance. */
	maxPlausibleKmh: 200
} as const;

/** How close to a place a vehicle is "there": a site's forecourt, a lab's or a hotel's grounds. */
export const PLACE_FENCE_RADIUS_M = { site: 150, lab: 200, hotel: 200 } as const;

export type TrackRules = { [K in keyof typeof TRACK_RULES]: number };

export interface TrackFix extends GeofenceFix {
	speedKmh?: number | null;
}

export interface Stop extends LatLon {
	from: number;
	to: number;
	minutes: number;
	/** The stop lasts up to the newest fix: the vehicle is standing there now. */
	ongoing: boolean;
}

/**
 * Stops: runs of fixes that stay within stopRadiusM of the run's first fix for at least
 * minMinutes. A silent gap while parked counts as standing (the phone slept, the car did not move).
 */
export function trackStops(fixes: readonly TrackFix[], minMinutes: number = TRACK_RULES.stopMinutes, rules: TrackRules = TRACK_RULES): Stop[] {
	const ordered = orderedFixes(fixes);
	const stops: Stop[] = [];
	let start = 0;
	const close = (end: number) => {
		const run = ordered.slice(start, end);
		const minutes = (run[run.length - 1].at - run[0].at) / 60_000;
		if (minutes < minMinutes) return;
		const lat = run.reduce((sum, fix) => sum + fix.lat, 0) / run.length;
		const lon = run.reduce((sum, fix) => sum + fix.lon, 0) / run.length;
		stops.push({ from: run[0].at, to: run[run.length - 1].at, minutes: Math.round(minutes * 10) / 10, lat, lon, ongoing: end === ordered.length });
	};
	for (let index = 1; index < ordered.length; index++) {
		if (distanceMetres(ordered[start], ordered[index]) <= rules.stopRadiusM) continue;
		close(index);
		start = index;
	}
	if (ordered.length > 0) close(ordered.length);
	return stops;
}

/** Kilometres driven, leaving out jumps no vehicle could make (GPS glitches). */
export function trackDistanceKm(fixes: readonly TrackFix[], rules: TrackRules = TRACK_RULES): number {
	const ordered = orderedFixes(fixes);
	let metres = 0;
	for (let index = 1; index < ordered.length; index++) {
		const step = distanceMetres(ordered[index - 1], ordered[index]);
		const hours = (ordered[index].at - ordered[index - 1].at) / 3_600_000;
		if (hours > 0 && step / 1000 / hours <= rules.maxPlausibleKmh) metres += step;
	}
	return Math.round(metres / 100) / 10;
}

/** The fence a point is in (within its radius plus the hysteresis margin), if any. */
export function fenceAt<F extends Geofence>(point: LatLon, fences: readonly F[]): F | null {
	return fences.find((fence) => distanceMetres(fence.center, point) <= fence.radiusM + GEOFENCE_RULES.marginM) ?? null;
}

/** Arrivals and departures at every fence the track comes near, oldest first. */
export function trackFenceEvents(fences: readonly Geofence[], fixes: readonly TrackFix[]): GeofenceEvent[] {
	if (fixes.length === 0) return [];
	// Only fences the track's bounding box (plus a kilometre) reaches: a city has thousands of fences.
	const lats = fixes.map((fix) => fix.lat);
	const lons = fixes.map((fix) => fix.lon);
	const pad = 0.01;
	const [south, north, west, east] = [Math.min(...lats) - pad, Math.max(...lats) + pad, Math.min(...lons) - pad, Math.max(...lons) + pad];
	const near = fences.filter((fence) => fence.center.lat >= south && fence.center.lat <= north && fence.center.lon >= west && fence.center.lon <= east);
	return near.flatMap((fence) => geofenceEvents(fence, [...fixes])).sort((a, b) => a.at - b.at);
}

/**
 * A vehicle standing still for stopMinutes or more right now, outside every place it may stop at
 * (sites, labs, stations, hotels): the dispatcher should call the driver.
 */
export function unexpectedStop(fixes: readonly TrackFix[], allowed: readonly Geofence[], rules: TrackRules = TRACK_RULES): Stop | null {
	const current = trackStops(fixes, rules.stopMinutes, rules).find((stop) => stop.ongoing);
	if (!current || fenceAt(current, allowed)) return null;
	return current;
}

export type CourierState = 'idle' | 'roaming' | 'to_site' | 'loaded' | 'to_lab';

/** Faster than this with no run and nothing on board, a courier is on the road, not idle (GPS jitter stays under it). */
export const ROAMING_MIN_KMH = 5;

/**
 * A courier's state from its run and load: sites still to visit and nothing on board is "to site";
 * boxes on board with sites still to visit is "loaded"; boxes on board and no site left is "to lab".
 */
export function courierState({ sitesLeft, boxesOnBoard, speedKmh = null }: { sitesLeft: number; boxesOnBoard: number; speedKmh?: number | null }): CourierState {
	if (boxesOnBoard > 0) return sitesLeft > 0 ? 'loaded' : 'to_lab';
	if (sitesLeft > 0) return 'to_site';
	// No run and nothing on board but driving (a patrol, a way back): "idle" beside "40 km/h" reads as a fault.
	return speedKmh !== null && speedKmh >= ROAMING_MIN_KMH ? 'roaming' : 'idle';
}
