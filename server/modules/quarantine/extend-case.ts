/**
 * extendCase (追加隔离): an active case runs `days` longer, for a reason; its last day moves and an
 * extra test is due on the new last day, so release again waits for a negative result.
 */
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, scheduledTests } from '../../db/schema/index';
import { extendCase as extendRule, EXTENSION_LIMITS } from '../../../src/lib/domain/quarantine-case';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { extendCaseRequest } from './case-requests';

export async function extendCase({ ctx, input: raw }: { ctx: QuarantineContext; input: { caseId: string } & z.input<typeof extendCaseRequest> }): Promise<{ caseId: string; plannedEndDate: string; extraTestId: number; eventId: string }> {
	const parsed = extendCaseRequest.safeParse({ days: raw.days, reason: raw.reason });
	if (!parsed.success && parsed.error.issues.some((issue) => issue.path[0] === 'days')) throw refuseCase('extension_days', { min: EXTENSION_LIMITS.minDays, max: EXTENSION_LIMITS.maxDays });
	const input = { caseId: raw.caseId, ...extendCaseRequest.parse({ days: raw.days, reason: raw.reason }) };
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, input.caseId)).for('update');
		if (!found) throw refuseCase('case_not_found');
		assertVillage(ctx, found.villageId);
		if (found.status !== 'active') throw refuseCase('case_not_active', { status: found.status });
		const extended = extendRule(found.plannedEndDate, input.days);
		const at = new Date(now);
		await tx.update(quarantineCases).set({ plannedEndDate: extended.plannedEndDate, extendedDays: sql`${quarantineCases.extendedDays} + ${input.days}`, updatedAt: at }).where(eq(quarantineCases.id, found.id));
		const [test] = await tx
			.insert(scheduledTests)
			.values({ caseId: found.id, householdId: found.householdId, personId: found.personId, kind: 'extra', dueDate: extended.extraTest.dueDate })
			.onConflictDoNothing()
			.returning({ id: scheduledTests.id });
		const extraTestId = test?.id ?? (await tx.select({ id: scheduledTests.id }).from(scheduledTests).where(sql`${scheduledTests.caseId} = ${found.id} and ${scheduledTests.kind} = 'extra' and ${scheduledTests.dueDate} = ${extended.extraTest.dueDate}`))[0].id;
		const event = emit({ type: 'case.extended', caseId: found.id, villageId: found.villageId, days: input.days, plannedEndDate: extended.plannedEndDate });
		await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at, actor: ctx.actor, kind: 'extended', reason: input.reason, eventId: event.id, details: { days: input.days, from: found.plannedEndDate, to: extended.plannedEndDate, extraTestId } });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'case.extend', subject: `case:${found.id}`, reason: input.reason, details: { days: input.days, plannedEndDate: extended.plannedEndDate } } });
		return { caseId: found.id, plannedEndDate: extended.plannedEndDate, extraTestId };
	});
	return { ...result, eventId: events[0].id };
}
