/**
 * handOverTransfer: the hotel (or the fever clinic) takes them over, only once the track shows the
 * vehicle arrived there. At a hotel they go on the quarantine register there and its beds fill; a
 * fever proposal's case handed to a fever clinic ends as transferred (case-handover.ts). The task
 * closes with its pickup, arrival and stops on the way. All of it, the audit entry,
 * `transfer.handed_over` and (for a case) `case.transferred` commit together.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { households, quarantineCases, quarantineSites, returnees, transferTasks } from '../../db/schema/index';
import { plannedEndDate } from '../../../src/lib/domain/quarantine';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { progressOf } from './transfer-progress';
import { refuseTransfer } from './transfer-tasks';
import { placeHotelCase } from '../quarantine/place-hotel-case';
import { loadDestination } from './transfer-destination';
import { handCaseOver } from './case-handover';

export async function handOverTransfer({ ctx, input }: { ctx: CommandContext; input: { taskId: number } }): Promise<{ taskId: number; startDate: string; plannedEndDate: string; eventId: string }> {
	const now = ctx.now ?? Date.now();
	const { taskId } = input;
	// Read before the transaction: the track is long, and the update below re-checks the task is still open.
	const [task] = await ctx.db.select().from(transferTasks).where(eq(transferTasks.id, taskId));
	if (!task || task.status !== 'open') throw refuseTransfer('no_open_transfer', { taskId });
	const destination = await loadDestination(ctx.db, task);
	const progress = await progressOf(ctx.db, task, now, destination);
	if (progress.phase !== 'arrived') throw refuseTransfer('not_arrived', { phase: String(progress.phase) });
	const startDate = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
	const endDate = plannedEndDate(startDate, 'centralised');
	const { events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const closed = await tx
			.update(transferTasks)
			.set({
				status: 'handed_over', closedAt: new Date(now), closedBy: ctx.actor, pickedUpAt: new Date(progress.pickedUpAt!), arrivedAt: new Date(progress.arrivedAt!),
				stopsOnTheWay: progress.stopsOnTheWay.map((stop) => ({ from: new Date(stop.from).toISOString(), to: new Date(stop.to).toISOString(), minutes: stop.minutes, lat: stop.lat, lon: stop.lon }))
			})
			.where(and(eq(transferTasks.id, taskId), eq(transferTasks.status, 'open')))
			.returning({ id: transferTasks.id });
		if (closed.length === 0) throw refuseTransfer('closed_meanwhile', { taskId });
		const where = { quarantineSiteId: task.quarantineSiteId, destinationSiteId: task.destinationSiteId, caseId: task.caseId };
		if (task.quarantineSiteId) await tx.update(quarantineSites).set({ occupied: sql`${quarantineSites.occupied} + ${task.passengers}` }).where(eq(quarantineSites.id, task.quarantineSiteId));
		if (task.householdId) await tx.update(households).set({ measure: 'centralised', quarantineSiteId: task.quarantineSiteId, startDate, plannedEndDate: endDate }).where(eq(households.id, task.householdId));
		if (task.returneeId) await tx.update(returnees).set({ measure: 'centralised_quarantine' }).where(eq(returnees.id, task.returneeId));
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'transfer.handover', subject: `transfer:${taskId}`, details: { ...where, passengers: task.passengers, stopsOnTheWay: progress.stopsOnTheWay.length } } });
		const handedOver = emit({ type: 'transfer.handed_over', taskId, vehicleId: task.vehicleId, ...where, passengers: task.passengers, startDate });
		// A registered returnee's case, waiting for this transfer, starts at the hotel (case.placed).
		if (task.returneeId && task.quarantineSiteId) await placeHotelCase(tx, emit, { actor: ctx.actor, now }, { returneeId: task.returneeId, quarantineSiteId: task.quarantineSiteId, startDate, taskId });
		if (task.caseId) {
			await handCaseOver(tx, { caseId: task.caseId, taskId, destination, actor: ctx.actor, now, eventId: handedOver.id });
			// The live fever watch learns the fever was acted on (the village's alert clears), in the same transaction.
			const [moved] = await tx.select({ villageId: quarantineCases.villageId }).from(quarantineCases).where(eq(quarantineCases.id, task.caseId));
			if (moved) emit({ type: 'case.transferred', caseId: task.caseId, villageId: moved.villageId, taskId, destination: { kind: destination.kind, id: destination.id }, ended: destination.kind === 'fever_clinic' });
		}
	});
	return { taskId, startDate, plannedEndDate: endDate, eventId: events.find((event) => event.type === 'transfer.handed_over')!.id };
}
