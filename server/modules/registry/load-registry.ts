import { and, count, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labs, sampleBoxes, sites, siteStatus, staff, staffAssignments, vehicleLatest, vehicles } from '../../db/schema/index';
import { STAFFING_RULES } from '../../../src/lib/domain/staffing';
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
	const samplerRows = await db
		.select({ siteId: staffAssignments.siteId, n: count() })
		.from(staffAssignments)
		.innerJoin(staff, eq(staff.id, staffAssignments.staffId))
		.where(and(isNull(staffAssignments.endsAt), isNotNull(staffAssignments.siteId), eq(staff.role, 'sampler'), eq(staff.active, true)))
		.groupBy(staffAssignments.siteId);
	const samplersAt = new Map(samplerRows.map((row) => [row.siteId!, row.n]));
	// A county imported without its staff ledger: every desk is taken as staffed, not none.
	const staffed = (siteId: string, desks: number) => (samplerRows.length === 0 ? desks : Math.min(desks, Math.floor((samplersAt.get(siteId) ?? 0) / STAFFING_RULES.samplersPerDesk)));
	return {
		sites: siteRows.map((row) => ({ id: row.id, name: row.name, townshipId: row.townshipId, lat: row.lat, lon: row.lon, desks: row.desks, staffedDesks: staffed(row.id, row.desks), pooling: row.pooling, kind: row.kind, status: row.status })),
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
