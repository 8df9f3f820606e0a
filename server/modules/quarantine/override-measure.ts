/**
 * overrideMeasure: an officer sets another measure than the rules gave a returnee, with a reason
 * (the rules' measure stays beside it: rule_measure, measure_reason). The open case follows in
 * place, keeping its tests and history: its measure, place, status and planned end become the new
 * measure's. Audited, and in the case's history with the reason. Refused once the person is at a
 * hotel (they are released from there, not reclassified), while a transfer is on its way for
 * them, and when nothing would change. A resend of the phone's command (the same commandId) is
 * answered as the first time, before any of those checks (resent-command.ts).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, returnees, transferTasks } from '../../db/schema/index';
import { addDays } from '../../../src/lib/domain/quarantine';
import { caseEndDate, casePlanFor } from '../../../src/lib/domain/quarantine-case';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { overrideMeasureRequest } from './case-requests';
import { resentAnswer } from './resent-command';
import type { z } from 'zod';

interface Overridden {
	returneeId: string;
	caseId: string;
	measure: string;
	caseMeasure: string;
	status: string;
	plannedEndDate: string;
	awaitsTransfer: boolean;
}

export async function overrideMeasure({ ctx, input: raw }: { ctx: QuarantineContext; input: { returneeId: string } & z.input<typeof overrideMeasureRequest> }) {
	const input = { returneeId: raw.returneeId, ...overrideMeasureRequest.parse({ measure: raw.measure, reason: raw.reason, commandId: raw.commandId }) };
	const now = ctx.now ?? Date.now();
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [returnee] = await tx.select().from(returnees).where(eq(returnees.id, input.returneeId)).for('update');
		if (!returnee) throw refuseCase('returnee_not_found');
		// A returnee from before villages were kept is the county's to change.
		if (returnee.villageId) assertVillage(ctx, returnee.villageId);
		else if (ctx.scope.kind !== 'county') throw refuseCase('outside_villages');
		const resent = await resentAnswer<Overridden>(tx, 'measure_overridden', input.commandId);
		if (resent) return resent;
		if (returnee.measure === input.measure) throw refuseCase('measure_unchanged', { measure: input.measure });
		const [open] = await tx.select().from(quarantineCases).where(and(eq(quarantineCases.returneeId, returnee.id), inArray(quarantineCases.status, ['active', 'awaiting_transfer']))).for('update');
		if (!open) throw refuseCase('case_not_found');
		if (open.placeKind === 'hotel' && open.status === 'active') throw refuseCase('case_placed_at_hotel');
		// A vehicle on its way for them holds a bed for them: the dispatcher cancels it first.
		const [onTheWay] = await tx.select({ id: transferTasks.id }).from(transferTasks).where(and(eq(transferTasks.returneeId, returnee.id), eq(transferTasks.status, 'open')));
		if (onTheWay) throw refuseCase('transfer_open', { taskId: onTheWay.id });

		const plan = casePlanFor(input.measure);
		// Days already added by an extension stay added.
		const plannedEndDate = addDays(caseEndDate(open.startDate, plan.measure), open.extendedDays);
		const at = new Date(now);
		await tx.update(returnees).set({ measure: input.measure, overrideMeasure: input.measure, overrideReason: input.reason, overrideBy: ctx.actor, overrideAt: at }).where(eq(returnees.id, returnee.id));
		await tx.update(quarantineCases).set({ measure: plan.measure, placeKind: plan.placeKind, status: plan.status, quarantineSiteId: null, plannedEndDate, updatedAt: at }).where(eq(quarantineCases.id, open.id));
		const answer: Overridden = { returneeId: returnee.id, caseId: open.id, measure: input.measure, caseMeasure: plan.measure, status: plan.status, plannedEndDate, awaitsTransfer: plan.status === 'awaiting_transfer' };
		const event = emit({ type: 'case.measure_overridden', returneeId: returnee.id, villageId: open.villageId, from: returnee.measure, to: input.measure, caseId: open.id, caseMeasure: plan.measure, placeKind: plan.placeKind, status: plan.status, plannedEndDate });
		await tx.insert(quarantineCaseEvents).values({
			caseId: open.id, at, actor: ctx.actor, kind: 'measure_overridden', reason: input.reason, eventId: event.id,
			details: { commandId: input.commandId ?? null, answer, from: returnee.measure, to: input.measure, ruleMeasure: returnee.ruleMeasure, caseMeasure: { from: open.measure, to: plan.measure }, plannedEndDate: { from: open.plannedEndDate, to: plannedEndDate } }
		});
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'returnee.override_measure', subject: `returnee:${returnee.id}`, reason: input.reason, details: { from: returnee.measure, to: input.measure, caseId: open.id } } });
		return { ...answer, eventId: event.id };
	});
	return result;
}
