/**
 * A positive pool opens its playbook at once (第一时间报告、复检、处置, 003), in the transaction that
 * stores the lab's result (pipeline/persistence.ts): the positive_playbooks row (one per box and
 * tube: a resent or re-run result opens nothing twice), a single-tube re-test door visit (单采复核)
 * for every roster member of the pool's households, the households put under home quarantine
 * pending the re-test (a stricter measure already standing is kept), the visits routed, the audit
 * entry, and `playbook.opened` staged in the outbox (the relay appends it; actor `system`).
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { doorVisits, households, poolMembers, positivePlaybooks, rosterMembers } from '../../db/schema/index';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { commandEmitter, stageCommandEvents, type Tx } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { routeDoorVisits } from '../door-visits/route-door-visits';

export const PLAYBOOK_ACTOR = 'system';

/** Opaque and stable per pool: the same box and tube always name the same playbook. */
export function playbookIdOf(boxId: string, tube: string): string {
	return `pb_${createHash('sha256').update(`${boxId}\u0000${tube}`).digest('hex').slice(0, 24)}`;
}

export interface PositiveResult {
	boxId: string;
	tube: string;
	at: string;
	result: 'positive' | 'negative';
}

export async function openPlaybooks(tx: Tx, results: readonly PositiveResult[], now = Date.now()): Promise<string[]> {
	const opened: string[] = [];
	for (const result of results) {
		if (result.result !== 'positive') continue;
		const id = playbookIdOf(result.boxId, result.tube);
		const members = await tx.select({ householdId: poolMembers.householdId }).from(poolMembers).where(and(eq(poolMembers.boxId, result.boxId), eq(poolMembers.tube, result.tube)));
		const householdIds = [...new Set(members.map((member) => member.householdId))].sort();
		const homes = householdIds.length === 0 ? [] : await tx.select({ id: households.id, villageId: households.villageId, measure: households.measure }).from(households).where(inArray(households.id, householdIds));
		const villageIds = [...new Set(homes.map((home) => home.villageId))].sort();
		const positiveAt = new Date(result.at);
		const { events, emit } = commandEmitter(PLAYBOOK_ACTOR, Date.parse(result.at));
		const event = emit({ type: 'playbook.opened', playbookId: id, boxId: result.boxId, tube: result.tube, villageIds, households: householdIds.length, members: 0 });
		const [row] = await tx.insert(positivePlaybooks).values({ id, boxId: result.boxId, tube: result.tube, positiveAt, householdIds, villageIds, eventId: event.id }).onConflictDoNothing().returning({ id: positivePlaybooks.id });
		if (!row) continue;

		const day = serviceDay(Date.parse(result.at));
		const roster = householdIds.length === 0 ? [] : await tx.select({ code: rosterMembers.code, householdId: rosterMembers.householdId, villageId: rosterMembers.villageId }).from(rosterMembers).where(inArray(rosterMembers.householdId, householdIds));
		if (roster.length > 0) {
			await tx
				.insert(doorVisits)
				.values(roster.map((member) => ({ day, memberCode: member.code, householdId: member.householdId, villageId: member.villageId, reason: 'retest' as const, playbookId: id, createdAt: positiveAt, createdBy: PLAYBOOK_ACTOR })))
				.onConflictDoNothing();
		}
		(event as { members: number }).members = roster.length;
		// Control pending the re-test: nobody leaves the home; a hotel (centralised) already is stricter.
		const toQuarantine = homes.filter((home) => home.measure === 'none' || home.measure === 'home_monitoring');
		if (toQuarantine.length > 0) await tx.update(households).set({ measure: 'home_quarantine', startDate: day }).where(inArray(households.id, toQuarantine.map((home) => home.id)));
		await routeDoorVisits(tx, day, now);
		await recordAudit({
			db: tx,
			entry: {
				actor: PLAYBOOK_ACTOR, action: 'playbook.opened', subject: `playbook:${id}`,
				details: { boxId: result.boxId, tube: result.tube, households: householdIds, villageIds, retests: roster.length, measureSet: toQuarantine.map((home) => ({ householdId: home.id, from: home.measure, to: 'home_quarantine' })) }
			}
		});
		await stageCommandEvents(tx, events);
		opened.push(id);
	}
	return opened;
}
