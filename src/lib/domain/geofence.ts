/**
 * Arrivals at and departures from places (sites, labs, quarantine hotels) from GPS fixes, without
 * flapping. Three rules make it robust: fixes are taken in device-time order whatever order they
 * arrive in; a vehicle is inside within the radius and outside only beyond radius + margin
 * (hysteresis, so jitter at the boundary changes nothing); and a change counts only once the new
 * side has held for confirmFixes fixes in a row. Pure.
 */
import { distanceMetres, type LatLon } from './coordinates';

export interface Geofence {
	id: string;
	center: LatLon;
	radiusM: number;
}

export const GEOFENCE_RULES = { marginM: 40, confirmFixes: 2 } as const;

export interface GeofenceFix extends LatLon {
	/** Device time, epoch ms. */
	at: number;
}

/**
 * Device-time order, one fix per instant (a resent fix is the same fix); ties broken by position so
 * the result is the same whatever order the fixes arrived in.
 */
export function orderedFixes<F extends GeofenceFix>(fixes: readonly F[]): F[] {
	return [...new Map([...fixes].sort((a, b) => a.at - b.at || a.lat - b.lat || a.lon - b.lon).map((fix) => [fix.at, fix])).values()];
}

export interface GeofenceEvent {
	fenceId: string;
	type: 'arrive' | 'depart';
	/** Device time of the first fix on the new side. */
	at: number;
}

interface Candidate {
	inside: boolean;
	since: number;
	count: number;
}

export function geofenceEvents(fence: Geofence, fixes: GeofenceFix[], rules: { marginM: number; confirmFixes: number } = GEOFENCE_RULES): GeofenceEvent[] {
	const ordered = orderedFixes(fixes);
	const events: GeofenceEvent[] = [];
	let inside: boolean | null = null;
	let candidate: Candidate | null = null;
	for (const fix of ordered) {
		const distance = distanceMetres(fence.center, fix);
		const side = distance <= fence.radiusM ? true : distance > fence.radiusM + rules.marginM ? false : null;
		// In the margin: evidence for neither side; a pending change neither grows nor resets.
		if (side === null) continue;
		if (inside === null) {
			inside = side;
			continue;
		}
		if (side === inside) {
			candidate = null;
			continue;
		}
		const pending: Candidate = candidate !== null && candidate.inside === side ? { inside: side, since: candidate.since, count: candidate.count + 1 } : { inside: side, since: fix.at, count: 1 };
		candidate = pending;
		if (pending.count >= rules.confirmFixes) {
			inside = side;
			events.push({ fenceId: fence.id, type: side ? 'arrive' : 'depart', at: pending.since });
			candidate = null;
		}
	}
	return events;
}
