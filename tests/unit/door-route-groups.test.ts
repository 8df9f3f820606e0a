import { describe, expect, it } from 'vitest';
import { groupByRoute } from '../../src/lib/components/quarantine/door-route-groups';

const stop = (village: string, route: number | null, stopOrder: number, retest = false, open = true) => ({ village, route, stopOrder, retest, open });

describe('groupByRoute', () => {
	it('numbers each village\'s routes 1, 2 … as the officer sees them, not county-wide', () => {
		const groups = groupByRoute([stop('东村', 37, 1), stop('东村', 36, 1), stop('东村', 36, 2), stop('西村', 12, 1)]);
		expect(groups.map((group) => [group.village, group.number, group.stops.length])).toEqual([
			['东村', 1, 2],
			['东村', 2, 1],
			['西村', 1, 1]
		]);
	});

	it('puts a route with a re-test first and counts the stops still to visit', () => {
		const groups = groupByRoute([stop('东村', 5, 1, false, false), stop('西村', 9, 2, true), stop('西村', 9, 1, false, false)]);
		expect(groups[0]).toMatchObject({ village: '西村', retest: true, openStops: 1 });
		expect(groups[0].stops.map((each) => each.stopOrder)).toEqual([1, 2]);
		expect(groups[1]).toMatchObject({ village: '东村', openStops: 0 });
	});

	it('keeps stops not yet on a route together, unnumbered', () => {
		expect(groupByRoute([stop('东村', null, 1), stop('东村', null, 2)])).toMatchObject([{ number: null, stops: [{}, {}] }]);
	});
});
