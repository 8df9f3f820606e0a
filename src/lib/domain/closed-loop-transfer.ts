/**
 * Closed-loop transfer (闭环转运, domain.md): a dedicated vehicle takes people from their pickup
 * point straight to a quarantine hotel with no stop on the way. From the vehicle's fixes since the
 * task began: when it reached the pickup point, when it left with the passengers, when it arrived,
 * and every halt on the way. Pure; time in epoch ms.
 */
import { distanceMetres } from './coordinates';
import { geofenceEvents, orderedFixes, type Geofence } from './geofence';
import { trackStops, TRACK_RULES, type Stop, type TrackFix, type TrackRules } from './vehicle-track';

/** Fence radii: a home's doorstep is small, a hotel's forecourt and car park larger. */
export const TRANSFER_FENCES = { pickupRadiusM: 120, hotelRadiusM: 200 } as const;

export type TransferPhase = 'to_pickup' | 'at_pickup' | 'carrying' | 'arrived';

export interface TransferProgress {
	phase: TransferPhase;
	atPickupAt: number | null;
	pickedUpAt: number | null;
	arrivedAt: number | null;
	/** Halts between pickup and arrival outside both places: each one breaks the closed loop. */
	stopsOnTheWay: Stop[];
}

export function transferProgress(fences: { pickup: Geofence; hotel: Geofence }, fixes: readonly TrackFix[], rules: TrackRules = TRACK_RULES): TransferProgress {
	const ordered = orderedFixes(fixes);
	const none: TransferProgress = { phase: 'to_pickup', atPickupAt: null, pickedUpAt: null, arrivedAt: null, stopsOnTheWay: [] };
	if (ordered.length === 0) return none;
	const pickupEvents = geofenceEvents(fences.pickup, ordered);
	const startedAtPickup = distanceMetres(fences.pickup.center, ordered[0]) <= fences.pickup.radiusM;
	const atPickupAt = startedAtPickup ? ordered[0].at : (pickupEvents.find((event) => event.type === 'arrive')?.at ?? null);
	if (atPickupAt === null) return none;
	const pickedUpAt = pickupEvents.find((event) => event.type === 'depart' && event.at > atPickupAt)?.at ?? null;
	if (pickedUpAt === null) return { ...none, phase: 'at_pickup', atPickupAt };
	const arrivedAt = geofenceEvents(fences.hotel, ordered).find((event) => event.type === 'arrive' && event.at > pickedUpAt)?.at ?? null;
	const onTheWay = ordered.filter((fix) => fix.at >= pickedUpAt && (arrivedAt === null || fix.at <= arrivedAt));
	const inside = (stop: Stop, fence: Geofence) => distanceMetres(fence.center, stop) <= fence.radiusM;
	const stopsOnTheWay = trackStops(onTheWay, rules.transferStopMinutes, rules).filter((stop) => !inside(stop, fences.pickup) && !inside(stop, fences.hotel));
	return { phase: arrivedAt === null ? 'carrying' : 'arrived', atPickupAt, pickedUpAt, arrivedAt, stopsOnTheWay };
}

/** Beds a hotel can still promise: free beds less those held for transfers on their way. */
export function bedsToPromise({ beds, occupied, heldForTransfers }: { beds: number; occupied: number; heldForTransfers: number }): number {
	return Math.max(0, beds - occupied - heldForTransfers);
}
