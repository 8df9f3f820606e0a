import { describe, expect, it } from 'vitest';
import { bedBalance, bedsRequired, caseDay, caseEndDate, casePlanFor, caseTests, classifyWithReason, extendCase, releaseRefusal, testState } from '../../src/lib/domain/quarantine-case';

const ARRIVAL = Date.parse('2026-11-23T10:00:00+08:00');
const HOURS = 3_600_000;
const qualifyingHome = { specialCategory: 'aged_70_plus' as const, separateRoom: true, separateBathroom: true };
const base = { originRisk: 'low' as const, healthCode: 'green' as const, contactKind: null, arrivalAtMs: ARRIVAL, lastNegativeTestAtMs: ARRIVAL - 24 * HOURS, home: qualifyingHome };

describe('classifyWithReason', () => {
	it('sends close and secondary contacts by closed-loop transfer, whatever else is true', () => {
		expect(classifyWithReason({ ...base, contactKind: 'close' })).toEqual({ measure: 'closed_loop_transfer', reason: 'close_contact', homeRefusal: null });
		expect(classifyWithReason({ ...base, originRisk: 'high', contactKind: 'secondary' }).reason).toBe('secondary_contact');
		expect(classifyWithReason({ ...base, healthCode: 'red' }).reason).toBe('red_code');
	});

	it('keeps a returnee from a risk area at home for 14 days only where the home qualifies', () => {
		expect(classifyWithReason({ ...base, originRisk: 'medium' })).toEqual({ measure: 'home_quarantine', reason: 'risk_area_home', homeRefusal: null });
		const noBathroom = classifyWithReason({ ...base, originRisk: 'high', home: { ...qualifyingHome, separateBathroom: false } });
		expect(noBathroom).toMatchObject({ measure: 'centralised_quarantine', reason: 'risk_area_home_not_allowed' });
		expect(noBathroom.homeRefusal).toMatch(/separate bathroom/);
		expect(classifyWithReason({ ...base, originRisk: 'high', home: null }).measure).toBe('centralised_quarantine');
	});

	it('tests and holds a low-risk returnee whose negative test is older than 48 hours, or who has none', () => {
		expect(classifyWithReason({ ...base, lastNegativeTestAtMs: ARRIVAL - 49 * HOURS })).toMatchObject({ measure: 'test_and_hold', reason: 'no_recent_negative' });
		expect(classifyWithReason({ ...base, lastNegativeTestAtMs: ARRIVAL - 48 * HOURS }).measure).toBe('health_monitoring');
		expect(classifyWithReason({ ...base, lastNegativeTestAtMs: null }).reason).toBe('no_recent_negative');
		expect(classifyWithReason({ ...base, healthCode: 'yellow' }).reason).toBe('yellow_code');
	});

	it('monitors a low-risk returnee with a recent negative test', () => {
		expect(classifyWithReason(base)).toEqual({ measure: 'health_monitoring', reason: 'low_risk', homeRefusal: null });
	});
});

describe('the case', () => {
	it('opens at a hotel, awaiting transfer, for contacts and homes that do not qualify', () => {
		expect(casePlanFor('closed_loop_transfer')).toEqual({ measure: 'centralised', placeKind: 'hotel', status: 'awaiting_transfer' });
		expect(casePlanFor('centralised_quarantine').placeKind).toBe('hotel');
		expect(casePlanFor('home_quarantine')).toEqual({ measure: 'home_quarantine', placeKind: 'home', status: 'active' });
		expect(casePlanFor('test_and_hold').measure).toBe('health_monitoring');
	});

	it('runs 14 days, the start day being day 1; a hotel case is the 14 hotel days only', () => {
		expect(caseEndDate('2026-11-23', 'home_quarantine')).toBe('2026-12-06');
		expect(caseEndDate('2026-11-23', 'centralised')).toBe('2026-12-06');
		expect(caseEndDate('2026-12-07', 'home_monitoring')).toBe('2026-12-20');
		expect(caseDay('2026-11-23', '2026-11-29')).toBe(7);
	});

	it('has a test within 24 h of arrival, on day 7 and day 14; the home days after a hotel only day 7 and 14', () => {
		expect(caseTests('2026-11-23', true).map((test) => [test.kind, test.dueDate])).toEqual([['arrival_24h', '2026-11-24'], ['day_7', '2026-11-29'], ['day_14', '2026-12-06']]);
		expect(caseTests('2026-12-07', false).map((test) => test.kind)).toEqual(['day_7', 'day_14']);
	});
});

describe('releaseRefusal', () => {
	const negative = [
		{ kind: 'arrival_24h' as const, dueDate: '2026-11-24', result: 'negative' as const },
		{ kind: 'day_7' as const, dueDate: '2026-11-29', result: 'negative' as const },
		{ kind: 'day_14' as const, dueDate: '2026-12-06', result: 'negative' as const }
	];

	it('releases on the 14th day when every test is negative', () => {
		expect(releaseRefusal({ today: '2026-12-06', plannedEndDate: '2026-12-06', tests: negative })).toBeNull();
		expect(releaseRefusal({ today: '2026-12-08', plannedEndDate: '2026-12-06', tests: negative })).toBeNull();
	});

	it('refuses before the days are done, saying how many are left', () => {
		expect(releaseRefusal({ today: '2026-12-01', plannedEndDate: '2026-12-06', tests: negative })).toEqual({ code: 'days_not_done', daysLeft: 5, plannedEndDate: '2026-12-06' });
	});

	it('refuses while a test has no negative result, naming it, and names a positive test first', () => {
		const pending = negative.map((test) => (test.kind === 'day_14' ? { ...test, result: 'pending' as const } : test));
		expect(releaseRefusal({ today: '2026-12-06', plannedEndDate: '2026-12-06', tests: pending })).toEqual({ code: 'tests_not_negative', kinds: ['day_14'] });
		const positive = negative.map((test) => (test.kind === 'day_7' ? { ...test, result: 'positive' as const } : test));
		expect(releaseRefusal({ today: '2026-12-01', plannedEndDate: '2026-12-06', tests: positive })).toEqual({ code: 'test_positive', kind: 'day_7' });
	});
});

describe('extendCase and testState', () => {
	it('moves the last day and adds a test on it', () => {
		expect(extendCase('2026-12-06', 7)).toEqual({ plannedEndDate: '2026-12-13', extraTest: { kind: 'extra', dueDate: '2026-12-13' } });
		expect(() => extendCase('2026-12-06', 0)).toThrow(RangeError);
		expect(() => extendCase('2026-12-06', 15)).toThrow(RangeError);
		expect(() => extendCase('2026-12-06', 1.5)).toThrow(RangeError);
	});

	it('calls a test overdue only once its day has passed without a result', () => {
		const test = { kind: 'day_7' as const, dueDate: '2026-11-29', result: null };
		expect(testState(test, '2026-11-28')).toBe('upcoming');
		expect(testState(test, '2026-11-29')).toBe('due');
		expect(testState(test, '2026-11-30')).toBe('overdue');
		expect(testState({ ...test, result: 'pending' }, '2026-11-30')).toBe('overdue');
		expect(testState({ ...test, result: 'negative' }, '2026-11-30')).toBe('done');
		expect(testState({ ...test, result: 'positive' }, '2026-11-30')).toBe('positive');
	});

	it('counts the within-24-hours test as due from arrival, though its date is the next day (the rounds list it then too)', () => {
		const arrivalTest = { kind: 'arrival_24h' as const, dueDate: '2026-11-30', result: null };
		expect(testState(arrivalTest, '2026-11-29')).toBe('due');
		expect(testState(arrivalTest, '2026-11-30')).toBe('due');
		expect(testState(arrivalTest, '2026-12-01')).toBe('overdue');
		expect(testState({ ...arrivalTest, result: 'negative' }, '2026-11-29')).toBe('done');
		expect(testState({ kind: 'day_7', dueDate: '2026-11-30', result: null }, '2026-11-29')).toBe('upcoming');
	});
});

describe('hotel beds (004: 20 per 10,000 residents)', () => {
	it('needs 20 beds for 10,000 residents, rounding up', () => {
		expect(bedsRequired(10_000)).toBe(20);
		expect(bedsRequired(86_000)).toBe(172);
		expect(bedsRequired(10_001)).toBe(21);
	});

	it('adds up occupied, held and free beds and the shortfall against the rule', () => {
		const hotels = [{ id: 'a', beds: 80, occupied: 60, held: 5 }, { id: 'b', beds: 40, occupied: 40, held: 0 }];
		expect(bedBalance(hotels, 86_000)).toEqual({ beds: 120, occupied: 100, held: 5, free: 15, required: 172, shortfall: 52 });
	});
});
