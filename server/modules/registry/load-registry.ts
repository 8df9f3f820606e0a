import { and, eq, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labs, sampleBoxes, sites, siteStatus, staff, staffAssignments, staffMoves, vehicleLatest, vehicles } from '../../db/schema/index';
import { STAFFING_RULES } from '../../../src/lib/domain/staffing';
import type { BoxRecord, SamplerPlacement, SiteRecord, VehicleRecord } from '../../pipeline/live-state';

/** Staff events older than this are long applied; a sampler's last move is looked for no further back. */
const MOVES_WINDOW_MS = 48 * 60 * 60 * 1000;

export interface Registry {
	sites: SiteRecord[];
	vehicles: VehicleRecord[];
	labIds: string[];
	/** Where each active sampler is, or is on the way to (staff moves; the live state keeps it up to date from their events). */
	samplers: SamplerPlacement[];
}

/** The sites, vehicles and labs that exist; ingest refuses events for any other. */
export async function loadRegistry({ db, now = Date.now() }: { db: Db; now?: number }): Promise<Registry> {
	const siteRows = await db.select().from(sites);
	const vehicleRows = await db.select().from(vehicles);
	const labRows = await db.select({ id: labs.id }).from(labs);
	const placements = await samplerPlacements(db, now);
	// Samplers on the way count at neither site until they arrive.
	const samplersAt = new Map<string, number>();
	for (const sampler of placements) if (sampler.arrivesAt === null) samplersAt.set(sampler.siteId, (samplersAt.get(sampler.siteId) ?? 0) + 1);
	// A county imported without its staff ledger: every desk is taken as staffed, not none.
	const staffed = (siteId: string, desks: number) => (placements.length === 0 ? desks : Math.min(desks, Math.floor((samplersAt.get(siteId) ?? 0) / STAFFING_RULES.samplersPerDesk)));
	return {
		sites: siteRows.map((row) => ({ id: row.id, name: row.name, townshipId: row.townshipId, lat: row.lat, lon: row.lon, desks: row.desks, staffedDesks: staffed(row.id, row.desks), pooling: row.pooling, kind: row.kind, status: row.status })),
		vehicles: vehicleRows.map((row) => ({ id: row.id, name: row.name, kind: row.kind })),
		labIds: labRows.map((row) => row.id),
		samplers: placements
	};
}

/**
 * Each active sampler's open assignment: there, or on the way (it starts in the future, at the
 * ETA), with the last move that put them there and how far it got, which orders later staff events.
 */
async function samplerPlacements(db: Db, now: number): Promise<SamplerPlacement[]> {
	const [rows, moves] = await Promise.all([
		db
			.select({ staffId: staffAssignments.staffId, siteId: staffAssignments.siteId, startsAt: staffAssignments.startsAt })
			.from(staffAssignments)
			.innerJoin(staff, eq(staff.id, staffAssignments.staffId))
			.where(and(isNull(staffAssignments.endsAt), isNotNull(staffAssignments.siteId), eq(staff.role, 'sampler'), eq(staff.active, true))),
		db.select().from(staffMoves).where(gte(staffMoves.at, new Date(now - MOVES_WINDOW_MS)))
	]);
	const lastMove = new Map<string, typeof staffMoves.$inferSelect>();
	for (const move of moves) for (const id of move.staffIds) if ((lastMove.get(id)?.id ?? 0) < move.id) lastMove.set(id, move);
	return rows.map((row) => {
		const move = lastMove.get(row.staffId);
		const onTheWay = row.startsAt.getTime() > now;
		return { id: row.staffId, siteId: row.siteId!, arrivesAt: onTheWay ? row.startsAt.getTime() : null, moveId: move?.id ?? 0, step: !move ? 0 : move.undoneAt ? 2 : onTheWay ? 0 : 1 };
	});
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
		queues: queues.map((row) => ({ siteId: row.siteId, queueLength: row.queueLength, at: row.queueAt.toISOString(), sampledToday: row.sampledToday, sampledAt: row.sampledAt?.toISOString() ?? null })),
		boxes: boxes.map((row): BoxRecord => ({ id: row.id, siteId: row.siteId, sealedAt: row.sealedAt.toISOString(), tubes: row.tubes, people: row.people }))
	};
}
