/**
 * acceptRun: the dispatcher sends a courier on a run (a suggestion as it was, or edited). The run
 * row, its audit entry and `run.accepted` commit together (command-events.ts); a courier with a
 * run open is refused, and nothing is written.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { pickupRuns } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuseRun, runTargets, type runRequest } from './run-refusals';

export async function acceptRun({ ctx, input }: { ctx: CommandContext; input: z.infer<typeof runRequest> }): Promise<{ runId: number; eventId: string }> {
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const { courier, labId } = await runTargets(tx, input);
		// Locks the courier's open run, if any: two dispatchers cannot both send it out.
		const [open] = await tx.select({ id: pickupRuns.id }).from(pickupRuns).where(and(eq(pickupRuns.courierId, courier!.id), eq(pickupRuns.status, 'open'))).for('update');
		if (open) throw refuseRun('courier_busy', { courier: courier!.name, runId: open.id });
		const [run] = await tx.insert(pickupRuns).values({ courierId: courier!.id, siteIds: input.siteIds, labId, acceptedBy: ctx.actor, acceptedAt: new Date(now) }).returning({ id: pickupRuns.id });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'pickup.accept', subject: `run:${run.id}`, details: input } });
		emit({ type: 'run.accepted', runId: run.id, courierId: courier!.id, siteIds: input.siteIds, labId });
		return { runId: run.id };
	});
	return { ...result, eventId: events[0].id };
}
