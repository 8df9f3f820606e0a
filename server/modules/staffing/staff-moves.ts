/**
 * Applying and undoing moves of samplers. A move is one transaction: every sampler's current
 * assignment is locked and must still be at the site the move starts from, so when two leaders
 * move the same sampler at once one wins and the other is refused, and nothing is half-applied.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sites, staffAssignments, staffMoves } from '../../db/schema/index';
import type { MoveRequest } from '../../../src/lib/protocol/staffing';
import { moveRefusal, travelMinutes } from '../../../src/lib/domain/staffing';
import { HttpError } from '../../http/http-utils';
import { recordAudit } from '../identity/record-audit';
import { loadBoard } from './staffing-board';

export interface MoveActor {
	actor: string;
	/** A shift leader's township; null for a commander or admin, who may move across townships. */
	townshipId: string | null;
}

export async function applyMove(db: Db, request: MoveRequest, { actor, townshipId }: MoveActor, now = Date.now()): Promise<{ moveId: number; arrivesAt: string }> {
	const [from, to] = await Promise.all([siteOrRefuse(db, request.fromSiteId), siteOrRefuse(db, request.toSiteId)]);
	// The board's view of both sites: hours worked, staff left behind, whether the site is open.
	const board = await loadBoard(db, { townshipId: null, now });
	const fromSite = board.sites.find((site) => site.id === from.id)!;
	const toSite = board.sites.find((site) => site.id === to.id)!;
	const staffing = (site: typeof fromSite) => ({
		id: site.id, name: site.name, townshipId: site.townshipId, location: { lat: site.lat, lon: site.lon }, open: site.status === 'open' || site.status === 'busy', desks: site.desks,
		queueLength: site.queueLength, arrivalsPerMinute: site.arrivalsPerMinute, peoplePerSamplerHour: site.peoplePerSamplerHour, samplers: site.samplers
	});
	const travel = travelMinutes({ lat: from.lat, lon: from.lon }, { lat: to.lat, lon: to.lon });
	const movers = fromSite.samplers.filter((sampler) => request.staffIds.includes(sampler.id));
	const missing = request.staffIds.filter((id) => !movers.some((sampler) => sampler.id === id));
	if (missing.length > 0) throw new HttpError(409, `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not at ${from.name} now; the board was out of date, nothing was changed`);
	const refusal = moveRefusal({ samplers: movers, from: staffing(fromSite), to: staffing(toSite), travel, actorTownshipId: townshipId });
	if (refusal) throw new HttpError(422, refusal);

	const at = new Date(now);
	const moveId = await db.transaction(async (tx) => {
		const current = await tx
			.select()
			.from(staffAssignments)
			.where(and(inArray(staffAssignments.staffId, request.staffIds), isNull(staffAssignments.endsAt)))
			.for('update');
		const elsewhere = request.staffIds.filter((id) => !current.some((row) => row.staffId === id && row.siteId === from.id));
		if (elsewhere.length > 0) throw new HttpError(409, `${elsewhere.join(', ')} was just moved by someone else; nothing was changed`);
		await tx.update(staffAssignments).set({ endsAt: at }).where(inArray(staffAssignments.id, current.map((row) => row.id)));
		const [move] = await tx
			.insert(staffMoves)
			.values({ staffIds: request.staffIds, fromSiteId: from.id, toSiteId: to.id, travelMinutes: travel, movedBy: actor, reason: request.reason, at })
			.returning({ id: staffMoves.id });
		await tx.insert(staffAssignments).values(request.staffIds.map((staffId) => ({ staffId, siteId: to.id, vehicleId: null, startsAt: at, endsAt: null, assignedBy: actor, reason: `move ${move.id}: ${request.reason}` })));
		await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'staff.move', subject: `move:${move.id}`, reason: request.reason, details: { staffIds: request.staffIds, from: from.id, to: to.id, travelMinutes: travel } } });
		return move.id;
	});
	return { moveId, arrivesAt: new Date(now + travel * 60_000).toISOString() };
}

/** Moves the samplers back, if they are still where the move put them. */
export async function undoMove(db: Db, moveId: number, { actor, townshipId }: MoveActor, now = Date.now()): Promise<void> {
	const at = new Date(now);
	await db.transaction(async (tx) => {
		const [move] = await tx.select().from(staffMoves).where(eq(staffMoves.id, moveId)).for('update');
		if (!move) throw new HttpError(404, `no move ${moveId}`);
		if (move.undoneAt) throw new HttpError(409, `move ${moveId} was already undone by ${move.undoneBy}`);
		if (townshipId !== null) {
			const inTownship = await tx.select({ id: sites.id }).from(sites).where(and(inArray(sites.id, [move.fromSiteId, move.toSiteId]), eq(sites.townshipId, townshipId)));
			if (inTownship.length < 2) throw new HttpError(403, 'a shift leader undoes moves only within their own township');
		}
		const current = await tx.select().from(staffAssignments).where(and(inArray(staffAssignments.staffId, move.staffIds), isNull(staffAssignments.endsAt))).for('update');
		const movedOn = move.staffIds.filter((id) => !current.some((row) => row.staffId === id && row.siteId === move.toSiteId));
		if (movedOn.length > 0) throw new HttpError(409, `${movedOn.join(', ')} has been moved again since; undo that move first`);
		await tx.update(staffAssignments).set({ endsAt: at }).where(inArray(staffAssignments.id, current.map((row) => row.id)));
		await tx.insert(staffAssignments).values(move.staffIds.map((staffId) => ({ staffId, siteId: move.fromSiteId, vehicleId: null, startsAt: at, endsAt: null, assignedBy: actor, reason: `undo of move ${move.id}` })));
		await tx.update(staffMoves).set({ undoneAt: at, undoneBy: actor }).where(eq(staffMoves.id, move.id));
		await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'staff.move.undo', subject: `move:${move.id}`, details: { staffIds: move.staffIds } } });
	});
}

async function siteOrRefuse(db: Db, id: string) {
	const [site] = await db.select().from(sites).where(eq(sites.id, id));
	if (!site) throw new HttpError(404, `no site "${id}"`);
	return site;
}
