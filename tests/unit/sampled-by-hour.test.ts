/** The wall's hourly sampling bars add up to the people sampled today that the KPI shows. */
import { describe, expect, it } from 'vitest';
import { sampledByHour } from '../../src/lib/domain/sampled-by-hour';

const total = (hours: Map<number, number>) => [...hours.values()].reduce((a, b) => a + b, 0);

describe('people sampled per hour of today', () => {
	it('puts what a tablet had counted before the server started into the start-up hour, so the bars sum to the KPI', () => {
		// The server started at 21:22: the first report already says 1,200 sampled today; the site's boxes
		// sealed since hold 450 people, the only ones the bars used to count.
		const hours = sampledByHour(
			[
				{ siteId: 'a', hour: 21, sampledToday: 1400 },
				{ siteId: 'b', hour: 21, sampledToday: 200 },
				{ siteId: 'a', hour: 22, sampledToday: 1464 }
			],
			[{ siteId: 'a', hour: 21, people: 450 }]
		);
		expect(Object.fromEntries(hours)).toEqual({ 21: 1600, 22: 64 });
		// The KPI: per site the larger of the tablet's count and its boxes' people, summed.
		expect(total(hours)).toBe(Math.max(1464, 450) + 200);
	});

	it('gives each hour what the count grew by in it, and a lower late report takes nothing back', () => {
		const hours = sampledByHour(
			[
				{ siteId: 'a', hour: 8, sampledToday: 100 },
				{ siteId: 'a', hour: 9, sampledToday: 90 },
				{ siteId: 'a', hour: 10, sampledToday: 250 }
			],
			[]
		);
		expect(Object.fromEntries(hours)).toEqual({ 8: 100, 10: 150 });
		expect(total(hours)).toBe(250);
	});

	it('counts a site without a tablet count by its boxes, and boxes beyond the tablet’s count in the last box’s hour', () => {
		const hours = sampledByHour(
			[{ siteId: 'a', hour: 9, sampledToday: 100 }],
			[
				{ siteId: 'a', hour: 9, people: 80 },
				{ siteId: 'a', hour: 11, people: 40 },
				{ siteId: 'c', hour: 7, people: 30 },
				{ siteId: 'c', hour: 10, people: 20 }
			]
		);
		expect(Object.fromEntries(hours)).toEqual({ 7: 30, 9: 100, 10: 20, 11: 20 });
		expect(total(hours)).toBe(120 + 50);
	});
});
