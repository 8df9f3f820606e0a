/** A site's rates from its tablet's queue reports (queue + people sampled today), not from hourly boxes. */
import { describe, expect, it } from 'vitest';
import { siteRates, type QueueReport } from '../../src/lib/domain/site-rates';
import { STAFFING_RULES } from '../../src/lib/domain/staffing';

const t0 = Date.parse('2026-11-23T02:00:00Z');
const report = (minutes: number, queueLength: number, sampledToday: number | null, day = '2026-11-23'): QueueReport => ({ at: t0 + minutes * 60_000, queueLength, sampledToday, day });

describe('siteRates', () => {
	it('arrivals are what the queue grew by plus the people sampled, per minute', () => {
		// 10 minutes: the queue grew 100 → 120 while 2 desks sampled 66 people: 86 arrived, 8.6 a minute.
		const rates = siteRates({ earlier: report(0, 100, 400), latest: report(10, 120, 466), staffedDesks: 2 });
		expect(rates.arrivalsPerMinute).toBeCloseTo(8.6, 5);
	});

	it('learns the desks’ pace from the people sampled per staffed desk-hour while a queue stood', () => {
		// 2 desks sampled 150 people in 15 minutes: 300 a desk-hour, shrunk towards the default 200.
		const { peoplePerDeskHour } = siteRates({ earlier: report(0, 80, 0), latest: report(15, 90, 150), staffedDesks: 2 });
		expect(peoplePerDeskHour).toBeGreaterThan(STAFFING_RULES.peoplePerSamplerHour);
		expect(peoplePerDeskHour).toBeLessThan(300);
		// Sampling at the default pace keeps the default: nothing drifts while boxes are not yet sealed.
		expect(siteRates({ earlier: report(0, 80, 0), latest: report(15, 90, 100), staffedDesks: 2 }).peoplePerDeskHour).toBe(STAFFING_RULES.peoplePerSamplerHour);
	});

	it('says nothing of the pace when the desks waited for people, nor of any rate from reports a moment apart or without a count', () => {
		expect(siteRates({ earlier: report(0, 0, 10), latest: report(15, 0, 40), staffedDesks: 2 })).toEqual({ arrivalsPerMinute: 2, peoplePerDeskHour: null });
		expect(siteRates({ earlier: report(0, 50, 10), latest: report(0.2, 51, 11), staffedDesks: 2 })).toEqual({ arrivalsPerMinute: null, peoplePerDeskHour: null });
		expect(siteRates({ earlier: report(0, 50, null), latest: report(15, 60, null), staffedDesks: 2 })).toEqual({ arrivalsPerMinute: null, peoplePerDeskHour: null });
		expect(siteRates({ earlier: undefined, latest: report(15, 60, 10), staffedDesks: 2 }).arrivalsPerMinute).toBeNull();
	});

	it('counts yesterday’s last report as zero sampled today', () => {
		const rates = siteRates({ earlier: report(-10, 0, 900, '2026-11-22'), latest: report(0, 5, 20), staffedDesks: 2 });
		expect(rates.arrivalsPerMinute).toBeCloseTo(2.5, 5);
	});
});
