/**
 * A large fleet as typed arrays for the GPU point layer (fleet-points-layer.ts): per vehicle its
 * Web-Mercator position (0..1, as MapLibre's custom layers take it), its heading and its look
 * (courier, transfer or silent; arrow, or ring at village level). Pure, no WebGL here.
 *
 * Why: a megacity's wall holds 10,000 vehicles. As a GeoJSON source every update re-tiles the
 * whole fleet in MapLibre's worker, sends the tiles back and places 10,000 symbols on the main
 * thread; here an update writes the vehicles whose entity or look changed into the arrays and
 * the layer sends them to the GPU in one call.
 */
import type { VehicleEntity } from '$lib/protocol';

/** Floats per vehicle: x, y (mercator), heading (radians, clockwise from north), look (FleetLook). */
export const FLOATS_PER_VEHICLE = 4;

/** A vehicle's look, as the layer's shader reads it: colour, plus RING for a vehicle shown at village level. */
export const FleetLook = { courier: 0, transfer: 1, silent: 2, RING: 4 } as const;

export type FleetPlace = { lat: number; lon: number };

/** Web-Mercator x and y in 0..1 (MapLibre's MercatorCoordinate.fromLngLat, without importing MapLibre). */
export function mercator(lon: number, lat: number): [number, number] {
	const x = (180 + lon) / 360;
	const y = (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))) / 360;
	return [x, y];
}

export function fleetLook(vehicle: VehicleEntity, silent: boolean): number {
	const colour = silent ? FleetLook.silent : vehicle.kind === 'transfer' ? FleetLook.transfer : FleetLook.courier;
	return colour + (vehicle.coarse ? FleetLook.RING : 0);
}

export class FleetBuffers {
	/** x, y, heading, look per vehicle, packed from slot 0 to count − 1. */
	data = new Float32Array(0);
	count = 0;
	#slots = new Map<string, { slot: number; entity: VehicleEntity; look: number }>();
	#ids: string[] = [];
	#epoch: readonly unknown[] | null = null;

	/**
	 * Brings the arrays up to date with the fleet. `look` is asked again for a vehicle whose entity
	 * is the same object as last time only when the epoch (what the look depends on besides the
	 * entity, e.g. the clock that decides "silent") changed. Returns how many vehicles were written
	 * (added, moved or changed look) and removed: 0 and 0 means nothing to send.
	 */
	update(vehicles: Iterable<VehicleEntity>, look: (vehicle: VehicleEntity) => number, epoch: readonly unknown[] = []): { written: number; removed: number } {
		const sameEpoch = this.#epoch !== null && epoch.length === this.#epoch.length && epoch.every((value, index) => value === this.#epoch![index]);
		this.#epoch = epoch;
		const seen = new Set<string>();
		let written = 0;
		for (const vehicle of vehicles) {
			const before = this.#slots.get(vehicle.id);
			// Not on the map until its first fix (the layer's GeoJSON twin leaves it out likewise).
			if (vehicle.lat === null || vehicle.lon === null) continue;
			seen.add(vehicle.id);
			if (before && before.entity === vehicle && sameEpoch) continue;
			const nextLook = look(vehicle);
			if (before && before.entity === vehicle && before.look === nextLook) continue;
			const slot = before?.slot ?? this.#append(vehicle.id);
			this.#write(slot, vehicle, nextLook);
			this.#slots.set(vehicle.id, { slot, entity: vehicle, look: nextLook });
			written++;
		}
		let removed = 0;
		if (seen.size < this.#slots.size) {
			for (const id of [...this.#slots.keys()]) if (!seen.has(id)) (this.#remove(id), removed++);
		}
		return { written, removed };
	}

	/** The slot a vehicle is drawn from (for tests and picking), or undefined when not drawn. */
	slotOf(id: string): number | undefined {
		return this.#slots.get(id)?.slot;
	}

	#append(id: string): number {
		const slot = this.count++;
		this.#ids[slot] = id;
		if (this.data.length < this.count * FLOATS_PER_VEHICLE) {
			const grown = new Float32Array(Math.max(64, this.count * 2) * FLOATS_PER_VEHICLE);
			grown.set(this.data);
			this.data = grown;
		}
		return slot;
	}

	#write(slot: number, vehicle: VehicleEntity, look: number): void {
		const [x, y] = mercator(vehicle.lon!, vehicle.lat!);
		const at = slot * FLOATS_PER_VEHICLE;
		this.data[at] = x;
		this.data[at + 1] = y;
		// At village level there is no heading to show (nor to give away).
		this.data[at + 2] = vehicle.coarse ? 0 : ((vehicle.heading ?? 0) * Math.PI) / 180;
		this.data[at + 3] = look;
	}

	/** The last vehicle moves into the freed slot, so the arrays stay packed for one draw call. */
	#remove(id: string): void {
		const { slot } = this.#slots.get(id)!;
		this.#slots.delete(id);
		const last = --this.count;
		if (slot !== last) {
			const lastId = this.#ids[last];
			this.data.copyWithin(slot * FLOATS_PER_VEHICLE, last * FLOATS_PER_VEHICLE, (last + 1) * FLOATS_PER_VEHICLE);
			this.#ids[slot] = lastId;
			this.#slots.get(lastId)!.slot = slot;
		}
		this.#ids.length = last;
	}
}
