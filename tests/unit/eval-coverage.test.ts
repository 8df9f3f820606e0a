/** `npm run eval:coverage`'s core on a short seeded day: the replay and the forecast it scores. */
import { describe, expect, it } from 'vitest';
import { replayCoverageDay } from '../../scripts/coverage-day';
import { homeVisitPlan } from '../../scripts/coverage-home-visits';

describe('replayCoverageDay', () => {
	it('replays two sites’ roster day and scores the forecast at each checkpoint against the last member sampled, at a site or at home', () => {
		const day = replayCoverageDay({ seed: 7, siteIds: ['site-baifan', 'site-tongkuang'], checkpoints: ['10:00', '14:00'], hours: 14 });
		const again = replayCoverageDay({ seed: 7, siteIds: ['site-baifan', 'site-tongkuang'], checkpoints: ['10:00', '14:00'], hours: 14 });
		expect(again).toEqual(day);
		// 1–3 % of the registered never come (away, refusing): the gap list is not empty; everyone who comes is sampled.
		const gap = 1 - day.coming / day.registered;
		expect(gap).toBeGreaterThan(0.005);
		expect(gap).toBeLessThan(0.04);
		expect(day.sampled).toBe(day.coming);
		// Those who cannot come (the scenario's 花名册) are visited at home, not at the site.
		expect(day.sampledAtHome).toBeGreaterThan(0);
		expect(day.checkpoints.map((each) => each.at)).toEqual(['10:00', '14:00']);
		for (const each of day.checkpoints) {
			expect(Number.isFinite(each.forecastFinishAt)).toBe(true);
			expect(each.errorMin).toBe(Math.round((each.forecastFinishAt - day.actualFinishAt!) / 60_000));
		}
		// The last member is sampled in the evening, before the replay's end.
		expect(day.actualFinishAt).toBeLessThan(day.replayEnd);
	});

	it('a day cut off before everyone who comes is sampled is not finished: no actual finish, no error, the share sampled', () => {
		const day = replayCoverageDay({ seed: 7, siteIds: ['site-baifan'], checkpoints: ['10:00'], hours: 4 });
		expect(day.actualFinishAt).toBeNull();
		expect(day.sampled).toBeLessThan(day.coming);
		expect(day.checkpoints[0].errorMin).toBeNull();
	});
});

describe('homeVisitPlan', () => {
	it('visits a township’s households in trips of 12, all trips out at once, 20 min a stop', () => {
		const start = Date.parse('2026-11-30T08:00:00+08:00');
		const households = Array.from({ length: 13 }, (_, i) => ({ code: `CM01${String(i).padStart(4, '0')}`, villageId: 'v:城门街道/白畈村', members: [{ code: `CM01${String(i).padStart(4, '0')}-2`, canCome: false }, { code: `CM01${String(i).padStart(4, '0')}-1`, canCome: true }] }));
		const visits = homeVisitPlan([{ siteId: 'site-baifan', households }], start);
		expect(visits).toHaveLength(13);
		expect(new Set(visits.map((visit) => visit.trip))).toEqual(new Set([0, 1]));
		// Only the member who cannot come is visited; the 12th stop of the first trip is done within 12 × 20 + 10 min.
		expect(visits.every((visit) => visit.members === 1 && visit.townshipId === 't:城门街道')).toBe(true);
		expect(Math.max(...visits.map((visit) => visit.at))).toBeLessThanOrEqual(start + 250 * 60_000);
	});
});
