/**
 * confirmArrival: the receiving site's tablet says the samplers are here. They count at the site
 * from now (their assignment starts now instead of at the ETA) and `staff.arrived` goes on the
 * log. Confirming a move that has already landed (confirmed, or its ETA passed) changes nothing
 * and appends nothing: a tablet may resend.
 */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sites, staffAssignments, staffMoves } from '../../db/schema/index';
import { arrivalDue, hasArrived, landedAt } from '../../../src/lib/domain/staff-transit';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuse } from './staffing-refusals';
import type { StaffCommandContext } from './staff-moves';

export async function confirmArrival({ ctx, input }: { ctx: StaffCommandContext; input: { moveId: number } }): Promise<{ moveId: number; arrivedAt: string; eventId: string | null }> {
	const now = ctx.now ?? Date.now();
	const at = new Date(now);
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [move] = await tx.select().from(staffMoves).where(eq(staffMoves.id, input.moveId)).for('update');
		if (!move) throw refuse('move_not_found');
		if (ctx.siteId !== undefined && ctx.siteId !== move.toSiteId) throw refuse('not_this_site');
		if (ctx.townshipId !== null) {
			const [to] = await tx.select({ townshipId: sites.townshipId }).from(sites).where(eq(sites.id, move.toSiteId));
			if (to?.townshipId !== ctx.townshipId) throw refuse('outside_township');
		}
		if (move.undoneAt) throw refuse('move_already_undone');
		const timing = { arrivesAt: arrivalDue(move.at.getTime(), move.travelMinutes), arrivedAt: move.arrivedAt?.getTime() ?? null };
		if (hasArrived(timing, now)) return new Date(landedAt(timing)).toISOString();
		await tx.update(staffMoves).set({ arrivedAt: at, arrivedBy: ctx.actor }).where(eq(staffMoves.id, move.id));
		await tx
			.update(staffAssignments)
			.set({ startsAt: at })
			.where(and(inArray(staffAssignments.staffId, move.staffIds), eq(staffAssignments.siteId, move.toSiteId), isNull(staffAssignments.endsAt), gt(staffAssignments.startsAt, at)));
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'staff.arrived', subject: `move:${move.id}`, details: { staffIds: move.staffIds, site: move.toSiteId } } });
		emit({ type: 'staff.arrived', moveId: move.id, staffIds: move.staffIds, toSiteId: move.toSiteId });
		return at.toISOString();
	});
	return { moveId: input.moveId, arrivedAt: result, eventId: events[0]?.id ?? null };
}
