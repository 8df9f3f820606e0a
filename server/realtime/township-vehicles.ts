/**
 * The vehicles a township's room sees: those inside its township's extent (township-extents.ts),
 * by the position they are sent with: a shielded transfer vehicle (coarse: true) is placed at its
 * village's centre, never where it is. A vehicle that leaves the extent is removed from the room
 * (a `removes` entry of the room's delta); one that enters is upserted.
 *
 * Each room remembers the vehicle ids it shows (a superset of what any of its sockets holds: a
 * socket's snapshot adds to it), so it knows when to send a removal; removing an id a socket never
 * had is harmless. Every vehicles delta gives each room a delta with the same sequence number, even
 * an empty one, so a socket still sees it missed nothing. A room's memory is forgotten when the
 * room empties (the hub listens for the adapter's delete-room).
 */
import { insideExtent } from '../../src/lib/domain/township-extent';
import type { Delta, Snapshot } from '../../src/lib/protocol/index';
import type { TownshipExtents } from './township-extents';

export class TownshipVehicles {
	private readonly shown = new Map<string, Set<string>>();

	constructor(private readonly extents: TownshipExtents) {}

	/** The room's share of a vehicles delta, and what the room shows afterwards. */
	deltaFor(room: string, townshipId: string, delta: Delta<'vehicles'>): Delta<'vehicles'> {
		const extent = this.extents.extentOf(townshipId);
		const shown = this.memoryOf(room);
		const upserts: Delta<'vehicles'>['upserts'] = [];
		const removes: string[] = [];
		for (const vehicle of delta.upserts) {
			if (insideExtent(vehicle, extent)) {
				upserts.push(vehicle);
				shown.add(vehicle.id);
			} else if (shown.delete(vehicle.id)) {
				removes.push(vehicle.id);
			}
		}
		// The layer's own removals go to every room (harmless where the id was never shown).
		const left = removes.length > 0 ? new Set(removes) : null;
		for (const id of delta.removes) {
			shown.delete(id);
			if (!left?.has(id)) removes.push(id);
		}
		return { layer: 'vehicles', seq: delta.seq, upserts, removes };
	}

	/** A socket's snapshot of the vehicles layer, filtered the same way; the room then remembers them too. */
	snapshotFor(room: string, townshipId: string, snapshot: Snapshot<'vehicles'>): Snapshot<'vehicles'> {
		const extent = this.extents.extentOf(townshipId);
		const entities = snapshot.entities.filter((vehicle) => insideExtent(vehicle, extent));
		const shown = this.memoryOf(room);
		for (const vehicle of entities) shown.add(vehicle.id);
		return { ...snapshot, entities };
	}

	/** The room emptied: nobody is left to remove a vehicle from. */
	forget(room: string): void {
		this.shown.delete(room);
	}

	/** How many vehicle ids the room remembers (for tests). */
	remembered(room: string): ReadonlySet<string> | undefined {
		return this.shown.get(room);
	}

	private memoryOf(room: string): Set<string> {
		let shown = this.shown.get(room);
		if (!shown) this.shown.set(room, (shown = new Set()));
		return shown;
	}
}
