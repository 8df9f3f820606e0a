/**
 * A single-tube re-test's result (复核结果), entered by the lab operator or the village's officer
 * for a re-test visit already sampled. The same result again changes nothing; a changed result is
 * a correction, audited with what it was. A positive proposes a closed-loop transfer to the
 * fever clinic through the quarantine cases (propose-fever-transfer.ts, reason `positive`): the
 * member's standing case, else a case opened for them at home (home quarantine), which is the one
 * thing a proposal needs; a member the roster names no person for cannot be proposed and is said
 * so (the officer reports by phone). Once every re-test is in and every positive proposed, the
 * playbook closes, and a household all negative leaves the home quarantine it was put under.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { doorVisits, positivePlaybooks, quarantineCases, rosterMembers } from '../../db/schema/index';
import { villagePlaces } from '../quarantine/village-places';
import { commitCommand, type Emitted, type Tx } from '../command-events';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import { recordAudit } from '../identity/record-audit';
import { villageInScope } from '../quarantine/village-scope';
import { openCase } from '../quarantine/open-case';
import { proposeFeverTransfer } from '../quarantine/propose-fever-transfer';
import { refuseDoorVisit, type DoorVisitContext } from '../door-visits/door-visit-refusals';
import { proposedMembers } from './playbook-events';
import { releaseControl } from './release-control';

export type TransferOutcome = 'proposed' | 'no_person' | 'no_destination' | null;

export async function recordRetestResult({ ctx, input }: { ctx: DoorVisitContext; input: { visitId: number; result: 'positive' | 'negative' } }) {
	const now = ctx.now ?? Date.now();
	return (
		await commitCommand(ctx, async (tx, emit) => {
			const [visit] = await tx.select().from(doorVisits).where(eq(doorVisits.id, input.visitId)).for('update');
			if (!visit || visit.status === 'cancelled' || !villageInScope(ctx.scope, visit.villageId)) throw refuseDoorVisit('visit_not_found');
			if (visit.reason !== 'retest' || !visit.playbookId) throw refuseDoorVisit('not_a_retest');
			if (visit.status !== 'sampled') throw refuseDoorVisit('not_sampled_yet');
			const playbookId = visit.playbookId;
			if (visit.result === input.result) return { visitId: visit.id, playbookId, result: input.result, duplicate: true, transfer: null as TransferOutcome, closed: false };
			await tx.update(doorVisits).set({ result: input.result, resultAt: new Date(now) }).where(eq(doorVisits.id, visit.id));
			emit({ type: 'playbook.retest_result', playbookId, villageId: visit.villageId, memberCode: visit.memberCode, result: input.result });
			await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'playbook.retest_result', subject: `playbook:${playbookId}`, details: { memberCode: visit.memberCode, result: input.result, previous: visit.result } } });
			const transfer = input.result === 'positive' ? await proposeForMember(tx, emit, ctx, { playbookId, memberCode: visit.memberCode, householdId: visit.householdId, villageId: visit.villageId, day: visit.day, now }) : null;
			const closed = await closeIfDone(tx, emit, playbookId, now, transfer === 'proposed' ? [visit.memberCode] : [], ctx.actor);
			return { visitId: visit.id, playbookId, result: input.result, duplicate: false, transfer, closed };
		})
	).result;
}

async function proposeForMember(tx: Tx, emit: (event: Emitted) => CommandEvent, ctx: DoorVisitContext, member: { playbookId: string; memberCode: string; householdId: string; villageId: string; day: string; now: number }): Promise<TransferOutcome> {
	const [rostered] = await tx.select({ personId: rosterMembers.personId }).from(rosterMembers).where(eq(rosterMembers.code, member.memberCode));
	if (!rostered?.personId) return 'no_person';
	let [found] = await tx.select().from(quarantineCases).where(and(eq(quarantineCases.personId, rostered.personId), inArray(quarantineCases.status, ['active', 'awaiting_transfer']))).limit(1);
	if (!found) {
		const { caseId } = await openCase(tx, emit, { actor: ctx.actor, now: member.now }, {
			personId: rostered.personId, householdId: member.householdId, villageId: member.villageId, returneeId: null, measure: 'home_quarantine', placeKind: 'home', quarantineSiteId: null,
			status: 'active', arrivalAt: null, startDate: member.day, testsFromArrival: false, followsCaseId: null, reason: 'pool_retest_positive', details: { playbookId: member.playbookId }
		});
		[found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, caseId));
	}
	const centre = (await villagePlaces(tx, [member.villageId])).get(member.villageId);
	const destination = await proposeFeverTransfer(tx, emit, { ctx, found, village: centre?.lat != null && centre.lon != null ? { lat: centre.lat, lon: centre.lon } : null, now: member.now, reason: 'positive' });
	if (!destination) return 'no_destination';
	emit({ type: 'playbook.transfer_proposed', playbookId: member.playbookId, villageId: member.villageId, memberCode: member.memberCode, caseId: found.id });
	await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'playbook.transfer_proposed', subject: `playbook:${member.playbookId}`, details: { memberCode: member.memberCode, caseId: found.id, destination } } });
	return 'proposed';
}

/** Closed when every re-test has a result and every positive a transfer proposed (this command's included). */
async function closeIfDone(tx: Tx, emit: (event: Emitted) => CommandEvent, playbookId: string, now: number, justProposed: string[], actor: string): Promise<boolean> {
	const visits = await tx.select({ memberCode: doorVisits.memberCode, result: doorVisits.result, status: doorVisits.status }).from(doorVisits).where(and(eq(doorVisits.playbookId, playbookId), eq(doorVisits.reason, 'retest')));
	const live = visits.filter((visit) => visit.status !== 'cancelled');
	if (live.some((visit) => visit.result === null)) return false;
	// This command's proposal is not in the outbox yet (written at commit): counted from here.
	const proposed = new Set([...((await proposedMembers(tx, [playbookId])).get(playbookId)?.keys() ?? []), ...justProposed]);
	if (live.some((visit) => visit.result === 'positive' && !proposed.has(visit.memberCode))) return false;
	const [row] = await tx.update(positivePlaybooks).set({ closedAt: new Date(now) }).where(and(eq(positivePlaybooks.id, playbookId), isNull(positivePlaybooks.closedAt))).returning({ closedAt: positivePlaybooks.closedAt });
	if (!row) return false;
	emit({ type: 'playbook.closed', playbookId });
	// Control was pending the re-test: households all negative go back to their measure.
	await releaseControl(tx, playbookId, actor);
	return true;
}
