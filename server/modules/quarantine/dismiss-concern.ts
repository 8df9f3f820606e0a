/**
 * dismissConcern (销警): an officer ends a case's standing fever or symptoms without a transfer (a
 * mis-read thermometer, a re-check by the village doctor), never silently: a reason is required,
 * the dismissal is a `concern_dismissed` row on the case's history and an audit entry, and
 * `case.concern_dismissed` goes on the log so the wall's alert clears within a tick. The proposal
 * made for the fever is handled by the same row (standing-proposals.ts), so alert and proposal
 * agree. A later normal reading does not do this (src/lib/domain/standing-concern.ts); only this.
 * Refused while a transfer of the case is open (the vehicle is on its way: dispatch decides).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases } from '../../db/schema/index';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { standingFevers } from './standing-fevers';
import { openTaskOfCase } from './standing-proposals';
import { caseVillage } from './case-villages';

export const dismissConcernRequest = z.strictObject({
	reason: z.string({ error: 'reason: say why the fever is dismissed (at least 2 characters)' }).trim().min(2, 'reason: say why the fever is dismissed (at least 2 characters)').max(200)
});

export async function dismissConcern({ ctx, input }: { ctx: QuarantineContext; input: { caseId: string; reason: string } }): Promise<{ caseId: string; eventId: string }> {
	const reason = dismissConcernRequest.parse({ reason: input.reason }).reason;
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, input.caseId)).for('update');
		if (!found) throw refuseCase('case_not_found');
		assertVillage(ctx, found.villageId);
		const open = await openTaskOfCase(tx, found.id);
		if (open) throw refuseCase('transfer_open', { taskId: open.id });
		const standing = (await standingFevers(tx)).some((fever) => fever.caseId === found.id);
		if (!standing) throw refuseCase('no_fever_standing');
		const event = emit({ type: 'case.concern_dismissed', caseId: found.id, villageId: await caseVillage(tx, found) });
		await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at: new Date(now), actor: ctx.actor, kind: 'concern_dismissed', reason, eventId: event.id, details: { why: 'fever_dismissed' } });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'case.dismiss_fever', subject: `case:${found.id}`, reason, details: {} } });
		return { caseId: found.id };
	});
	return { ...result, eventId: events[0].id };
}
