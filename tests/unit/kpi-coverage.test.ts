/**
 * The KPI band's 今日采样 and the coverage panel measure one thing with a roster, and say so: the
 * reviewer's wall read 84 % in the band (the sites' live counts of the residents) and 66 % in the
 * panel (the roster's members sampled). One figure, one rule; without a roster, a different label.
 */
import { describe, expect, it } from 'vitest';
import { kpiCoverage } from '../../src/lib/components/wall/kpi-coverage';
import { coveragePercentText } from '../../src/lib/domain/coverage-progress';
import type { RoundCoverage, WallOverview } from '../../src/lib/protocol';

const counts = { notYetSampled: 0, doorToDoor: 0, finish: null };
const roundCoverage = (sampled: number, registered: number): RoundCoverage => ({
	day: '2026-12-01', generatedAt: '2026-12-01T03:00:00.000Z', targetAt: null, forecastText: null, villages: [],
	county: { registered, sampled, coverage: sampled / registered, ...counts },
	townships: [{ townshipId: 't:城门街道', name: '城门街道', villages: 10, registered, sampled, coverage: sampled / registered, target: 0.3, ...counts }]
});
const overview = (registeredResidents: number, sampledToday: number) => ({ coverage: { registeredResidents, sampledToday } }) as WallOverview;

describe('kpiCoverage', () => {
	it('with a roster, is the panel’s own counts and percentage, whatever the sites’ live counts say', () => {
		const coverage = roundCoverage(18_580, 28_151);
		// The sites' live counts leave out members sampled at home; a tablet may count people off the roster.
		const figures = kpiCoverage(coverage, { peopleQueueing: 0, peopleSampledToday: 23_647, tubesToday: 0 }, overview(31_000, 23_647));
		expect(figures).toEqual({ basis: 'roster', sampled: 18_580, of: 28_151, percent: '66%' });
		expect(figures.percent).toBe(coveragePercentText(coverage.county.sampled, coverage.county.registered));
	});

	it('before anyone is scanned against the roster today, counts the sites’ people, and says it is that (as the projector does)', () => {
		const nobodyScanned = roundCoverage(0, 28_151);
		expect(kpiCoverage(nobodyScanned, { peopleQueueing: 0, peopleSampledToday: 1_234_567, tubesToday: 0 }, overview(2_345_678, 1_234_567))).toEqual({ basis: 'residents', sampled: 1_234_567, of: 2_345_678, percent: '52.6%' });
	});

	it('without a roster, counts the sites’ people of the residents, and says it is that', () => {
		const noRoster = roundCoverage(0, 0);
		expect(kpiCoverage(noRoster, { peopleQueueing: 0, peopleSampledToday: 2_600, tubesToday: 0 }, overview(31_000, 2_500))).toEqual({ basis: 'residents', sampled: 2_600, of: 31_000, percent: '8.3%' });
		expect(kpiCoverage(null, undefined, overview(31_000, 2_500))).toEqual({ basis: 'residents', sampled: 2_500, of: 31_000, percent: '8%' });
	});

	it('has no percentage before anything is known', () => {
		expect(kpiCoverage(null, undefined, null)).toEqual({ basis: 'residents', sampled: undefined, of: 0, percent: '—%' });
	});
});
