/**
 * Opening a case inside a command's transaction: the case row, its scheduled tests, the first
 * line of its history, and `case.opened`. Used by registration, by an override that changes the
 * measure, and by a release from a hotel (the home village's monitoring that follows).
 */
import { randomBytes } from 'node:crypto';
import { quarantineCaseEvents, quarantineCases, scheduledTests } from '../../db/schema/index';
import { caseEndDate, caseTests, type CaseMeasure } from '../../../src/lib/domain/quarantine-case';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import type { Emitted, Tx } from '../command-events';

export function newCaseId(): string {
	return `qc_${randomBytes(12).toString('hex')}`;
}

export interface NewCase {
	personId: string;
	householdId: string | null;
	villageId: string;
	returneeId: string | null;
	measure: CaseMeasure;
	placeKind: 'home' | 'hotel';
	quarantineSiteId: string | null;
	status: 'active' | 'awaiting_transfer';
	arrivalAt: Date | null;
	startDate: string;
	/** Tests from arrival (within 24 h, day 7, day 14), or day 7 and day 14 of this case only. */
	testsFromArrival: boolean;
	followsCaseId: string | null;
	reason: string | null;
	details?: Record<string, unknown>;
}

export async function openCase(tx: Tx, emit: (event: Emitted) => CommandEvent, { actor, now }: { actor: string; now: number }, input: NewCase): Promise<{ caseId: string; plannedEndDate: string; testIds: number[] }> {
	const caseId = newCaseId();
	const plannedEndDate = caseEndDate(input.startDate, input.measure);
	const at = new Date(now);
	await tx.insert(quarantineCases).values({
		id: caseId, personId: input.personId, householdId: input.householdId, villageId: input.villageId, returneeId: input.returneeId, measure: input.measure,
		placeKind: input.placeKind, quarantineSiteId: input.quarantineSiteId, arrivalAt: input.arrivalAt, startDate: input.startDate, plannedEndDate,
		status: input.status, followsCaseId: input.followsCaseId, createdAt: at, createdBy: actor, updatedAt: at
	});
	const tests = caseTests(input.startDate, input.testsFromArrival);
	const inserted = await tx
		.insert(scheduledTests)
		.values(tests.map((test) => ({ caseId, householdId: input.householdId, personId: input.personId, kind: test.kind, dueDate: test.dueDate })))
		.returning({ id: scheduledTests.id });
	const event = emit({
		type: 'case.opened', caseId, villageId: input.villageId, measure: input.measure, placeKind: input.placeKind, quarantineSiteId: input.quarantineSiteId,
		status: input.status, startDate: input.startDate, plannedEndDate, followsCaseId: input.followsCaseId
	});
	await tx.insert(quarantineCaseEvents).values({
		caseId, at, actor, kind: 'opened', reason: input.reason, eventId: event.id,
		details: { measure: input.measure, placeKind: input.placeKind, quarantineSiteId: input.quarantineSiteId, status: input.status, startDate: input.startDate, plannedEndDate, tests, followsCaseId: input.followsCaseId, ...input.details }
	});
	return { caseId, plannedEndDate, testIds: inserted.map((row) => row.id) };
}
