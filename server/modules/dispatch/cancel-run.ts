/** cancelRun: an open run is called off; its courier is free for the next suggestion. The change, its audit entry and `run.cancelled` commit together. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { pickupRuns } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuseRun } from './run-refusals';

export async function cancelRun({ ctx, input }: { ctx: CommandContext; input: { runId: number } }): Promise<{ cancelled: number; eventId: string }> {
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [cancelled] = await tx
			.update(pickupRuns)
			.set({ status: 'cancelled', closedAt: new Date(now) })
			.where(and(eq(pickupRuns.id, input.runId), eq(pickupRuns.status, 'open')))
			.returning({ id: pickupRuns.id, courierId: pickupRuns.courierId });
		if (!cancelled) throw refuseRun('no_open_run', { runId: input.runId });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'pickup.cancel', subject: `run:${input.runId}` } });
		emit({ type: 'run.cancelled', runId: cancelled.id, courierId: cancelled.courierId });
		return { cancelled: cancelled.id };
	});
	return { ...result, eventId: events[0].id };
}
