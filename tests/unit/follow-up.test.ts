import { describe, expect, it } from 'vitest';
import { assessFollowUp, chinaHour, firstDueHour, followUpsDue, overdueFollowUps, slotAt, slotFits, TEMPERATURE_RANGE_C, temperatureProblem, type FollowUpCase } from '../../src/lib/domain/follow-up';
import { deriveAlerts, newCriticalAlerts, type AlertInputs } from '../../src/lib/domain/alerts';

/** An instant given as China wall-clock time. */
const china = (local: string) => Date.parse(`${local}+08:00`);
const DAY = '2026-11-23';
const homeCase = (overrides: Partial<FollowUpCase> = {}): FollowUpCase => ({ measure: 'home_quarantine', startedAt: china('2026-11-20T15:00:00'), endDate: '2026-12-03', endedAt: null, ...overrides });

describe('assessFollowUp (seed 003: fever, fatigue, dry cough are reported at once)', () => {
	it('calls 37.3 °C a fever and 37.2 °C not', () => {
		expect(assessFollowUp({ temperatureC: 37.3, symptoms: [] })).toEqual({ fever: true, critical: true });
		expect(assessFollowUp({ temperatureC: 37.2, symptoms: [] })).toEqual({ fever: false, critical: false });
		expect(assessFollowUp({ temperatureC: 36.5, symptoms: [] })).toEqual({ fever: false, critical: false });
	});
	it('holds the threshold exactly at 37.3 °C: 37.25 and 37.29 are not a fever, 37.3 is', () => {
		expect(assessFollowUp({ temperatureC: 37.25, symptoms: [] }).fever).toBe(false);
		expect(assessFollowUp({ temperatureC: 37.29, symptoms: [] }).fever).toBe(false);
		expect(assessFollowUp({ temperatureC: 37.3, symptoms: [] }).fever).toBe(true);
	});
	it('does not let floating point move the threshold (37.1 + 0.2 is a fever)', () => {
		expect(assessFollowUp({ temperatureC: 37.1 + 0.2, symptoms: [] }).fever).toBe(true);
	});
	it('makes fatigue or a dry cough critical without a fever', () => {
		expect(assessFollowUp({ temperatureC: 36.6, symptoms: ['fatigue'] })).toEqual({ fever: false, critical: true });
		expect(assessFollowUp({ temperatureC: null, symptoms: ['dry_cough'] })).toEqual({ fever: false, critical: true });
	});
	it('takes a reported fever without a reading as a fever', () => {
		expect(assessFollowUp({ temperatureC: null, symptoms: ['fever'] })).toEqual({ fever: true, critical: true });
	});
	it('keeps the threshold configurable', () => {
		expect(assessFollowUp({ temperatureC: 37.3, symptoms: [] }, { feverFromC: 37.5 }).fever).toBe(false);
	});
});

describe('followUpsDue', () => {
	it('asks home quarantine twice a day (by 10:00 and by 20:00 China time) and other measures once (by 10:00)', () => {
		expect(followUpsDue(homeCase(), DAY)).toEqual([
			{ slot: 'morning', dueAt: china('2026-11-23T10:00:00') },
			{ slot: 'evening', dueAt: china('2026-11-23T20:00:00') }
		]);
		for (const measure of ['home_monitoring', 'health_monitoring', 'centralised']) {
			expect(followUpsDue(homeCase({ measure }), DAY)).toEqual([{ slot: 'morning', dueAt: china('2026-11-23T10:00:00') }]);
		}
	});
	it('owes nothing on the first day for a slot whose hour passed before the case began', () => {
		const started = homeCase({ startedAt: china('2026-11-23T15:00:00') });
		expect(followUpsDue(started, DAY).map((due) => due.slot)).toEqual(['evening']);
		expect(followUpsDue(homeCase({ startedAt: china('2026-11-23T21:00:00') }), DAY)).toEqual([]);
	});
	it('counts the China date, not UTC: a case begun at 07:00 China time (23:00 UTC the day before) owes that morning', () => {
		expect(followUpsDue(homeCase({ startedAt: china('2026-11-23T07:00:00') }), DAY).map((due) => due.slot)).toEqual(['morning', 'evening']);
	});
	it('asks every day through the 14th (its last day) and none after, nor before it began', () => {
		const c = homeCase({ startedAt: china('2026-11-20T08:00:00'), endDate: '2026-12-03' });
		expect(followUpsDue(c, '2026-12-03')).toHaveLength(2);
		expect(followUpsDue(c, '2026-12-04')).toEqual([]);
		expect(followUpsDue(c, '2026-11-19')).toEqual([]);
	});
	it('owes nothing after a case ended early (released or transferred at 12:00: the morning was owed, the evening not)', () => {
		expect(followUpsDue(homeCase({ endedAt: china('2026-11-23T12:00:00') }), DAY).map((due) => due.slot)).toEqual(['morning']);
	});
});

describe('overdueFollowUps', () => {
	const c = homeCase();
	it('is nothing before 10:00, even with nothing done', () => {
		expect(overdueFollowUps(c, DAY, new Set(), china('2026-11-23T09:59:00'))).toEqual([]);
	});
	it('is the morning one from 10:00 when it was not done, and nothing when it was', () => {
		expect(overdueFollowUps(c, DAY, new Set(), china('2026-11-23T10:00:00')).map((due) => due.slot)).toEqual(['morning']);
		expect(overdueFollowUps(c, DAY, new Set(['morning']), china('2026-11-23T15:00:00'))).toEqual([]);
	});
	it('adds the evening one from 20:00', () => {
		expect(overdueFollowUps(c, DAY, new Set(['morning']), china('2026-11-23T20:00:00')).map((due) => due.slot)).toEqual(['evening']);
		expect(overdueFollowUps(c, DAY, new Set(), china('2026-11-23T23:00:00'))).toHaveLength(2);
	});
	it('never calls a case that has not begun, or has ended, overdue', () => {
		expect(overdueFollowUps(homeCase({ startedAt: china('2026-11-23T11:00:00') }), DAY, new Set(), china('2026-11-23T12:00:00'))).toEqual([]);
		expect(overdueFollowUps(homeCase({ endedAt: china('2026-11-23T09:00:00') }), DAY, new Set(), china('2026-11-23T23:00:00'))).toEqual([]);
	});
});

describe('slotAt', () => {
	it('fills the morning slot until 14:00 and the evening one from then, for home quarantine', () => {
		expect(slotAt('home_quarantine', china('2026-11-23T08:00:00'))).toBe('morning');
		expect(slotAt('home_quarantine', china('2026-11-23T13:59:00'))).toBe('morning');
		expect(slotAt('home_quarantine', china('2026-11-23T14:00:00'))).toBe('evening');
	});
	it('always fills the one slot of a once-a-day measure', () => {
		expect(slotAt('home_monitoring', china('2026-11-23T19:00:00'))).toBe('morning');
		expect(slotFits('home_monitoring', 'evening')).toBe(false);
		expect(slotFits('home_quarantine', 'evening')).toBe(true);
	});
	it('reads hours in China time', () => {
		expect(chinaHour(china('2026-11-23T00:30:00'))).toBe(0);
		expect(firstDueHour()).toBe(10);
	});
});

describe('fever alerts on the wall', () => {
	const NOW = china('2026-11-23T11:00:00');
	const inputs = (overrides: Partial<AlertInputs> = {}): AlertInputs => ({ sites: [], vehicles: [], labs: [], overdueCheckIns: 0, overviewAt: NOW, now: NOW, ...overrides });
	const fever = { villageId: 'v:城门街道/白畈村', village: '白畈村', cases: 2, since: new Date(china('2026-11-23T09:12:00')).toISOString(), lat: 29.61, lon: 115.82 };
	it('raises one critical alert per village, with its count and centre and nothing of a person', () => {
		const [alert] = deriveAlerts(inputs({ fevers: [fever] }));
		expect(alert).toEqual({ id: 'fever:v:城门街道/白畈村', kind: 'fever', severity: 'critical', at: china('2026-11-23T09:12:00'), since: china('2026-11-23T09:12:00'), subject: '白畈村', value: 2, location: { lat: 29.61, lon: 115.82 } });
		expect(newCriticalAlerts([alert], new Set())).toEqual([alert]);
	});
	it('raises none for a village whose cases are all well again', () => {
		expect(deriveAlerts(inputs({ fevers: [{ ...fever, cases: 0 }] }))).toEqual([]);
	});
});

describe('temperatureProblem', () => {
	it('accepts 34–43 °C and names what is wrong outside it, or with no reading', () => {
		expect([34, 36.5, 43].map(temperatureProblem)).toEqual([null, null, null]);
		expect([temperatureProblem(33.9), temperatureProblem(30), temperatureProblem(43.1), temperatureProblem(45)]).toEqual(['too_low', 'too_low', 'too_high', 'too_high']);
		expect([temperatureProblem(null), temperatureProblem(undefined), temperatureProblem(Number.NaN)]).toEqual(['missing', 'missing', 'missing']);
		expect(TEMPERATURE_RANGE_C).toEqual({ min: 34, max: 43 });
	});
});
