/**
 * The demo's quarantine population (server/sim/scenarios/chengmen-quarantine.ts), put into a new
 * database through the quarantine commands, as it would have come about: each returnee registered
 * by the officer on arrival (the rules classify them), hotel cases placed at the hotel, the tests
 * before today recorded negative when their results came, supplies delivered on their days, hotel
 * cases whose 14 days ended released to home monitoring, and today's follow-ups that the officers'
 * rounds (server/sim/officer-rounds.ts) had done before now. Each command runs at the time it
 * happened (`now`), so the cases' history reads as it would have.
 *
 * Loaded once: a database that has any returnee keeps what it has (a restart changes nothing).
 * Without a log the events wait in the command outbox and the relay appends them (app.ts runs it).
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCases, quarantineSites, returnees, scheduledTests } from '../../db/schema/index';
import type { EventLog } from '../../pipeline/event-log/event-log';
import { commitCommand } from '../command-events';
import type { QuarantineContext } from '../quarantine/case-refusals';
import { registerReturnee } from '../quarantine/register-returnee';
import { placeHotelCase } from '../quarantine/place-hotel-case';
import { recordTestResult } from '../quarantine/record-test-result';
import { releaseCase } from '../quarantine/release-case';
import { markDeliveryDone } from '../quarantine/mark-delivery-done';
import { recordFollowUp } from '../quarantine/record-follow-up';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import type { Scenario } from '../../sim/scenarios/index';
import { pastReturnees, type PastReturnee } from '../../sim/scenarios/chengmen-quarantine';
import { deliveryDaysBefore, officerActions, positiveTestOf, type SeenCase } from '../../sim/officer-rounds';

const HOUR = 3_600_000;
/** The district hotel the demo's hotel cases are placed at (the scenario's first). */
const hotelOf = (scenario: Scenario) => scenario.places?.quarantineSites[0]?.id ?? null;

/** Events go to the outbox only: the command relay appends them (no log at load time). */
const relayOnly = { append: () => Promise.reject(new Error('appended by the command relay')) } as unknown as EventLog;

/** An instant of a China-time day and minute of the day. */
const chinaIso = (day: string, minute: number) => `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;

export interface PopulationLoaded {
	loaded: boolean;
	returnees: number;
}

export async function loadQuarantinePopulation({ db, scenario, log, now = Date.now(), logger }: { db: Db; scenario: Scenario; log?: EventLog; now?: number; logger?: Pick<Console, 'warn'> }): Promise<PopulationLoaded> {
	const hotelId = hotelOf(scenario);
	if (!scenario.quarantinePopulation || !hotelId) return { loaded: false, returnees: 0 };
	const [{ n }] = await db.select({ n: count() }).from(returnees);
	if (n > 0) return { loaded: false, returnees: 0 };
	const today = serviceDay(now);
	const planned = scenario.quarantinePopulation(scenario.ledgers().households, today);
	const quiet = { warn: () => {} };
	const ctxAt = (at: number): QuarantineContext => ({ db, log: log ?? relayOnly, logger: log ? logger : quiet, actor: `scenario:${scenario.id}`, scope: { kind: 'county' }, now: Math.min(at, now) });

	for (const returnee of planned) {
		const arrivalAt = Math.min(Date.parse(chinaIso(returnee.arrivalDay, returnee.arrivalMinute)), now - HOUR / 2);
		const registered = await registerReturnee({ ctx: ctxAt(arrivalAt + HOUR / 2), input: bodyOf(returnee, arrivalAt) });
		const expectsHotel = returnee.path === 'hotel' || returnee.path === 'hotel_then_home';
		if (registered.awaitsTransfer !== expectsHotel) throw new Error(`quarantine population: ${returnee.key} was classified ${registered.measure} (${registered.reason}), not ${returnee.path}`);
		if (expectsHotel) {
			// Taken to the hotel the same day; their transfers were before the system's time, so no track: placed as the handover places them.
			const placedAt = Math.min(arrivalAt + 3 * HOUR, now - HOUR / 4);
			await commitCommand(ctxAt(placedAt), async (tx, emit) => {
				await tx.update(quarantineSites).set({ occupied: sql`${quarantineSites.occupied} + 1` }).where(eq(quarantineSites.id, hotelId));
				await placeHotelCase(tx, emit, { actor: `scenario:${scenario.id}`, now: Math.min(placedAt, now) }, { returneeId: registered.returneeId, quarantineSiteId: hotelId, startDate: serviceDay(placedAt), taskId: 0 });
			});
		}
		let caseId = registered.caseId;
		caseId = await pastOfCase(db, ctxAt, caseId, today, arrivalAt);
		if (returnee.path === 'hotel_then_home') {
			const [hotelCase] = await db.select().from(quarantineCases).where(eq(quarantineCases.id, caseId));
			const released = await releaseCase({ ctx: ctxAt(Date.parse(chinaIso(hotelCase.plannedEndDate, 16 * 60))), input: { caseId } });
			await pastOfCase(db, ctxAt, released.handedToCaseId!, today, arrivalAt);
		}
	}
	await todaysRounds(db, ctxAt, today, now);
	return { loaded: true, returnees: planned.length };
}

/** A case's days before today: each test negative when its result came, supplies on their days. Returns the case id. */
async function pastOfCase(db: Db, ctxAt: (at: number) => QuarantineContext, caseId: string, today: string, arrivalAt: number): Promise<string> {
	const [found] = await db.select().from(quarantineCases).where(eq(quarantineCases.id, caseId));
	const tests = await db.select().from(scheduledTests).where(eq(scheduledTests.caseId, caseId)).orderBy(asc(scheduledTests.dueDate));
	const events: { at: number; run: () => Promise<unknown> }[] = [];
	for (const test of tests) {
		if (test.dueDate >= today) continue;
		// Sampled in the morning (or on arrival), the lab's negative in the afternoon.
		const at = Math.max(Date.parse(chinaIso(test.dueDate, 15 * 60)), arrivalAt + 4 * HOUR);
		events.push({ at, run: () => recordTestResult({ ctx: ctxAt(at), input: { testId: test.id, result: 'negative' } }) });
	}
	if (found.measure === 'home_quarantine' && found.placeKind === 'home') {
		for (const day of deliveryDaysBefore(found.startDate, found.plannedEndDate, today)) {
			const at = Math.max(Date.parse(chinaIso(day, 9 * 60)), found.createdAt.getTime() + HOUR / 2);
			events.push({ at, run: () => markDeliveryDone({ ctx: ctxAt(at), input: { caseId } }) });
		}
	}
	for (const event of events.sort((a, b) => a.at - b.at)) await event.run();
	return caseId;
}

/** What the officers' rounds had done today by now (the simulated phones redo none of it: same report ids, results already in). */
async function todaysRounds(db: Db, ctxAt: (at: number) => QuarantineContext, today: string, now: number): Promise<void> {
	const cases = await db.select().from(quarantineCases).where(eq(quarantineCases.status, 'active'));
	const tests = await db.select().from(scheduledTests);
	const seen: SeenCase[] = cases.map((c) => ({
		id: c.id, villageId: c.villageId, measure: c.measure, placeKind: c.placeKind, status: c.status, startDate: c.startDate, plannedEndDate: c.plannedEndDate, releasable: false,
		tests: tests.filter((test) => test.caseId === c.id).map((test) => ({ id: test.id, kind: test.kind, dueDate: test.dueDate, result: test.result }))
	}));
	const positiveTestId = positiveTestOf(seen, today);
	// The officer first saw each case when it was registered (or placed, or opened on release).
	const firstSeen = new Map(cases.map((c) => [c.id, c.createdAt.getTime()]));
	// Releases are left to the phones (they ask the server which cases are releasable).
	const actions = [...new Set(seen.map((c) => c.villageId))].flatMap((villageId) => officerActions({ villageId, cases: seen, day: today, now, positiveTestId, firstSeen })).filter((action) => action.kind !== 'release');
	for (const action of actions.sort((a, b) => a.at - b.at)) {
		const ctx = ctxAt(Math.max(action.at, serviceDayStart(today)));
		if (action.kind === 'follow_up') await recordFollowUp({ ctx, input: { caseId: action.caseId, reportId: action.reportId, takenAt: new Date(action.takenAt).toISOString(), temperatureC: action.temperatureC, symptoms: action.symptoms, slot: action.slot } });
		else if (action.kind === 'sample') await recordTestResult({ ctx, input: { testId: action.testId, result: 'pending' } });
		else if (action.kind === 'result') await recordTestResult({ ctx, input: { testId: action.testId, result: action.result } });
		else if (action.kind === 'delivery') await markDeliveryDone({ ctx, input: { caseId: action.caseId } }).catch(() => null);
	}
}

function bodyOf(returnee: PastReturnee, arrivalAt: number) {
	return {
		villageId: returnee.villageId, householdId: returnee.householdId ?? undefined, name: returnee.name, idNumber: returnee.idNumber, phone: returnee.phone,
		arrivalAt: new Date(arrivalAt).toISOString(), originPlace: returnee.originPlace, originRisk: returnee.originRisk, workPlace: returnee.workPlace,
		transportMode: returnee.transportMode, transportNumber: returnee.transportNumber ?? undefined,
		lastNegativeTestAt: returnee.negativeHoursBefore === null ? null : new Date(arrivalAt - returnee.negativeHoursBefore * HOUR).toISOString(),
		contactKind: returnee.contactKind, ...(returnee.home ? { home: returnee.home } : {})
	};
}
