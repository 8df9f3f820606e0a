/**
 * The vehicles a township's room sees: those inside its township's extent (township-extents.ts),
 * by the position they are sent with: a shielded transfer vehicle (coarse: true) is placed at its
 * village's centre, never where it is. A vehicle that leaves the extent is removed from the room
 * (a `removes` entry of the room's delta); one that enters is upserted.
 *
 * It remembers which rooms show each vehicle (a superset of what any of a room's sockets holds: a
 * socket's snapshot adds to it), so it knows when to send a removal; removing an id a socket never
 * had is harmless. Kept by vehicle rather than by room, so a tick costs a few box tests per fix
 * and room, and a set lookup per fix, not per fix and room. Every vehicles delta gives each room a
 * delta with the same sequence number, even an empty one, so a socket still sees it missed
 * nothing. A room's memory is forgotten when the room empties (the hub listens for the adapter's
 * delete-room).
 */
import { insideExtent } from '../../src/lib/domain/township-extent';
import type { Delta, Snapshot } from '../../src/lib/protocol/index';
import type { TownshipExtents } from './township-extents';

export interface TownshipRoom {
	room: string;
	townshipId: string;
}

export class TownshipVehicles {
	/** Vehicle id → the township rooms showing it. */
	private readonly shownIn = new Map<string, Set<string>>();

	constructor(private readonly extents: TownshipExtents) {}

	/** Each room's share of a vehicles delta, in the order of `rooms`. */
	deltasFor(rooms: readonly TownshipRoom[], delta: Delta<'vehicles'>): Delta<'vehicles'>[] {
		const boxes = rooms.map(({ townshipId }) => this.extents.extentOf(townshipId));
		const out = rooms.map(() => ({ layer: 'vehicles' as const, seq: delta.seq, upserts: [] as Delta<'vehicles'>['upserts'], removes: [] as string[] }));
		const index = new Map(rooms.map(({ room }, at) => [room, at]));
		// Which rooms the current vehicle is inside: marked with its turn, so nothing is allocated per fix.
		const insideAt = new Int32Array(rooms.length).fill(-1);
		delta.upserts.forEach((vehicle, turn) => {
			let shown = this.shownIn.get(vehicle.id);
			for (let at = 0; at < rooms.length; at++) {
				if (!insideExtent(vehicle, boxes[at])) continue;
				insideAt[at] = turn;
				out[at].upserts.push(vehicle);
				if (!shown) this.shownIn.set(vehicle.id, (shown = new Set()));
				shown.add(rooms[at].room);
			}
			if (!shown) return;
			for (const room of shown) {
				const at = index.get(room);
				if (at === undefined || insideAt[at] === turn) continue;
				shown.delete(room);
				out[at].removes.push(vehicle.id);
			}
			if (shown.size === 0) this.shownIn.delete(vehicle.id);
		});
		// The layer's own removals go to every room (harmless where the id was never shown).
		for (const id of delta.removes) {
			this.shownIn.delete(id);
			for (const part of out) if (!part.removes.includes(id)) part.removes.push(id);
		}
		return out;
	}

	/** One room's share of a vehicles delta (deltasFor for one room). */
	deltaFor(room: string, townshipId: string, delta: Delta<'vehicles'>): Delta<'vehicles'> {
		return this.deltasFor([{ room, townshipId }], delta)[0];
	}

	/** A socket's snapshot of the vehicles layer, filtered the same way; the room then remembers them too. */
	snapshotFor(room: string, townshipId: string, snapshot: Snapshot<'vehicles'>): Snapshot<'vehicles'> {
		const extent = this.extents.extentOf(townshipId);
		const entities = snapshot.entities.filter((vehicle) => insideExtent(vehicle, extent));
		for (const vehicle of entities) {
			let shown = this.shownIn.get(vehicle.id);
			if (!shown) this.shownIn.set(vehicle.id, (shown = new Set()));
			shown.add(room);
		}
		return { ...snapshot, entities };
	}

	/** The room emptied: nobody is left to remove a vehicle from. */
	forget(room: string): void {
		for (const [id, shown] of this.shownIn) if (shown.delete(room) && shown.size === 0) this.shownIn.delete(id);
	}

	/** The vehicle ids the room shows (for tests). */
	remembered(room: string): ReadonlySet<string> {
		return new Set([...this.shownIn].flatMap(([id, shown]) => (shown.has(room) ? [id] : [])));
	}
}
