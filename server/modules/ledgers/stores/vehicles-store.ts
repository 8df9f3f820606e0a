import { asc, inArray } from 'drizzle-orm';
import { trackers, unknownTrackers, vehicles } from '../../../db/schema/index';
import type { VehicleRecord } from '../../../../src/lib/ledgers/definitions';
import { upsertCounting } from '../upsert-counting';
import type { LedgerStore } from './ledger-store';

export const vehiclesStore: LedgerStore<VehicleRecord> = {
	async write(tx, records) {
		const counts = await upsertCounting(tx, vehicles, records.map((vehicle) => ({ id: vehicle.code, name: vehicle.name, kind: vehicle.kind, plate: vehicle.plate, permitNumber: vehicle.permitNumber })), vehicles.id);
		// A tracker named in the ledger is registered to its vehicle, as `npm run devices -- add` would.
		const tracked = records.filter((vehicle) => vehicle.tracker);
		if (tracked.length > 0) {
			for (const vehicle of tracked) {
				await tx.insert(trackers).values({ id: vehicle.tracker!, vehicleId: vehicle.code, registeredBy: 'ledger:vehicles' }).onConflictDoUpdate({ target: trackers.id, set: { vehicleId: vehicle.code, registeredBy: 'ledger:vehicles' } });
			}
			await tx.delete(unknownTrackers).where(inArray(unknownTrackers.id, tracked.map((vehicle) => vehicle.tracker!)));
		}
		return counts;
	},

	async read(db) {
		const rows = await db.select().from(vehicles).orderBy(asc(vehicles.id));
		const trackerOf = new Map((await db.select().from(trackers)).map((tracker) => [tracker.vehicleId, tracker.id]));
		return rows.map((vehicle) => ({ code: vehicle.id, name: vehicle.name, kind: vehicle.kind, plate: vehicle.plate, permitNumber: vehicle.permitNumber, tracker: trackerOf.get(vehicle.id) ?? null }));
	}
};
