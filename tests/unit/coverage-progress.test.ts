/** The wall's one percentage rule, and a village's standing against the round's expected progress. */
import { describe, expect, it } from 'vitest';
import { coveragePercent, coveragePercentText, coverageStanding, sharePercentText } from '../../src/lib/domain/coverage-progress';
import { expectedCoverageBy } from '../../src/lib/domain/coverage';

describe('coveragePercent', () => {
	it('is one decimal, rounded down, so nobody missing ever reads as done', () => {
		expect(coveragePercent(27_399, 27_400)).toBe(99.9);
		expect(coveragePercent(155, 28_151)).toBe(0.5);
		expect(coveragePercent(1, 3)).toBe(33.3);
		expect(coveragePercent(2, 3)).toBe(66.6);
	});

	it('reads exact shares exactly (57 of 100 is 57, not 56.9)', () => {
		expect(coveragePercent(57, 100)).toBe(57);
		expect(coveragePercent(29, 100)).toBe(29);
		expect(coveragePercent(13_700, 27_400)).toBe(50);
	});

	it('is 100 at most and 0 with nobody registered or sampled', () => {
		expect(coveragePercent(27_400, 27_400)).toBe(100);
		expect(coveragePercent(30_000, 27_400)).toBe(100);
		expect(coveragePercent(5, 0)).toBe(0);
		expect(coveragePercent(0, 10)).toBe(0);
	});

	it('prints the same figure for the same counts, as the KPI band and the coverage panel do', () => {
		expect(coveragePercentText(155, 28_151)).toBe('0.5%');
		expect(coveragePercentText(18_580, 28_151)).toBe('66%');
	});
});

describe('sharePercentText', () => {
	it('rounds a 0–1 share down to one decimal, within 0–100 %', () => {
		expect(sharePercentText(0.573)).toBe('57.3%');
		expect(sharePercentText(0.9999)).toBe('99.9%');
		expect(sharePercentText(0.57)).toBe('57%');
		expect(sharePercentText(1.2)).toBe('100%');
		expect(sharePercentText(-0.1)).toBe('0%');
		expect(sharePercentText(Number.NaN)).toBe('0%');
	});
});

describe('coverageStanding', () => {
	const start = Date.UTC(2026, 11, 1, 1, 0);
	const deadline = start + 24 * 3_600_000;

	it('at the round’s start nobody sampled is not behind: nothing is due, so nothing is coloured', () => {
		expect(coverageStanding(0, expectedCoverageBy(start, start, deadline))).toBe('not_due');
		expect(coverageStanding(0, expectedCoverageBy(start - 3_600_000, start, deadline))).toBe('not_due');
		expect(coverageStanding(0, null)).toBe('not_due');
		expect(coverageStanding(0.01, 0)).toBe('on_track');
	});

	it('early in the round a village a few points short of the line is not red: on track once begun, else not yet due', () => {
		const anHourIn = expectedCoverageBy(start + 3_600_000, start, deadline);
		expect(coverageStanding(0.01, anHourIn)).toBe('on_track');
		expect(coverageStanding(0, anHourIn)).toBe('not_due');
		// Past the grace, nobody sampled is behind.
		expect(coverageStanding(0, expectedCoverageBy(start + 3 * 3_600_000, start, deadline))).toBe('far_behind');
	});

	it('compares with the progress expected by now, not with the whole day', () => {
		// Half-way through the round, 45 % sampled is on plan (the absolute bands called it red).
		expect(coverageStanding(0.45, 0.5)).toBe('on_track');
		expect(coverageStanding(0.3, 0.5)).toBe('behind');
		expect(coverageStanding(0.2, 0.5)).toBe('far_behind');
		expect(coverageStanding(0, 0.5)).toBe('far_behind');
		expect(coverageStanding(0.8, 0.5)).toBe('on_track');
	});

	it('at the deadline the bands are the absolute ones: under 50 %, under 90 %, from 90 %', () => {
		expect([0, 0.4999, 0.5, 0.8999, 0.9, 1].map((coverage) => coverageStanding(coverage, 1))).toEqual(['far_behind', 'far_behind', 'behind', 'behind', 'on_track', 'on_track']);
		expect(coverageStanding(0.5, 1.5)).toBe('behind');
	});
});
