/**
 * moveStaff: samplers leave one site for another. The move records the departure: their
 * assignment at the old site ends now, the one at the new site starts at their ETA (the tablet
 * there may confirm them earlier, confirm-arrival.ts), and `staff.move_started` goes on the event
 * log, where the projector takes them off the donor's desks at once and onto the receiver's only
 * when they arrive.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sites, staffAssignments, staffMoves } from '../../db/schema/index';
import type { MoveRequest } from '../../../src/lib/protocol/staffing';
import { travelMinutes } from '../../../src/lib/domain/staffing';
import { arrivalDue, refuseMove, type MoveRefusal } from '../../../src/lib/domain/staff-transit';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuse } from './staffing-refusals';
import { samplersPresent, type StaffCommandContext } from './staff-moves';

export interface MoveStarted {
	moveId: number;
	/** Departure (ISO). */
	at: string;
	/** When they are due (ISO); they count at the new site from then, or from the tablet's confirmation. */
	arrivesAt: string;
	travelMinutes: number;
	/** The id of the staff.move_started event, for a client that wants to match the delta. */
	eventId: string;
}

function refusalError(refusal: MoveRefusal) {
	switch (refusal.code) {
		case 'site_not_open':
			return refuse('site_not_open', refusal);
		case 'ppe_too_short':
			return refuse('ppe_too_short', refusal);
		case 'moved_too_recently':
			return refuse('moved_too_recently', refusal);
		case 'donor_too_thin':
			return refuse('donor_too_thin', refusal);
		default:
			return refuse(refusal.code);
	}
}

export async function moveStaff({ ctx, input }: { ctx: StaffCommandContext; input: MoveRequest }): Promise<MoveStarted> {
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const rows = await tx.select().from(sites).where(inArray(sites.id, [input.fromSiteId, input.toSiteId]));
		const from = rows.find((site) => site.id === input.fromSiteId);
		const to = rows.find((site) => site.id === input.toSiteId);
		if (!from || !to) throw refuse('site_not_found');
		const open = (site: typeof from) => site.status === 'open' || site.status === 'busy';
		const present = await samplersPresent(tx, from, now);
		const movers = present.filter((sampler) => input.staffIds.includes(sampler.id));
		const travel = travelMinutes({ lat: from.lat, lon: from.lon }, { lat: to.lat, lon: to.lon });
		const refusal = refuseMove({
			samplers: movers,
			from: { id: from.id, name: from.name, townshipId: from.townshipId, open: open(from), desks: from.desks, samplers: present },
			to: { id: to.id, name: to.name, townshipId: to.townshipId, open: open(to) },
			travel,
			actorTownshipId: ctx.townshipId
		});
		// Scope and sense first, so a leader of another township learns nothing of who is where.
		if (refusal && (refusal.code === 'outside_township' || refusal.code === 'same_site')) throw refuse(refusal.code);
		const missing = new Set(input.staffIds).size - movers.length;
		if (missing > 0) throw refuse('staff_not_at_site', { count: missing, site: from.name });
		if (refusal) throw refusalError(refusal);

		const departed = new Date(now);
		const arrives = new Date(arrivalDue(now, travel));
		await tx
			.update(staffAssignments)
			.set({ endsAt: departed })
			.where(inArray(staffAssignments.id, movers.map((sampler) => sampler.assignmentId)));
		const [move] = await tx
			.insert(staffMoves)
			.values({ staffIds: input.staffIds, fromSiteId: from.id, toSiteId: to.id, travelMinutes: travel, movedBy: ctx.actor, reason: input.reason, at: departed })
			.returning({ id: staffMoves.id });
		// Their place at the new site begins when they get there, not now.
		await tx.insert(staffAssignments).values(input.staffIds.map((staffId) => ({ staffId, siteId: to.id, vehicleId: null, startsAt: arrives, endsAt: null, assignedBy: ctx.actor, reason: `move ${move.id}: ${input.reason}` })));
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'staff.move', subject: `move:${move.id}`, reason: input.reason, details: { staffIds: input.staffIds, from: from.id, to: to.id, travelMinutes: travel } } });
		emit({ type: 'staff.move_started', moveId: move.id, staffIds: input.staffIds, fromSiteId: from.id, toSiteId: to.id, arrivesAt: arrives.toISOString() });
		return { moveId: move.id, at: departed.toISOString(), arrivesAt: arrives.toISOString(), travelMinutes: travel };
	});
	return { ...result, eventId: events[0].id };
}
