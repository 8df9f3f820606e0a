import { asc } from 'drizzle-orm';
import { labs } from '../../../db/schema/index';
import { toWgs84 } from '../../../../src/lib/domain/coordinates';
import type { LabRecord } from '../../../../src/lib/ledgers/definitions';
import { upsertCounting } from '../upsert-counting';
import type { LedgerStore } from './ledger-store';

export const labsStore: LedgerStore<LabRecord> = {
	write: (tx, records, options) =>
		upsertCounting(
			tx,
			labs,
			records.map((lab) => {
				const { lat, lon } = toWgs84({ lat: lab.latitude, lon: lab.longitude }, lab.crs ?? options.crs);
				return { id: lab.code, kind: lab.kind, name: lab.name, lat, lon, capacityTubesPerDay: lab.capacity };
			}),
			labs.id
		),

	async read(db) {
		const rows = await db.select().from(labs).orderBy(asc(labs.id));
		return rows.map((lab) => ({ code: lab.id, name: lab.name, kind: lab.kind, longitude: lab.lon, latitude: lab.lat, crs: 'wgs84' as const, capacity: lab.capacityTubesPerDay }));
	}
};
