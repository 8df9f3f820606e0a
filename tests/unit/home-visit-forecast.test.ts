/** Home visits (上门采样) by the township's door-to-door teams, beside the sites: when each village's are done. */
import { describe, expect, it } from 'vitest';
import { homeVisitFinishes } from '../../src/lib/domain/home-visit-forecast';

const now = Date.parse('2026-11-30T14:00:00+08:00');
const at = (minutes: number) => now + minutes * 60_000;

describe('homeVisitFinishes', () => {
	it('the open routes are the teams; a township’s villages share them in order', () => {
		const finishes = homeVisitFinishes([
			{ villageId: 'baifan', townshipId: 'chengmen', visits: 8 },
			{ villageId: 'baihe', townshipId: 'chengmen', visits: 4 },
			{ villageId: 'mine', townshipId: 'kuangqu', visits: 3 }
		], now, { chengmen: 2, kuangqu: 1 });
		// 8 × 15 min / 2 teams = 60 min; then 4 more: 90 min. The mine's one team: 45 min.
		expect(finishes).toEqual(new Map([['baifan', at(60)], ['baihe', at(90)], ['mine', at(45)]]));
	});

	it('before any route is out, one team per 12 people to visit: a township’s visits take about a trip, however many', () => {
		// 30 to visit: 3 teams, 150 minutes; 445 (the demo county in one township) would be 38 teams, under 3 h.
		expect(homeVisitFinishes([{ villageId: 'baifan', townshipId: 'chengmen', visits: 30 }], now).get('baifan')).toBe(at(150));
		expect(homeVisitFinishes([{ villageId: 'baifan', townshipId: 'chengmen', visits: 445 }], now).get('baifan')!).toBeLessThanOrEqual(at(180));
		// Routes recorded as 0 (all done) fall back to the rule as well.
		expect(homeVisitFinishes([{ villageId: 'baifan', townshipId: 'chengmen', visits: 6 }], now, { chengmen: 0 }).get('baifan')).toBe(at(90));
	});

	it('villages with nobody left to visit are not listed', () => {
		expect(homeVisitFinishes([{ villageId: 'baifan', townshipId: 'chengmen', visits: 0 }], now).size).toBe(0);
	});
});
