/**
 * The only place that emits to rooms: relays the projector's deltas from the bus to this node's
 * sockets. Every node subscribes to the bus itself, so each emits locally (io.local) and no delta
 * is sent twice. High-rate layers go out volatile: a slow socket drops a frame instead of
 * queueing it, and heals by snapshot when it sees the sequence gap.
 */
import type { Server } from 'socket.io';
import { deltaEventName, VOLATILE_LAYERS, type ClientToServerEvents, type Delta, type ServerToClientEvents } from '../../src/lib/protocol/index';

export type Io = Server<ClientToServerEvents, ServerToClientEvents>;

export function broadcastDelta(io: Io, room: string, delta: Delta): void {
	const target = VOLATILE_LAYERS.has(delta.layer) ? io.local.volatile.to(room) : io.local.to(room);
	// The event map ties each layer's name to its own delta type; the union is checked at the source.
	(target.emit as (event: string, delta: Delta) => boolean)(deltaEventName(delta.layer), delta);
}

export function broadcastHeartbeat(io: Io, dataTime: string | null): void {
	io.local.emit('heartbeat', { serverTime: Date.now(), dataTime });
}
