/**
 * correctTestResult: an officer corrects a test result recorded wrongly (a mis-tap of 阳性, a
 * misread report), never silently: a reason is required, the change is a `test_corrected` row on
 * the case's history (from, to, reason) and in the audit log, and a `case.test_result` event with
 * the new result goes on the log so the wall and desk re-read it. A plain record still refuses to
 * overwrite a final result (record-test-result.ts); this is the one way to change it.
 *
 * What follows, kept simple:
 * - corrected to positive: handled as a positive (a closed-loop transfer to a fever clinic is
 *   proposed, as record-test-result.ts does);
 * - positive corrected to negative: the village's positive alert clears by itself (it is counted
 *   from the tests' results, wall/case-counts.ts). The standing transfer proposal made for the
 *   positive is withdrawn (a `concern_dismissed` row, the officer's dismissal the dispatcher's list
 *   already honours), unless a transfer of the case is already open (the vehicle is on its way: the
 *   dispatcher decides; the answer says so), another test of the case is still positive, or a
 *   fever stands on the case (the proposal then still serves the fever; a dismissal would end it).
 * A resend of the phone's command (same commandId) gets the first answer (resent-command.ts).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, scheduledTests } from '../../db/schema/index';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { correctTestResultRequest } from './case-requests';
import { proposeFeverTransfer, type ProposedDestination } from './propose-fever-transfer';
import { latestProposals } from './standing-proposals';
import { standingFevers } from './standing-fevers';
import { resentAnswer } from './resent-command';
import { villagePlace } from './village-places';
import type { z } from 'zod';

export interface TestResultCorrected {
	testId: number;
	caseId: string;
	from: 'negative' | 'positive';
	result: 'negative' | 'positive';
	/** Corrected to positive: where a transfer is proposed (null: none open, or the case is not active). */
	proposedTransfer: ProposedDestination | null;
	/** Corrected to negative: the positive's transfer proposal was withdrawn. */
	proposalWithdrawn: boolean;
	/** Corrected to negative with a transfer of the case already open: its task id (dispatch decides). */
	transferOpen: number | null;
	eventId: string;
}

export async function correctTestResult({ ctx, input: raw }: { ctx: QuarantineContext; input: { testId: number } & z.input<typeof correctTestResultRequest> }): Promise<TestResultCorrected> {
	const input = { testId: raw.testId, ...correctTestResultRequest.parse({ result: raw.result, reason: raw.reason, commandId: raw.commandId }) };
	const now = ctx.now ?? Date.now();
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [test] = await tx.select().from(scheduledTests).where(eq(scheduledTests.id, input.testId)).for('update');
		if (!test || !test.caseId) throw refuseCase('test_not_found');
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, test.caseId));
		if (!found) throw refuseCase('test_not_found');
		assertVillage(ctx, found.villageId);
		const resent = await resentAnswer<Omit<TestResultCorrected, 'eventId'>>(tx, 'test_corrected', input.commandId);
		if (resent) return resent;
		if (found.status !== 'active' && found.status !== 'awaiting_transfer') throw refuseCase('case_not_active', { status: found.status });
		if (test.result !== 'negative' && test.result !== 'positive') throw refuseCase('test_not_recorded');
		if (test.result === input.result) throw refuseCase('result_unchanged', { result: input.result });

		const at = new Date(now);
		const from = test.result;
		await tx.update(scheduledTests).set({ result: input.result, resultSource: 'officer', recordedBy: ctx.actor, recordedAt: at }).where(eq(scheduledTests.id, test.id));
		const event = emit({ type: 'case.test_result', caseId: found.id, villageId: found.villageId, quarantineSiteId: found.quarantineSiteId, testId: test.id, kind: test.kind, result: input.result, source: 'officer' });
		let proposedTransfer: ProposedDestination | null = null;
		let proposalWithdrawn = false;
		let transferOpen: number | null = null;
		if (input.result === 'positive') {
			if (found.status === 'active') proposedTransfer = await proposeFeverTransfer(tx, emit, { ctx, found, village: await villagePlace(tx as unknown as Db, found.villageId), now, reason: 'positive' });
		} else {
			const proposal = (await latestProposals(tx, [found.id])).get(found.id);
			transferOpen = proposal?.openTaskId ?? null;
			const stillPositive = await tx.select({ id: scheduledTests.id }).from(scheduledTests).where(and(eq(scheduledTests.caseId, found.id), eq(scheduledTests.result, 'positive'), ne(scheduledTests.id, test.id))).limit(1);
			const fever = (await standingFevers(tx)).some((standing) => standing.caseId === found.id);
			if (proposal?.stands && proposal.reason === 'positive' && stillPositive.length === 0 && !fever) {
				await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at, actor: ctx.actor, kind: 'concern_dismissed', reason: input.reason, eventId: event.id, details: { why: 'test_corrected', testId: test.id } });
				proposalWithdrawn = true;
			}
		}
		const answer = { testId: test.id, caseId: found.id, from, result: input.result, proposedTransfer, proposalWithdrawn, transferOpen };
		await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at, actor: ctx.actor, kind: 'test_corrected', reason: input.reason, eventId: event.id, details: { commandId: input.commandId ?? null, answer, testId: test.id, kind: test.kind, dueDate: test.dueDate, from, to: input.result } });
		await tx.update(quarantineCases).set({ updatedAt: at }).where(eq(quarantineCases.id, found.id));
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'case.test_corrected', subject: `case:${found.id}`, reason: input.reason, details: { testId: test.id, kind: test.kind, from, to: input.result } } });
		return { ...answer, eventId: event.id };
	});
	return result;
}
