/**
 * The village officer's rounds for today (read only): the active cases of their villages, each with
 * today's follow-ups (done, still to do, overdue), the tests due or overdue (上门采样), a supply
 * delivery due, and whether it may be released today; and the villages the officer may register a
 * returnee in. Names, phones, ID numbers and addresses are masked here (王**, 138****5678); the full
 * values are revealed per person, with a reason, through /api/personal/reveal, which audits it. A
 * standing fever comes with its first reading's temperature, and a transfer under way is said.
 */
import { and, eq, gte, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkIns, people, quarantineCases, regions, scheduledTests, supplyDeliveries, transferTasks } from '../../db/schema/index';
import type { UserScope } from '../../auth/user-scope';
import { followUpsDue, type FollowUpSlot } from '../../../src/lib/domain/follow-up';
import { maskName } from '../../../src/lib/domain/masking';
import { nextDeliveryDay } from '../../../src/lib/domain/supplies';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { listCases } from './list-cases';
import { openTransferProposals, type TransferProposal } from './transfer-proposals';
import { casePositive } from '../../../src/lib/domain/case-transfer-reason';
import { villageInScope } from './village-scope';
import { standingFevers, type StandingFever } from './standing-fevers';
import { maskedContacts, type MaskedContact } from './officer-contacts';

export interface RoundFollowUp {
	slot: FollowUpSlot;
	dueAt: string;
	done: boolean;
	overdue: boolean;
}

export type ListedCase = Awaited<ReturnType<typeof listCases>>[number];

export interface RoundCase {
	id: string;
	/** The opaque person id, for a reveal (person:p_…); never a name or ID number. */
	personId: string;
	maskedName: string | null;
	villageId: string;
	villageName: string;
	measure: string;
	placeKind: string;
	status: string;
	/** The returnee the case is for (their measure may be overridden with a reason), or null for a ledger household's case. */
	returneeId: string | null;
	day: number;
	startDate: string;
	plannedEndDate: string;
	followUps: RoundFollowUp[];
	/** The tests on today's rounds (testOnRounds): to take or awaiting the lab, and today's with their results. */
	tests: { id: number; kind: string; dueDate: string; state: string; result: string | null }[];
	/** The day a supply delivery has been due since (today or before), or null. */
	deliveryDue: string | null;
	releasable: boolean;
	releaseBlockedBy: string | null;
	/** A test of the case came back positive (casePositive). */
	positive: boolean;
	/** The case's fever or symptoms standing since (standing-fevers.ts: until handed over or dismissed, whatever the day), or null. */
	feverSince: string | null;
	/** The closed-loop transfer proposal that stands, not yet handled (fever, symptoms or a positive test; standing-proposals.ts), or null. */
	proposedTransfer: { reason: TransferProposal['reason']; destination: TransferProposal['destination'] } | null;
	/** The temperature of the reading the standing fever began with (null: symptoms without one, or no fever). */
	feverTemperatureC: number | null;
	/** The symptoms of that reading (a fever is not always a temperature: 36.6 °C with 干咳 is symptoms only). */
	feverSymptoms: string[];
	/** A closed-loop transfer of the case is open: a vehicle is assigned and on its way (the proposal is then handled). */
	transferUnderway: boolean;
	/** Phone, ID number and address, masked (officer-contacts.ts); the officer reveals them with a reason, audited. */
	contact: MaskedContact;
}

/**
 * A test is on the rounds while it has no final result and its day has come (due, overdue, sampled
 * and pending; the within-24-hours test from arrival on), and on the day it was due whatever its
 * result, so the officer sees the day's negatives and a positive (and a phone choosing by the
 * day's tests sees the same ones all day); and on the day its result was recorded, so a result
 * recorded by mistake can still be corrected on the phone (correct-test-result.ts).
 */
export function testOnRounds(test: { kind: string; dueDate: string; result: string | null }, today: string, recordedToday = false): boolean {
	if (test.dueDate === today || recordedToday) return true;
	return (test.dueDate <= today || test.kind === 'arrival_24h') && test.result !== 'negative' && test.result !== 'positive';
}

/** The names of the villages (regions) by id. */
export async function villageNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, [...new Set(ids)]));
	return new Map(rows.map((row) => [row.id, row.name]));
}

/** Masked names of people by id (the surname and stars). */
export async function maskedNames(db: Db, personIds: readonly string[]): Promise<Map<string, string | null>> {
	if (personIds.length === 0) return new Map();
	const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, [...new Set(personIds)]));
	return new Map(rows.map((row) => [row.id, maskName(row.name)]));
}

/** Today's follow-ups of active cases: which slots are due, done, overdue at `now`. */
export async function followUpsToday(db: Db, cases: readonly { id: string; measure: string; status: string; startDate: string; plannedEndDate: string; createdAt: Date }[], now: number) {
	const today = serviceDay(now);
	const active = cases.filter((found) => found.status === 'active');
	const done = active.length === 0 ? [] : await db.select({ caseId: checkIns.caseId, slot: checkIns.slot }).from(checkIns).where(and(inArray(checkIns.caseId, active.map((found) => found.id)), eq(checkIns.day, today)));
	const doneBy = new Map<string, Set<string>>();
	for (const row of done) doneBy.set(row.caseId!, (doneBy.get(row.caseId!) ?? new Set()).add(row.slot));
	return new Map(
		active.map((found) => {
			// As record-follow-up.ts counts it: a case owes nothing before it was opened.
			const startedAt = Math.max(found.createdAt.getTime(), serviceDayStart(found.startDate));
			const due = followUpsDue({ measure: found.measure, startedAt, endDate: found.plannedEndDate, endedAt: null }, today);
			const filled = doneBy.get(found.id) ?? new Set();
			return [found.id, due.map((each): RoundFollowUp => ({ slot: each.slot, dueAt: new Date(each.dueAt).toISOString(), done: filled.has(each.slot), overdue: !filled.has(each.slot) && each.dueAt <= now }))];
		})
	);
}

/** The cases in scope with their rows (person, creation time) that listCases leaves out. */
export async function casesWithRows(db: Db, scope: UserScope, now: number) {
	const listed = await listCases(db, scope, { now });
	const rows = listed.length === 0 ? [] : await db.select({ id: quarantineCases.id, personId: quarantineCases.personId, createdAt: quarantineCases.createdAt }).from(quarantineCases).where(inArray(quarantineCases.id, listed.map((found) => found.id)));
	const rowOf = new Map(rows.map((row) => [row.id, row]));
	return listed.map((found) => ({ ...found, personId: rowOf.get(found.id)!.personId, createdAt: rowOf.get(found.id)!.createdAt }));
}

async function deliveriesDue(db: Db, cases: readonly ListedCase[], today: string): Promise<Map<string, string | null>> {
	const home = cases.filter((found) => found.status === 'active' && found.measure === 'home_quarantine' && found.placeKind === 'home');
	const made = home.length === 0 ? [] : await db.select({ caseId: supplyDeliveries.caseId, doneAt: supplyDeliveries.doneAt }).from(supplyDeliveries).where(and(inArray(supplyDeliveries.caseId, home.map((found) => found.id)), isNotNull(supplyDeliveries.doneAt)));
	const lastDay = new Map<string, string>();
	for (const row of made) {
		const day = serviceDay(row.doneAt!.getTime());
		if ((lastDay.get(row.caseId!) ?? '') < day) lastDay.set(row.caseId!, day);
	}
	return new Map(
		home.map((found) => {
			const next = nextDeliveryDay({ measure: found.measure, startDate: found.startDate, endDate: found.plannedEndDate, lastDeliveredDay: lastDay.get(found.id) ?? null });
			return [found.id, next !== null && next <= today && today >= found.startDate ? next : null];
		})
	);
}

/** Of the standing fevers, the first reading's temperature and symptoms per case; and the cases with a transfer open. */
async function feverAndTransfer(db: Db, fevers: readonly StandingFever[], caseIds: readonly string[]) {
	const [readings, open] = await Promise.all([
		fevers.length === 0 ? [] : db.select({ caseId: checkIns.caseId, at: checkIns.at, temperatureC: checkIns.temperatureC, symptoms: checkIns.symptoms }).from(checkIns).where(or(...fevers.map((fever) => and(eq(checkIns.caseId, fever.caseId), eq(checkIns.at, new Date(fever.since)))))),
		caseIds.length === 0 ? [] : db.select({ caseId: transferTasks.caseId }).from(transferTasks).where(and(inArray(transferTasks.caseId, [...caseIds]), eq(transferTasks.status, 'open')))
	]);
	return { temperatureOf: new Map(readings.map((row) => [row.caseId!, row.temperatureC])), symptomsOf: new Map(readings.map((row) => [row.caseId!, row.symptoms])), underway: new Set(open.map((row) => row.caseId)) };
}

export async function officerRounds(db: Db, scope: UserScope, { now = Date.now() } = {}) {
	const today = serviceDay(now);
	const cases = await casesWithRows(db, scope, now);
	const [names, places, followUps, deliveries, villageRows, proposals, fevers] = await Promise.all([
		maskedNames(db, cases.map((found) => found.personId)),
		villageNames(db, cases.map((found) => found.villageId)),
		followUpsToday(db, cases, now),
		deliveriesDue(db, cases, today),
		db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.level, 'village')).orderBy(regions.id),
		cases.length === 0 ? [] : openTransferProposals(db, now),
		cases.length === 0 ? [] : standingFevers(db)
	]);
	const mine = new Set(cases.map((found) => found.id));
	const ownFevers = fevers.filter((fever) => mine.has(fever.caseId));
	const feverOf = new Map(ownFevers.map((fever) => [fever.caseId, new Date(fever.since).toISOString()]));
	const [{ temperatureOf, symptomsOf, underway }, contacts, recordedToday] = await Promise.all([
		feverAndTransfer(db, ownFevers, [...mine]),
		maskedContacts(db, cases),
		mine.size === 0 ? [] : db.select({ id: scheduledTests.id }).from(scheduledTests).where(and(inArray(scheduledTests.caseId, [...mine]), gte(scheduledTests.recordedAt, new Date(serviceDayStart(today)))))
	]);
	const recordedIds = new Set(recordedToday.map((row) => row.id));
	const proposalOf = new Map(proposals.map((proposal) => [proposal.caseId, { reason: proposal.reason, destination: proposal.destination }]));
	const rounds: RoundCase[] = cases.map((found) => ({
		id: found.id, personId: found.personId, maskedName: names.get(found.personId) ?? null, villageId: found.villageId, villageName: places.get(found.villageId) ?? found.villageId,
		measure: found.measure, placeKind: found.placeKind, status: found.status, returneeId: found.returneeId, day: found.day, startDate: found.startDate, plannedEndDate: found.plannedEndDate,
		followUps: followUps.get(found.id) ?? [],
		tests: found.status === 'active' ? found.tests.filter((test) => testOnRounds(test, today, recordedIds.has(test.id))).map(({ id, kind, dueDate, state, result }) => ({ id, kind, dueDate, state, result })) : [],
		deliveryDue: deliveries.get(found.id) ?? null,
		releasable: found.releasable, releaseBlockedBy: found.releaseBlockedBy,
		positive: casePositive(found.tests), feverSince: feverOf.get(found.id) ?? null, proposedTransfer: proposalOf.get(found.id) ?? null,
		feverTemperatureC: temperatureOf.get(found.id) ?? null, feverSymptoms: symptomsOf.get(found.id) ?? [], transferUnderway: underway.has(found.id), contact: contacts.get(found.id) ?? { phone: null, idNumber: null, address: null }
	}));
	return { today, villages: villageRows.filter((village) => villageInScope(scope, village.id)), cases: rounds };
}
