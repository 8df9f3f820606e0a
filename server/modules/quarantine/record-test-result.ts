/**
 * recordTestResult: the result of a case's scheduled test, entered by an officer (door-to-door
 * sampling, 上门采样) or matched from the lab (source 'lab'). `pending` records that the sample
 * was taken and awaits the lab. A final result (negative, positive) is not overwritten here: a wrong
 * one is corrected with a reason (correct-test-result.ts), so the history says what was known when. A negative within-24-hours
 * test ends a test-and-hold (the returnee goes on to health monitoring). A positive one makes it a
 * positive case (case-transfer-reason.ts: kept from release), is on the log for the wall's critical
 * alert of the village (never the person), and, the case still under its measure, proposes a
 * closed-loop transfer to the nearest open fever clinic for the dispatcher to confirm, in the same
 * commit (propose-fever-transfer.ts, the path a fever takes; never a hotel for a positive).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, returnees, scheduledTests } from '../../db/schema/index';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { testResultRequest } from './case-requests';
import { proposeFeverTransfer, type ProposedDestination } from './propose-fever-transfer';
import { villagePlace } from './village-places';
import type { z } from 'zod';

export interface TestResultRecorded {
	testId: number;
	caseId: string;
	result: 'negative' | 'positive' | 'pending';
	/** The returnee's hold ended by this negative test. */
	holdEnded: boolean;
	/** A positive result: where a closed-loop transfer is proposed (null: the case is not active, or no fever clinic is open). */
	proposedTransfer: ProposedDestination | null;
	eventId: string;
}

export async function recordTestResult({ ctx, input: raw }: { ctx: QuarantineContext & { source?: 'lab' | 'officer' }; input: { testId: number } & z.input<typeof testResultRequest> }): Promise<TestResultRecorded> {
	const input = { testId: raw.testId, ...testResultRequest.parse({ result: raw.result, sample: raw.sample, note: raw.note }) };
	const source = ctx.source ?? 'officer';
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [test] = await tx.select().from(scheduledTests).where(eq(scheduledTests.id, input.testId)).for('update');
		if (!test || !test.caseId) throw refuseCase('test_not_found');
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, test.caseId));
		if (!found) throw refuseCase('test_not_found');
		assertVillage(ctx, found.villageId);
		if (found.status !== 'active' && found.status !== 'awaiting_transfer') throw refuseCase('case_not_active', { status: found.status });
		if (test.result === 'negative' || test.result === 'positive') throw refuseCase('test_already_recorded', { result: test.result });

		const at = new Date(now);
		await tx.update(scheduledTests).set({ result: input.result, doneAt: test.doneAt ?? at, resultSource: source, recordedBy: ctx.actor, recordedAt: at, ...(input.sample ?? {}) }).where(eq(scheduledTests.id, test.id));
		let holdEnded = false;
		if (input.result === 'negative' && test.kind === 'arrival_24h' && found.returneeId) {
			const [returnee] = await tx.select({ measure: returnees.measure }).from(returnees).where(eq(returnees.id, found.returneeId));
			if (returnee?.measure === 'test_and_hold') {
				await tx.update(returnees).set({ measure: 'health_monitoring' }).where(eq(returnees.id, found.returneeId));
				holdEnded = true;
			}
		}
		const event = emit({ type: 'case.test_result', caseId: found.id, villageId: found.villageId, quarantineSiteId: found.quarantineSiteId, testId: test.id, kind: test.kind, result: input.result, source });
		await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at, actor: ctx.actor, kind: 'test_result', reason: input.note ?? null, eventId: event.id, details: { testId: test.id, kind: test.kind, dueDate: test.dueDate, result: input.result, source, holdEnded, sample: input.sample ?? null } });
		await tx.update(quarantineCases).set({ updatedAt: at }).where(eq(quarantineCases.id, found.id));
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'case.test_result', subject: `case:${found.id}`, details: { testId: test.id, kind: test.kind, result: input.result, source } } });
		// Awaiting a transfer already, the case's dispatcher has it in hand; an active case is proposed one.
		const proposedTransfer = input.result === 'positive' && found.status === 'active' ? await proposeFeverTransfer(tx, emit, { ctx, found, village: await villagePlace(tx as unknown as Db, found.villageId), now, reason: 'positive' }) : null;
		return { testId: test.id, caseId: found.id, result: input.result, holdEnded, proposedTransfer };
	});
	return { ...result, eventId: events[0].id };
}
