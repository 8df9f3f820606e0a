import { describe, expect, it } from 'vitest';
import { dayHistory, dayHistoryFrom, stepOf } from '../../src/lib/domain/day-history';
import { chinaClock } from '../../src/lib/china-time';

const at = (chinaHhmm: string) => Date.parse(`2026-11-23T${chinaHhmm}:00+08:00`);

describe('the wall’s history of the day', () => {
	it('starts at 06:00 China time, or 6 hours back before then', () => {
		expect(chinaClock(dayHistoryFrom(at('15:00')))).toBe('06:00:00');
		expect(dayHistoryFrom(at('03:00'))).toBe(at('03:00') - 6 * 3_600_000);
	});

	it('carries each site’s newest reading forward and sums per township, every 5 minutes', () => {
		const samples = dayHistory({
			from: at('06:00'),
			now: at('06:17'),
			townshipOfSite: new Map([['a', 't1'], ['b', 't1'], ['c', 't2']]),
			queueReadings: [
				{ siteId: 'a', at: at('05:50'), queueLength: 5 },
				{ siteId: 'a', at: at('06:03'), queueLength: 40 },
				{ siteId: 'a', at: at('06:04'), queueLength: 50 },
				{ siteId: 'b', at: at('06:10'), queueLength: 7 },
				{ siteId: 'elsewhere', at: at('06:10'), queueLength: 999 }
			],
			labReadings: [{ labId: 'l', at: at('06:12'), receivedTubes: 1500, testedTubes: 300 }]
		});
		expect(samples.map((sample) => chinaClock(sample.at, { seconds: false }))).toEqual(['06:00', '06:05', '06:10', '06:15']);
		// t2 has never reported: no number for it (a gap on the chart), not a flat 0.
		expect(samples.map((sample) => sample.queueByTownship)).toEqual([{ t1: 5 }, { t1: 50 }, { t1: 57 }, { t1: 57 }]);
		expect(samples.map((sample) => sample.labBacklog)).toEqual([null, null, null, 1200]);
		expect(stepOf(at('06:05'), at('06:00'))).toBe(1);
	});

	it('keeps a lab’s backlog after a restart whose LIMS reports its day’s totals from 0 again (no 20 → 0 → 20)', () => {
		const samples = dayHistory({
			from: at('13:45'),
			now: at('14:01'),
			townshipOfSite: new Map(),
			queueReadings: [],
			labReadings: [
				{ labId: 'l', at: at('13:48'), receivedTubes: 520, testedTubes: 500 },
				// The server restarted at 13:52: its LIMS counts from nothing, and lab_counters keeps the greatest.
				{ labId: 'l', at: at('13:53'), receivedTubes: 0, testedTubes: 0 },
				{ labId: 'l', at: at('13:58'), receivedTubes: 10, testedTubes: 0 },
				{ labId: 'm', at: at('13:59'), receivedTubes: 40, testedTubes: 45 }
			]
		});
		expect(samples.map((sample) => chinaClock(sample.at, { seconds: false }))).toEqual(['13:45', '13:50', '13:55', '14:00']);
		// m tested more than it has received (a count sent between two scans): no negative backlog.
		expect(samples.map((sample) => sample.labBacklog)).toEqual([null, 20, 20, 20]);
	});
});

describe('the wall’s chart history on screen', () => {
	it('draws no data, not zero, before the first report of the day (the server started at 09:00)', () => {
		const samples = dayHistory({
			from: at('06:00'),
			now: at('09:12'),
			townshipOfSite: new Map([['a', 't1']]),
			queueReadings: [{ siteId: 'a', at: at('09:01'), queueLength: 30 }],
			labReadings: []
		});
		const before = samples.filter((sample) => sample.at < at('09:05'));
		expect(before.length).toBe(37);
		for (const sample of before) expect(sample.queueByTownship.t1 ?? null).toBeNull();
		expect(samples.at(-1)!.queueByTownship).toEqual({ t1: 30 });
		expect(samples.every((sample) => sample.labBacklog === null)).toBe(true);
	});

	it('puts the server’s day first, then only the live samples newer than it, and keeps from 06:00', async () => {
		const { mergedHistory } = await import('../../src/lib/state/wall-history.svelte');
		const sample = (hhmm: string, queue: number) => ({ at: at(hhmm), queueByTownship: { t1: queue }, labBacklog: 0 });
		const day = [sample('06:00', 0), sample('10:00', 40), sample('15:00', 50)];
		const live = [sample('05:00', 1), sample('14:59', 2), sample('15:01', 60)];
		expect(mergedHistory(day, live, at('15:02')).map((each) => chinaClock(each.at, { seconds: false }))).toEqual(['06:00', '10:00', '15:00', '15:01']);
		expect(mergedHistory([], live, at('15:02')).map((each) => each.queueByTownship.t1)).toEqual([2, 60]);
	});
});
