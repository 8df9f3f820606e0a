/**
 * editRun: an open run's sites (in order) or lab change: a site added on the way, another lab with
 * room. Only an open run; the change, its audit entry and `run.edited` (with what it was before)
 * commit together.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { pickupRuns } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { refuseRun, runTargets, type runEditRequest } from './run-refusals';

export async function editRun({ ctx, input }: { ctx: CommandContext; input: z.infer<typeof runEditRequest> & { runId: number } }): Promise<{ runId: number; eventId: string }> {
	const { result, events } = await commitCommand(ctx, async (tx, emit) => {
		const [run] = await tx.select().from(pickupRuns).where(and(eq(pickupRuns.id, input.runId), eq(pickupRuns.status, 'open'))).for('update');
		if (!run) throw refuseRun('no_open_run', { runId: input.runId });
		const { labId } = await runTargets(tx, { siteIds: input.siteIds, labId: input.labId });
		if (labId === run.labId && JSON.stringify(input.siteIds) === JSON.stringify(run.siteIds)) throw refuseRun('run_unchanged', { runId: run.id });
		await tx.update(pickupRuns).set({ siteIds: input.siteIds, labId }).where(eq(pickupRuns.id, run.id));
		const previous = { siteIds: run.siteIds, labId: run.labId };
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'pickup.edit', subject: `run:${run.id}`, details: { siteIds: input.siteIds, labId, previous } } });
		emit({ type: 'run.edited', runId: run.id, courierId: run.courierId, siteIds: input.siteIds, labId, previous });
		return { runId: run.id };
	});
	return { ...result, eventId: events[0].id };
}
