/** cancelTransfer: an open task is called off with a reason (on the audit log only); its beds are free again. The change, the audit entry and `transfer.cancelled` commit together. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { transferTasks } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuseTransfer } from './transfer-tasks';

export async function cancelTransfer({ ctx, input }: { ctx: CommandContext; input: { taskId: number; reason: string } }): Promise<{ cancelled: number; eventId: string }> {
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [cancelled] = await tx
			.update(transferTasks)
			.set({ status: 'cancelled', closedAt: new Date(now), closedBy: ctx.actor })
			.where(and(eq(transferTasks.id, input.taskId), eq(transferTasks.status, 'open')))
			.returning({ id: transferTasks.id, vehicleId: transferTasks.vehicleId, quarantineSiteId: transferTasks.quarantineSiteId, destinationSiteId: transferTasks.destinationSiteId, caseId: transferTasks.caseId });
		if (!cancelled) throw refuseTransfer('no_open_transfer', { taskId: input.taskId });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'transfer.cancel', subject: `transfer:${input.taskId}`, reason: input.reason } });
		emit({ type: 'transfer.cancelled', taskId: cancelled.id, vehicleId: cancelled.vehicleId, quarantineSiteId: cancelled.quarantineSiteId, destinationSiteId: cancelled.destinationSiteId, caseId: cancelled.caseId });
		return { cancelled: cancelled.id };
	});
	return { ...result, eventId: events[0].id };
}
