/**
 * Room names; who may be in which is in server/auth/policies.ts (ROOM_POLICIES).
 *
 * Every live socket is in exactly one scope room: the county room (commanders, dispatchers, a
 * county wall) or the room of one township (its shift leaders, a wall bound to that township).
 * A township room receives only its own sites, its own fever villages of the KPIs, and the vehicles
 * within its township's extent (township-vehicles.ts); the county room receives everything.
 * The dispatch room is the only one that gets the dispatcher's layers (DISPATCH_LAYERS), the desk
 * room the only one that gets the quarantine desk's signal (DESK_LAYERS).
 */
import type { Principal } from '../auth/principal';
import { scopeOfPrincipal } from '../auth/user-scope';

export const countyRoom = (countyId: string) => `region:${countyId}`;
export const townshipRoom = (townshipId: string) => `township:${townshipId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const displayRoom = (displayId: string) => `display:${displayId}`;
/** Sockets whose role may dispatch, besides their scope room: they alone get the runs and transfers layers. */
export const dispatchRoom = (countyId: string) => `dispatch:${countyId}`;
/** Sockets whose role may view the quarantine desk: they alone get its live signal (DESK_LAYERS). */
export const deskRoom = (countyId: string) => `desk:${countyId}`;

const TOWNSHIP_ROOM_PREFIX = 'township:';
export const townshipOfRoom = (room: string) => (room.startsWith(TOWNSHIP_ROOM_PREFIX) ? room.slice(TOWNSHIP_ROOM_PREFIX.length) : null);

/**
 * The township a principal's live view is limited to, or null for the whole county. A user whose
 * scope is not valid never gets here: the hub refuses their socket (scopeRefusal).
 */
export function townshipScopeOf(principal: Principal): string | null {
	const scope = scopeOfPrincipal(principal);
	return scope.kind === 'township' ? scope.townshipId : null;
}

export function scopeRoomOf(principal: Principal, countyId: string): string {
	const township = townshipScopeOf(principal);
	return township ? townshipRoom(township) : countyRoom(countyId);
}
