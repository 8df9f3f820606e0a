import { describe, expect, it } from 'vitest';
import { deliveryDaysBefore, followUpReportId, officerActions, positiveTestOf, readingOf, roundStart, visitAt, type SeenCase } from '../../server/sim/officer-rounds';
import { arrivalsOn, pastReturnees } from '../../server/sim/scenarios/chengmen-quarantine';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { addDays } from '../../src/lib/domain/quarantine';
import { assessFollowUp } from '../../src/lib/domain/follow-up';
import { serviceDayStart } from '../../src/lib/domain/service-day';

const HOUR = 3_600_000;
const DAY = '2026-11-30';
const at = (hour: number) => serviceDayStart(DAY) + hour * HOUR;
const VILLAGE = 'v:城门街道/白畈村';
const villages = ['红旗村', '城门社区', '白畈村', '白合村', '金兰村', '金桥村', '红心村', '立新村', '兴联村', '联盟村'].map((name) => `v:城门街道/${name}`);
const days = Array.from({ length: 60 }, (_, n) => addDays('2026-10-01', n));

function seen(overrides: Partial<SeenCase> = {}): SeenCase {
	return { id: 'qc_a', villageId: VILLAGE, measure: 'home_quarantine', placeKind: 'home', status: 'active', startDate: '2026-11-24', plannedEndDate: '2026-12-07', releasable: false, tests: [], ...overrides };
}

describe('when a village officer does the rounds', () => {
	it('starts the morning round between 07:00 and 08:30, or late after 10:15 on about one village-day in twelve', () => {
		const starts = villages.flatMap((village) => days.map((day) => ({ day, ...roundStart(village, day, 'morning') })));
		for (const start of starts) {
			const minute = (start.at - serviceDayStart(start.day)) / 60_000;
			if (start.late) expect(minute).toBeGreaterThanOrEqual(10 * 60 + 15);
			else expect(minute >= 7 * 60 && minute < 8.5 * 60).toBe(true);
		}
		const late = starts.filter((start) => start.late).length / starts.length;
		expect(late).toBeGreaterThan(0.03);
		expect(late).toBeLessThan(0.16);
	});

	it('finishes an on-time morning round before 10:00 and the evening round before 20:00, however many cases', () => {
		for (const village of villages) {
			for (const day of days.slice(0, 10)) {
				const morning = roundStart(village, day, 'morning');
				if (!morning.late) expect(visitAt(village, day, 'morning', 39, 40)).toBeLessThan(serviceDayStart(day) + 10 * HOUR);
				expect(visitAt(village, day, 'evening', 39, 40)).toBeLessThan(serviceDayStart(day) + 20 * HOUR);
				expect(visitAt(village, day, 'evening', 0, 40)).toBeGreaterThanOrEqual(serviceDayStart(day) + 17 * HOUR);
			}
		}
	});

	it('does nothing before the visit, then the follow-up with the same report id and reading each time it is asked', () => {
		const visit = visitAt(VILLAGE, DAY, 'morning', 0, 1);
		expect(officerActions({ villageId: VILLAGE, cases: [seen()], day: DAY, now: visit - 1, positiveTestId: null })).toEqual([]);
		const first = officerActions({ villageId: VILLAGE, cases: [seen()], day: DAY, now: visit, positiveTestId: null });
		const again = officerActions({ villageId: VILLAGE, cases: [seen()], day: DAY, now: visit + HOUR, positiveTestId: null });
		const followUp = first.find((action) => action.kind === 'follow_up');
		expect(followUp).toMatchObject({ caseId: 'qc_a', slot: 'morning', takenAt: visit, reportId: followUpReportId('qc_a', DAY, 'morning') });
		expect(again.find((action) => action.kind === 'follow_up')).toEqual(followUp);
		// Supplies for a home-quarantine household go with the morning visit.
		expect(first.some((action) => action.kind === 'delivery')).toBe(true);
	});

	it('follows up home quarantine in the evening too, other measures only in the morning', () => {
		const evening = at(21);
		const actions = officerActions({ villageId: VILLAGE, cases: [seen(), seen({ id: 'qc_b', measure: 'health_monitoring' }), seen({ id: 'qc_c', measure: 'centralised', placeKind: 'hotel' })], day: DAY, now: evening, positiveTestId: null });
		const followUps = actions.filter((action) => action.kind === 'follow_up').map((action) => `${action.caseId}:${action.kind === 'follow_up' && action.slot}`);
		expect(followUps.sort()).toEqual(['qc_a:evening', 'qc_a:morning', 'qc_b:morning', 'qc_c:morning']);
		expect(actions.filter((action) => action.kind === 'delivery').map((action) => action.caseId)).toEqual(['qc_a']);
	});

	it('visits a returnee registered after the round when first seen: tests sampled then, a follow-up only for a slot still owed', () => {
		const registered = at(15);
		const c = seen({ startDate: DAY, tests: [{ id: 1, kind: 'arrival_24h', dueDate: DAY, result: null }] });
		const actions = officerActions({ villageId: VILLAGE, cases: [c], day: DAY, now: at(21), positiveTestId: null, firstSeen: new Map([['qc_a', registered]]) });
		expect(actions.filter((action) => action.kind === 'follow_up').map((action) => action.kind === 'follow_up' && action.slot)).toEqual(['evening']);
		expect(actions.find((action) => action.kind === 'sample')).toMatchObject({ testId: 1, at: registered });
		// A case from an earlier day seen late (a restart) still owes its morning: visited when seen.
		const older = officerActions({ villageId: VILLAGE, cases: [seen()], day: DAY, now: at(15), positiveTestId: null, firstSeen: new Map([['qc_a', registered]]) });
		expect(older.find((action) => action.kind === 'follow_up')).toMatchObject({ slot: 'morning', takenAt: registered });
	});

	it('visits only its own village’s cases under way that day', () => {
		const cases = [seen({ villageId: 'v:城门街道/金兰村' }), seen({ id: 'qc_b', startDate: '2026-12-01' }), seen({ id: 'qc_c', status: 'released' }), seen({ id: 'qc_d', plannedEndDate: '2026-11-29' })];
		expect(officerActions({ villageId: VILLAGE, cases, day: DAY, now: at(23), positiveTestId: null })).toEqual([]);
	});

	it('samples the tests due on the morning visit and records the lab’s result four hours later; a pending test from an earlier day gets its result at once', () => {
		const visit = visitAt(VILLAGE, DAY, 'morning', 0, 1);
		const c = seen({ tests: [{ id: 7, kind: 'day_7', dueDate: DAY, result: null }, { id: 14, kind: 'day_14', dueDate: '2026-12-07', result: null }, { id: 1, kind: 'arrival_24h', dueDate: '2026-11-24', result: 'pending' }] });
		const atVisit = officerActions({ villageId: VILLAGE, cases: [c], day: DAY, now: visit, positiveTestId: null });
		expect(atVisit.filter((action) => action.kind === 'sample').map((action) => action.kind === 'sample' && action.testId)).toEqual([7]);
		expect(atVisit.filter((action) => action.kind === 'result').map((action) => action.kind === 'result' && action.testId)).toEqual([1]);
		const later = officerActions({ villageId: VILLAGE, cases: [{ ...c, tests: [{ id: 7, kind: 'day_7', dueDate: DAY, result: 'pending' }] }], day: DAY, now: visit + 4 * HOUR, positiveTestId: 7 });
		expect(later.find((action) => action.kind === 'result')).toMatchObject({ testId: 7, result: 'positive', at: visit + 4 * HOUR });
		expect(officerActions({ villageId: VILLAGE, cases: [{ ...c, tests: [{ id: 7, kind: 'day_7', dueDate: DAY, result: 'pending' }] }], day: DAY, now: visit + 4 * HOUR - 1, positiveTestId: 7 }).some((action) => action.kind === 'result')).toBe(false);
	});

	it('releases a releasable case from 15:00, never one the server says is not', () => {
		expect(officerActions({ villageId: VILLAGE, cases: [seen({ releasable: true })], day: DAY, now: at(14.9), positiveTestId: null }).some((action) => action.kind === 'release')).toBe(false);
		expect(officerActions({ villageId: VILLAGE, cases: [seen({ releasable: true })], day: DAY, now: at(15), positiveTestId: null }).filter((action) => action.kind === 'release')).toHaveLength(1);
		expect(officerActions({ villageId: VILLAGE, cases: [seen({ releasable: false })], day: DAY, now: at(23), positiveTestId: null }).some((action) => action.kind === 'release')).toBe(false);
	});
});

describe('what the officer finds', () => {
	it('reads the same for the same case, day and slot; about one reading in 45 is fever or a symptom, which the rules call critical', () => {
		expect(readingOf('qc_x', DAY, 'morning')).toEqual(readingOf('qc_x', DAY, 'morning'));
		const readings = Array.from({ length: 4000 }, (_, n) => readingOf(`qc_${n}`, DAY, n % 2 ? 'morning' : 'evening'));
		const critical = readings.filter((reading) => assessFollowUp(reading).critical);
		expect(critical.length / readings.length).toBeGreaterThan(0.01);
		expect(critical.length / readings.length).toBeLessThan(0.05);
		for (const reading of readings) {
			expect(reading.temperatureC).toBeGreaterThanOrEqual(36.1);
			expect(assessFollowUp(reading).fever).toBe(reading.symptoms.includes('fever'));
		}
	});

	it('has one positive day-7 test a day, of the day-7 tests due that day', () => {
		const cases = [seen({ id: 'qc_1', tests: [{ id: 1, kind: 'day_7', dueDate: DAY, result: null }] }), seen({ id: 'qc_2', tests: [{ id: 2, kind: 'day_7', dueDate: DAY, result: null }, { id: 3, kind: 'day_14', dueDate: DAY, result: null }] })];
		expect([1, 2]).toContain(positiveTestOf(cases, DAY));
		expect(positiveTestOf([...cases].reverse(), DAY)).toBe(positiveTestOf(cases, DAY));
		expect(positiveTestOf(cases, '2026-12-01')).toBeNull();
	});

	it('delivers on the first day and every third day after', () => {
		expect(deliveryDaysBefore('2026-11-24', '2026-12-07', DAY)).toEqual(['2026-11-24', '2026-11-27']);
		expect(deliveryDaysBefore('2026-11-24', '2026-11-25', DAY)).toEqual(['2026-11-24']);
	});
});

describe('the Chengmen quarantine population', () => {
	const households = chengmen.ledgers().households;

	it('is the same plan for the same day, with cases on day 7 and day 14 (tests and releases due today)', () => {
		const plan = pastReturnees(households, DAY);
		expect(pastReturnees(households, DAY)).toEqual(plan);
		const dayOfCase = (arrivalDay: string) => Math.round((Date.parse(DAY) - Date.parse(arrivalDay)) / 86_400_000) + 1;
		const home = plan.filter((returnee) => returnee.path === 'home_quarantine').map((returnee) => dayOfCase(returnee.arrivalDay));
		expect(home).toContain(7);
		expect(home).toContain(14);
		expect(plan.filter((returnee) => returnee.path === 'hotel').map((returnee) => dayOfCase(returnee.arrivalDay))).toEqual(expect.arrayContaining([7, 14]));
		expect(plan.length).toBeGreaterThanOrEqual(36);
		expect(new Set(plan.map((returnee) => returnee.idNumber)).size).toBe(plan.length);
	});

	it('brings arrivals through the day, mostly from low-risk places, some from risk areas and now and then a close contact', () => {
		const arrivals = days.flatMap((day) => arrivalsOn(day, villages));
		expect(arrivalsOn(DAY, villages)).toEqual(arrivalsOn(DAY, villages));
		const one = arrivalsOn(DAY, villages);
		expect(one.map((arrival) => arrival.minute)).toEqual([...one.map((arrival) => arrival.minute)].sort((a, b) => a - b));
		expect(one.every((arrival) => arrival.minute >= 7 * 60 && arrival.minute < 21 * 60 && villages.includes(arrival.villageId))).toBe(true);
		const low = arrivals.filter((arrival) => arrival.originRisk === 'low' && arrival.contactKind === null).length / arrivals.length;
		expect(low).toBeGreaterThan(0.6);
		expect(arrivals.some((arrival) => arrival.originRisk !== 'low')).toBe(true);
		expect(arrivals.some((arrival) => arrival.contactKind === 'close')).toBe(true);
		expect(arrivals.some((arrival) => arrival.negativeHoursBefore === null)).toBe(true);
	});
});
