/**
 * undoMove: a move taken back. The samplers are at the site they left again, at once (an undo
 * corrects a mistake, made before anyone has gone far), whether or not they had arrived; their
 * place at the other site ends. `staff.move_undone` goes on the log.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sites, staffAssignments, staffMoves } from '../../db/schema/index';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuse } from './staffing-refusals';
import type { StaffCommandContext } from './staff-moves';

export async function undoMove({ ctx, input }: { ctx: StaffCommandContext; input: { moveId: number } }): Promise<{ undone: number; eventId: string }> {
	const now = ctx.now ?? Date.now();
	const at = new Date(now);
	const { events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [move] = await tx.select().from(staffMoves).where(eq(staffMoves.id, input.moveId)).for('update');
		if (!move) throw refuse('move_not_found');
		if (ctx.townshipId !== null) {
			const inTownship = await tx.select({ id: sites.id }).from(sites).where(and(inArray(sites.id, [move.fromSiteId, move.toSiteId]), eq(sites.townshipId, ctx.townshipId)));
			if (inTownship.length < (move.fromSiteId === move.toSiteId ? 1 : 2)) throw refuse('outside_township');
		}
		if (move.undoneAt) throw refuse('move_already_undone');
		const current = await tx.select().from(staffAssignments).where(and(inArray(staffAssignments.staffId, move.staffIds), isNull(staffAssignments.endsAt))).for('update');
		const movedOn = move.staffIds.filter((id) => !current.some((row) => row.staffId === id && row.siteId === move.toSiteId));
		if (movedOn.length > 0) throw refuse('moved_again');
		// A place not yet begun (still on the way) ends before it starts: it never was.
		await tx
			.update(staffAssignments)
			.set({ endsAt: at, startsAt: sql`least(${staffAssignments.startsAt}, ${at.toISOString()}::timestamptz)` })
			.where(inArray(staffAssignments.id, current.map((row) => row.id)));
		await tx.insert(staffAssignments).values(move.staffIds.map((staffId) => ({ staffId, siteId: move.fromSiteId, vehicleId: null, startsAt: at, endsAt: null, assignedBy: ctx.actor, reason: `undo of move ${move.id}` })));
		await tx.update(staffMoves).set({ undoneAt: at, undoneBy: ctx.actor }).where(eq(staffMoves.id, move.id));
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'staff.move.undo', subject: `move:${move.id}`, details: { staffIds: move.staffIds } } });
		emit({ type: 'staff.move_undone', moveId: move.id, staffIds: move.staffIds, fromSiteId: move.fromSiteId, toSiteId: move.toSiteId });
	});
	return { undone: input.moveId, eventId: events[0].id };
}
