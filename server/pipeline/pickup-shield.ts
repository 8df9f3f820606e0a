/**
 * The live state's side of the pickup privacy rule (src/lib/domain/pickup-privacy.ts): the transfer
 * tasks watched now, what has been seen of their vehicles, and how such a vehicle may be shown. The
 * live state keeps every vehicle's exact fix for itself and lets only view() out, so the live store,
 * the bus and every hub on every node only ever hold the village-level point of a shielded vehicle.
 * Pure: the projector loads the tasks and hands them over.
 */
import type { VehicleEntity } from '../../src/lib/protocol/index';
import { mergeMemories, rememberFix, shieldingWatch, type Remembered, type WatchFix } from '../../src/lib/domain/pickup-privacy';

export class PickupShield {
	#byVehicle = new Map<string, Remembered[]>();

	/**
	 * Takes the tasks in force now, each with what storage has of its vehicle's fixes; what was seen
	 * live of a task already watched is kept. Returns the vehicles whose view may have changed.
	 */
	watch(watched: readonly Remembered[], currentFix: (vehicleId: string) => WatchFix | null): Set<string> {
		const next = new Map<string, Remembered[]>();
		for (const { watch, memory } of watched) {
			const known = this.#byVehicle.get(watch.vehicleId)?.find((each) => each.watch.taskId === watch.taskId);
			let merged = known ? mergeMemories(watch, known.memory, memory) : memory;
			const fix = currentFix(watch.vehicleId);
			if (fix) merged = rememberFix(watch, merged, fix);
			next.set(watch.vehicleId, [...(next.get(watch.vehicleId) ?? []), { watch, memory: merged }]);
		}
		const changed = new Set([...this.#byVehicle.keys(), ...next.keys()]);
		this.#byVehicle = next;
		return changed;
	}

	/** Takes in a fix of a vehicle, on time or late; true when it changed what is known (the view may change). */
	observe(vehicleId: string, fix: WatchFix): boolean {
		const watched = this.#byVehicle.get(vehicleId);
		if (!watched) return false;
		const next = watched.map(({ watch, memory }) => ({ watch, memory: rememberFix(watch, memory, fix) }));
		this.#byVehicle.set(vehicleId, next);
		return next.some((each, index) => each.memory !== watched[index].memory);
	}

	/** The vehicle as anyone but its own phone may see it. */
	view(vehicle: VehicleEntity): VehicleEntity {
		const watched = this.#byVehicle.get(vehicle.id);
		if (!watched || vehicle.lat === null || vehicle.lon === null || vehicle.fixAt === null) return vehicle;
		const shielding = shieldingWatch(watched, { lat: vehicle.lat, lon: vehicle.lon, at: Date.parse(vehicle.fixAt) });
		if (!shielding) return vehicle;
		return { ...vehicle, lat: shielding.coarse.lat, lon: shielding.coarse.lon, heading: null, speedKmh: null, coarse: true };
	}
}
