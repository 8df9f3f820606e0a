/**
 * How a command centre reads a share of the roster sampled (不漏一人, seed 001): one percentage
 * rule for every figure on the wall (the KPI band's 今日采样 and the coverage panel read the same
 * number the same way), and a village's or township's standing against the progress the round
 * expects by now (expectedCoverageBy in coverage.ts), not against the whole day's 100 %: at the
 * round's start nobody sampled is on plan, not behind. Pure.
 */

/**
 * Sampled of registered in percent, one decimal, rounded down: 99.96 % reads 99.9 %, never 100 %
 * while one person on the roster is missing; 100 at most (a resident sampled twice counts once);
 * 0 with nobody registered. Integer arithmetic, so 57 of 100 is 57.0, not 56.9.
 */
export function coveragePercent(sampled: number, registered: number): number {
	if (!(registered > 0) || !(sampled > 0)) return 0;
	if (sampled >= registered) return 100;
	return Math.floor((Math.floor(sampled) * 1000) / registered) / 10;
}

/** The percentage as the wall prints it: "57.3%", "100%". */
export function coveragePercentText(sampled: number, registered: number): string {
	return `${coveragePercent(sampled, registered)}%`;
}

/**
 * A share in the wall's percent text (the target tick's title, a bar's width): the same rounding
 * down as coveragePercent, for a 0–1 share rather than two counts.
 */
export function sharePercentText(share: number): string {
	const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
	return `${Math.floor(Math.round(clamped * 100_000) / 100) / 10}%`;
}

/**
 * Where a village stands against the round's expected progress by now:
 * - `not_due`: nobody sampled yet, and that is not behind: nothing is expected yet (before the
 *   round's sampling has begun), or no more than the grace below: not behind, not ahead, nothing
 *   to colour;
 * - `on_track`: at or near the expected share: short of it by at most a tenth of it, or by up to
 *   STANDING_GRACE points early in the round (the grace shrinks to none as the deadline nears);
 * - `behind`: short of that, but past half of the expected share;
 * - `far_behind`: under half of the expected share.
 * With the whole day expected (the round's deadline reached, expected 1) the bands are the
 * absolute ones a finished round is judged by: under 50 %, under 90 %, from 90 %.
 */
export type CoverageStanding = 'not_due' | 'on_track' | 'behind' | 'far_behind';

/** Points of coverage a village may trail the straight line by and still be on plan (households come in groups, not evenly). */
export const STANDING_GRACE = 0.05;

/**
 * `coverage` and `expected` are 0–1 shares; `expected` null means no round is known to have begun
 * (nobody sampled today and no round declared): nothing is due yet.
 */
export function coverageStanding(coverage: number, expected: number | null): CoverageStanding {
	const due = expected === null || !Number.isFinite(expected) ? 0 : Math.min(1, Math.max(0, expected));
	const share = Number.isFinite(coverage) ? Math.max(0, coverage) : 0;
	if (share >= due - Math.max(0.1 * due, STANDING_GRACE * (1 - due))) return share > 0 ? 'on_track' : 'not_due';
	if (share >= 0.5 * due) return 'behind';
	return 'far_behind';
}
