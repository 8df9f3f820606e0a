import { describe, expect, it } from 'vitest';
import { carrySince, deriveAlerts, sameFirstSeen, withServerSince, type AlertInputs } from '../../src/lib/domain/alerts';
import { chinaClock, chinaDateTime, chinaInputValue, fromChinaInputValue, minutesSince } from '../../src/lib/china-time';

const NOON = Date.parse('2026-11-23T04:00:00Z'); // 12:00 China time
const inputs = (overrides: Partial<AlertInputs> = {}): AlertInputs => ({ sites: [], vehicles: [], labs: [], overdueCheckIns: 0, overviewAt: NOON, now: NOON, ...overrides });
const crowded = (queueAt: number) => ({ id: 'site-a', name: '白畈村采样点', status: 'open', queueLength: 500, staffedDesks: 2, queueAt: new Date(queueAt).toISOString(), lat: 29.6, lon: 115.8 });

describe('an alert keeps its first time while it stands', () => {
	it('does not re-stamp "households have not checked in" on every overview poll: it stands since 10:00 China time', () => {
		const first = deriveAlerts(inputs({ overdueCheckIns: 32 }));
		const later = deriveAlerts(inputs({ overdueCheckIns: 32, overviewAt: NOON + 60_000, now: NOON + 60_000 }));
		expect(chinaClock(first[0].since, { seconds: false })).toBe('10:00');
		expect(later[0].since).toBe(first[0].since);
	});

	it('keeps the first time of a crowded site across new queue reports, and starts anew once it has cleared', () => {
		let since = new Map<string, number>();
		const derive = (at: number, queueLength = 500) => {
			const carried = carrySince(deriveAlerts(inputs({ sites: [{ ...crowded(at), queueLength }], now: at })), since);
			since = carried.since;
			return carried.alerts;
		};
		const [raised] = derive(NOON);
		const [stillStanding] = derive(NOON + 5 * 60_000);
		expect(stillStanding.since).toBe(raised.since);
		expect(stillStanding.at).toBe(NOON + 5 * 60_000);
		expect(minutesSince(stillStanding.since, NOON + 5 * 60_000)).toBe(5);
		expect(derive(NOON + 6 * 60_000, 10)).toEqual([]);
		const [again] = derive(NOON + 7 * 60_000);
		expect(again.since).toBe(NOON + 7 * 60_000);
	});
});

describe("a page starts from the server's first times", () => {
	it('shows an alert a reloaded page has just derived as standing since the server first saw it', () => {
		const reloadedAt = NOON + 32 * 60_000;
		const derived = deriveAlerts(inputs({ sites: [crowded(reloadedAt)], now: reloadedAt }));
		const [alert] = carrySince(derived, withServerSince(new Map(), { 'site_crowded:site-a': NOON })).alerts;
		expect(alert.since).toBe(NOON);
		expect(minutesSince(alert.since, reloadedAt)).toBe(32);
		// Without the server's time the reload would have made it new.
		expect(carrySince(derived, new Map()).alerts[0].since).toBe(reloadedAt);
	});

	it('takes the earlier of the page’s and the server’s time for each alert, and ignores a time that is not a number', () => {
		const since = withServerSince(new Map([['a', NOON], ['b', NOON + 5]]), { a: NOON + 9, b: NOON + 1, c: NOON + 2, d: Number.NaN });
		expect(Object.fromEntries(since)).toEqual({ a: NOON, b: NOON + 1, c: NOON + 2 });
		expect(Object.fromEntries(withServerSince(new Map([['a', NOON]]), undefined))).toEqual({ a: NOON });
	});

	it('tells the server whether there is anything new to keep: an alert raised or cleared, or an earlier time', () => {
		const kept = new Map([['a', NOON]]);
		expect(sameFirstSeen(kept, new Map([['a', NOON]]))).toBe(true);
		expect(sameFirstSeen(kept, new Map([['a', NOON - 1]]))).toBe(false);
		expect(sameFirstSeen(kept, new Map([['a', NOON], ['b', NOON]]))).toBe(false);
		expect(sameFirstSeen(kept, new Map())).toBe(false);
		expect(sameFirstSeen(kept, new Map([['b', NOON]]))).toBe(false);
	});
});

describe('China time, whatever the zone', () => {
	it('formats clocks, dates and datetime-local values at UTC+8 and reads them back', () => {
		expect(chinaClock(NOON)).toBe('12:00:00');
		expect(chinaClock(Date.parse('2026-11-23T16:30:05Z'), { seconds: false })).toBe('00:30');
		expect(chinaDateTime(Date.parse('2026-11-23T16:30:05Z'))).toBe('2026-11-24 00:30:05');
		expect(chinaInputValue(NOON)).toBe('2026-11-23T12:00');
		expect(fromChinaInputValue('2026-11-23T12:00')).toBe(NOON);
		expect(fromChinaInputValue('yesterday')).toBeNaN();
	});
});
