/** A wall's live KPI counts are those of the sites it holds: a township's wall shows its township, not the county. */
import { describe, expect, it } from 'vitest';
import { scopedCounts } from '../../src/lib/components/wall/scoped-counts';
import type { SiteEntity } from '../../src/lib/protocol/index';

const site = (id: string, townshipId: string, queueLength: number, peopleToday: number, tubesToday: number): SiteEntity => ({
	id, name: id, townshipId, kind: 'fixed', status: 'open', lat: 29.6, lon: 115.8, desks: 2, staffedDesks: 2, pooling: '10:1',
	queueLength, queueAt: null, tubesToday, peopleToday, boxesToday: 0
});

describe('a wall’s live counts', () => {
	const county = [site('a', 't:城门街道', 40, 300, 30), site('b', 't:城门街道', 10, 100, 10), site('c', 't:沙河街道', 500, 2000, 200)];

	it('sum the sites the wall holds, so a township’s wall counts its own township only', () => {
		expect(scopedCounts(county)).toEqual({ peopleQueueing: 550, peopleSampledToday: 2400, tubesToday: 240 });
		const township = county.filter((each) => each.townshipId === 't:城门街道');
		expect(scopedCounts(township)).toEqual({ peopleQueueing: 50, peopleSampledToday: 400, tubesToday: 40 });
	});

	it('are unknown, not zero, before any site has come', () => {
		expect(scopedCounts([])).toBeUndefined();
	});
});
