import { gte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labs, sampleBoxes, sites, siteStatus, vehicleLatest, vehicles } from '../../db/schema/index';
import type { BoxRecord, SiteRecord, VehicleRecord } from '../../pipeline/live-state';

export interface Registry {
	sites: SiteRecord[];
	vehicles: VehicleRecord[];
	labIds: string[];
}

/** The sites, vehicles and labs that exist; ingest refuses events for any other. */
export async function loadRegistry({ db }: { db: Db }): Promise<Registry> {
	const siteRows = await db.select().from(sites);
	const vehicleRows = await db.select().from(vehicles);
	const labRows = await db.select({ id: labs.id }).from(labs);
	return {
		sites: siteRows.map((row) => ({ id: row.id, name: row.name, townshipId: row.townshipId, lat: row.lat, lon: row.lon, desks: row.desks, pooling: row.pooling, kind: row.kind, status: row.status })),
		vehicles: vehicleRows.map((row) => ({ id: row.id, name: row.name, kind: row.kind })),
		labIds: labRows.map((row) => row.id)
	};
}

/** What the live state is rebuilt from after a restart: newest readings and the boxes of the last day. */
export async function loadLiveHistory({ db, since }: { db: Db; since: Date }) {
	const [fixes, queues, boxes] = await Promise.all([
		db.select().from(vehicleLatest),
		db.select().from(siteStatus),
		db.select().from(sampleBoxes).where(gte(sampleBoxes.sealedAt, since))
	]);
	return {
		fixes: fixes.map((row) => ({ vehicleId: row.vehicleId, at: row.at.toISOString(), lat: row.lat, lon: row.lon, heading: row.heading, speedKmh: row.speedKmh })),
		queues: queues.map((row) => ({ siteId: row.siteId, queueLength: row.queueLength, at: row.queueAt.toISOString() })),
		boxes: boxes.map((row): BoxRecord => ({ id: row.id, siteId: row.siteId, sealedAt: row.sealedAt.toISOString(), tubes: row.tubes, people: row.people }))
	};
}
