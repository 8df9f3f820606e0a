import { asc } from 'drizzle-orm';
import { vehicles } from '../../../db/schema/index';
import type { VehicleRecord } from '../../../../src/lib/ledgers/definitions';
import { upsertCounting } from '../upsert-counting';
import type { LedgerStore } from './ledger-store';

export const vehiclesStore: LedgerStore<VehicleRecord> = {
	write: (tx, records) =>
		upsertCounting(tx, vehicles, records.map((vehicle) => ({ id: vehicle.code, name: vehicle.name, kind: vehicle.kind, plate: vehicle.plate, permitNumber: vehicle.permitNumber })), vehicles.id),

	async read(db) {
		const rows = await db.select().from(vehicles).orderBy(asc(vehicles.id));
		return rows.map((vehicle) => ({ code: vehicle.id, name: vehicle.name, kind: vehicle.kind, plate: vehicle.plate, permitNumber: vehicle.permitNumber }));
	}
};
