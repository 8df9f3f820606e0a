/** `npm run eval:coverage`'s core on a short seeded day: the replay and the forecast it scores. */
import { describe, expect, it } from 'vitest';
import { replayCoverageDay } from '../../scripts/coverage-day';

describe('replayCoverageDay', () => {
	it('replays two sites’ roster day and scores the forecast at each checkpoint against the last member sampled', () => {
		const day = replayCoverageDay({ seed: 7, siteIds: ['site-baifan', 'site-tongkuang'], checkpoints: ['10:00', '14:00'], hours: 14 });
		const again = replayCoverageDay({ seed: 7, siteIds: ['site-baifan', 'site-tongkuang'], checkpoints: ['10:00', '14:00'], hours: 14 });
		expect(again).toEqual(day);
		// 1–3 % of the registered are never sampled (away, refusing): the gap list is not empty.
		const gap = 1 - day.sampled / day.registered;
		expect(gap).toBeGreaterThan(0.005);
		expect(gap).toBeLessThan(0.04);
		expect(day.checkpoints.map((each) => each.at)).toEqual(['10:00', '14:00']);
		for (const each of day.checkpoints) {
			expect(Number.isFinite(each.forecastFinishAt)).toBe(true);
			expect(each.errorMin).toBe(Math.round((each.forecastFinishAt - day.actualFinishAt) / 60_000));
		}
		// The last member is sampled in the evening, not at the cut-off of the replay.
		expect(day.actualFinishAt).toBeLessThan(day.roundStart + 14 * 3_600_000 - 60_000);
	});
});
