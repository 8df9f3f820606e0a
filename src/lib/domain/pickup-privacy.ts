/**
 * Pickup privacy. A closed-loop transfer's pickup point is a home (or wherever a returnee waits),
 * so a transfer vehicle driving to it, standing at it or leaving it draws the home on every map.
 * From the moment the task is assigned until the task is closed (handed over at the hotel, or
 * cancelled) and the vehicle is then seen at least 500 m from the pickup, every fix of that vehicle
 * is shielded (and so are its fixes near the pickup in the half hour before the assignment): pages
 * show it only at its coarse point (the village's centre), without heading, speed or trail. The
 * whole trip is shielded, not only the doorstep, because a track reappearing on the way out points
 * back at the door. Only the vehicle's own phone gets the exact point.
 *
 * The summary kept of a vehicle's fixes (WatchMemory) does not depend on the order the fixes
 * arrived in, so a late fix gives the same verdict as if it had come on time. Pure; epoch ms.
 */
import { distanceMetres, type LatLon } from './coordinates';
import { TRANSFER_FENCES } from './closed-loop-transfer';

export const PICKUP_PRIVACY = {
	/**
	 * How far from the pickup a vehicle must be seen, after its task closed, before it is drawn where
	 * it is. The task's whole trip stays shielded: a track that reappears on the way from the home,
	 * at a published distance and with its heading, points back at the door (a review traced a home
	 * to 8 m from the first fix shown 500 m out), so only the hotel (handover) or a cancelled task
	 * far from the door lifts the shield.
	 */
	releaseDistanceM: 500,
	/**
	 * A halt on the way is shown where it was only this far from the pickup; nearer, at the village.
	 * Far enough that a halt's place and the hotel's do not narrow the home down to a street.
	 */
	haltExactBeyondM: 2000,
	/** Within this of the pickup the vehicle has reached it (the pickup fence of the transfer). */
	reachedRadiusM: TRANSFER_FENCES.pickupRadiusM,
	/**
	 * A vehicle already standing near the door when assigned would point at it the moment the task
	 * exists: its fixes within 500 m of the pickup this long before the assignment are shielded too.
	 */
	leadInMs: 30 * 60_000
} as const;

/** One transfer task as this rule sees it. */
export interface PickupWatch {
	taskId: number;
	vehicleId: string;
	assignedAt: number;
	/** When the task was handed over or cancelled; null while open. */
	closedAt: number | null;
	pickup: LatLon;
	/** Where pages see the vehicle while shielded: the village's centre (coarsePointFor). */
	coarse: LatLon;
}

export interface WatchFix extends LatLon {
	at: number;
}

/** What the rule needs of a vehicle's fixes since assignment: commutative, so any arrival order gives the same. */
export interface WatchMemory {
	/** The earliest fix at the pickup. */
	reachedAt: number | null;
	/** Times of fixes at least releaseDistanceM from the pickup, ascending; those past the release are dropped. */
	farAt: readonly number[];
}

export const FRESH_MEMORY: WatchMemory = { reachedAt: null, farAt: [] };

/** A watch with what has been seen of its vehicle. */
export type Remembered = { watch: PickupWatch; memory: WatchMemory };

export function rememberFix(watch: PickupWatch, memory: WatchMemory, fix: WatchFix): WatchMemory {
	if (fix.at < watch.assignedAt) return memory;
	const distance = distanceMetres(watch.pickup, fix);
	let { reachedAt, farAt } = memory;
	if (distance <= PICKUP_PRIVACY.reachedRadiusM && (reachedAt === null || fix.at < reachedAt)) reachedAt = fix.at;
	// Only a far fix after the task closed can lift the shield (releasedAt): no other is kept, so the
	// memory stays small over a long trip. One that arrives before the close is known is re-read from
	// storage when the closed task is loaded.
	const afterClose = watch.closedAt !== null && fix.at >= watch.closedAt;
	if (afterClose && distance >= PICKUP_PRIVACY.releaseDistanceM && !farAt.includes(fix.at)) farAt = [...farAt, fix.at].sort((a, b) => a - b);
	// Unchanged (a fix seen before, or one that says nothing new): the same memory, so callers can tell.
	if (reachedAt === memory.reachedAt && farAt === memory.farAt) return memory;
	const next = { reachedAt, farAt };
	// A far fix later than the release can never become the release (the release only moves earlier).
	const release = releasedAt(watch, next);
	return release === null ? next : { reachedAt, farAt: farAt.filter((at) => at <= release) };
}

/** Two memories of the same watch as one (what storage had, and what was seen live). */
export function mergeMemories(watch: PickupWatch, a: WatchMemory, b: WatchMemory): WatchMemory {
	const reachedAt = a.reachedAt === null ? b.reachedAt : b.reachedAt === null ? a.reachedAt : Math.min(a.reachedAt, b.reachedAt);
	const merged = { reachedAt, farAt: [...new Set([...a.farAt, ...b.farAt])].sort((x, y) => x - y) };
	const release = releasedAt(watch, merged);
	return release === null ? merged : { reachedAt, farAt: merged.farAt.filter((at) => at <= release) };
}

/** The whole memory of a set of fixes, in any order. */
export function memoryOf(watch: PickupWatch, fixes: Iterable<WatchFix>): WatchMemory {
	let memory = FRESH_MEMORY;
	for (const fix of fixes) memory = rememberFix(watch, memory, fix);
	return memory;
}

/**
 * When the shield lifts: the first fix at least releaseDistanceM away at or after the task closed.
 * Null: not yet (always while the task is open).
 */
export function releasedAt(watch: PickupWatch, memory: WatchMemory): number | null {
	if (watch.closedAt === null) return null;
	const closedAt = watch.closedAt;
	return memory.farAt.find((at) => at >= closedAt) ?? null;
}

/** Whether pages must not see this fix of the watched vehicle where it is. */
export function isShielded(watch: PickupWatch, memory: WatchMemory, fix: WatchFix): boolean {
	if (fix.at < watch.assignedAt) return watch.assignedAt - fix.at <= PICKUP_PRIVACY.leadInMs && nearPickup(watch, fix);
	const release = releasedAt(watch, memory);
	if (release === null || fix.at < release) return true;
	// Closed and released, the door is still the door: a fix near it is never shown while the task is watched.
	return nearPickup(watch, fix);
}

/** A halt on the way that pages get at village level, not where it was. */
export function haltNearPickup(watch: Pick<PickupWatch, 'pickup'>, point: LatLon): boolean {
	return distanceMetres(watch.pickup, point) < PICKUP_PRIVACY.haltExactBeyondM;
}

/** Within releaseDistanceM of the pickup. */
export function nearPickup(watch: Pick<PickupWatch, 'pickup'>, point: LatLon): boolean {
	return distanceMetres(watch.pickup, point) < PICKUP_PRIVACY.releaseDistanceM;
}

/** The watch (the latest assigned, of several) that shields this fix, if any. */
export function shieldingWatch(watches: readonly Remembered[], fix: WatchFix): PickupWatch | null {
	let found: PickupWatch | null = null;
	for (const { watch, memory } of watches) {
		if (isShielded(watch, memory, fix) && (found === null || watch.assignedAt > found.assignedAt)) found = watch;
	}
	return found;
}

/**
 * A vehicle's track as a page may have it: the shielded fixes taken out, and the spans they
 * covered (first to last shielded fix of each run), so a page can break the line there. The
 * memories must come from every fix since each assignment, not only from the fixes screened.
 */
export function screenTrack<F extends WatchFix>(remembered: readonly Remembered[], fixes: readonly F[]): { shown: F[]; hidden: { from: number; to: number }[] } {
	if (remembered.length === 0) return { shown: [...fixes], hidden: [] };
	const shown: F[] = [];
	const hidden: { from: number; to: number }[] = [];
	let run: { from: number; to: number } | null = null;
	for (const fix of [...fixes].sort((a, b) => a.at - b.at)) {
		if (shieldingWatch(remembered, fix) === null) {
			shown.push(fix);
			run = null;
		} else if (run) run.to = fix.at;
		else hidden.push((run = { from: fix.at, to: fix.at }));
	}
	return { shown, hidden };
}

/** Degrees of the grid whose cell centre stands in for a pickup that no village can: about 5 km. */
const FALLBACK_CELL_DEGREES = 0.05;

/**
 * Where a shielded vehicle is drawn: the centre of the household's village; else of the village
 * nearest the pickup (a returnee met at a station); else, in a registry without located villages,
 * the centre of the ~5 km grid cell the pickup lies in.
 */
export function coarsePointFor(pickup: LatLon, villageCentre: LatLon | null, otherVillageCentres: readonly LatLon[]): LatLon {
	if (villageCentre) return villageCentre;
	let nearest: LatLon | null = null;
	for (const centre of otherVillageCentres) if (nearest === null || distanceMetres(pickup, centre) < distanceMetres(pickup, nearest)) nearest = centre;
	if (nearest) return nearest;
	const cell = (value: number) => (Math.floor(value / FALLBACK_CELL_DEGREES) + 0.5) * FALLBACK_CELL_DEGREES;
	return { lat: cell(pickup.lat), lon: cell(pickup.lon) };
}
