/**
 * The only place that emits to rooms: relays the projector's deltas from the bus to this node's
 * sockets. Every node subscribes to the bus itself, so each emits locally (io.local) and no delta
 * is sent twice. High-rate layers go out volatile: a slow socket drops a frame instead of
 * queueing it, and heals by snapshot when it sees the sequence gap.
 *
 * Each scope room gets one emit per delta, so Socket.io encodes the frame once per room and
 * writes the same bytes to every socket in it (permessage-deflate is off for that reason). A
 * township room gets its own share of the vehicles (township-vehicles.ts): a small frame of its
 * own each tick instead of every fix of the county.
 */
import type { Server } from 'socket.io';
import { deltaEventName, DESK_LAYERS, DISPATCH_LAYERS, VOLATILE_LAYERS, type ClientToServerEvents, type Delta, type ServerToClientEvents } from '../../src/lib/protocol/index';
import { townshipOfRoom } from './rooms';
import { deltaForTownship, TOWNSHIP_FILTERED_LAYERS } from './scope-filter';
import type { TownshipVehicles } from './township-vehicles';

export type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/** The rooms of the county a hub serves: its scope room, the room of those who may dispatch, and of those who may view the quarantine desk. */
export interface CountyRooms {
	county: string;
	dispatch: string;
	desk: string;
}

export function broadcastDelta(io: Io, rooms: CountyRooms, delta: Delta, townshipVehicles: TownshipVehicles): void {
	// Runs and transfer tasks are the dispatcher's alone: never a wall's or a shift leader's.
	if (DISPATCH_LAYERS.has(delta.layer)) return emitTo(io, rooms.dispatch, delta);
	// The desk's signal likewise: only those who may view the quarantine desk.
	if (DESK_LAYERS.has(delta.layer)) return emitTo(io, rooms.desk, delta);
	const townshipRooms = [...io.sockets.adapter.rooms.keys()].filter((room) => townshipOfRoom(room) !== null);
	// The vehicles: the county room all of them, each township room those in its township's extent
	// (with the same sequence number, even when none is: the room still sees it missed nothing).
	if (delta.layer === 'vehicles') {
		emitTo(io, rooms.county, delta);
		const parts = townshipVehicles.deltasFor(townshipRooms.map((room) => ({ room, townshipId: townshipOfRoom(room)! })), delta as Delta<'vehicles'>);
		townshipRooms.forEach((room, at) => emitTo(io, room, parts[at]));
		return;
	}
	// A layer every scope sees whole (none today but for a county's without townships) goes out in one
	// emit to all the scope rooms, so it is encoded once a tick however many township boards there are.
	if (!TOWNSHIP_FILTERED_LAYERS.has(delta.layer)) return emitTo(io, [rooms.county, ...townshipRooms], delta);
	emitTo(io, rooms.county, delta);
	for (const room of townshipRooms) emitTo(io, room, deltaForTownship(delta, townshipOfRoom(room)!));
}

function emitTo(io: Io, room: string | string[], delta: Delta): void {
	const target = VOLATILE_LAYERS.has(delta.layer) ? io.local.volatile.to(room) : io.local.to(room);
	// The event map ties each layer's name to its own delta type; the union is checked at the source.
	(target.emit as (event: string, delta: Delta) => boolean)(deltaEventName(delta.layer), delta);
}

export function broadcastHeartbeat(io: Io, dataTime: string | null): void {
	io.local.emit('heartbeat', { serverTime: Date.now(), dataTime });
}
