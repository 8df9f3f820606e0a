/**
 * The KPI band's 今日采样 and its percentage, by the projector's rule (server/pipeline/live-state.ts):
 * once anyone is scanned against the roster (花名册) today, the day's people are the roster's members
 * sampled (at a desk or at home). Then the band and the coverage panel measure one thing, so both
 * read the same RoundCoverage (GET /api/coverage, scoped to the wall) and print it with the one
 * percentage rule (coveragePercent): they cannot disagree. (The sites' live counts, summed, leave
 * out members sampled at home by a mobile team, at no site, so they are not that figure.)
 * Before any scan, or without a roster, the band says something else and its label says so: the
 * tablets' own counts (people sampled at the sites, not checked against a roster) of the residents.
 */
import type { RoundCoverage, WallOverview } from '../../protocol';
import { coveragePercentText } from '../../domain/coverage-progress';
import type { ScopedCounts } from './scoped-counts';

export interface KpiCoverage {
	/** What the figures count: the roster's members sampled, or (no scan today, no roster) the sites' counts of the residents. */
	basis: 'roster' | 'residents';
	sampled: number | undefined;
	/** The denominator: members on the roster, or residents; 0 when unknown. */
	of: number;
	/** "57.3%", or "—%" without a denominator. */
	percent: string;
}

export function kpiCoverage(coverage: RoundCoverage | null, live: ScopedCounts | undefined, overview: WallOverview | null): KpiCoverage {
	const rostered = coverage?.county.registered ?? 0;
	if (coverage && rostered > 0 && coverage.county.sampled > 0) return { basis: 'roster', sampled: coverage.county.sampled, of: rostered, percent: coveragePercentText(coverage.county.sampled, rostered) };
	const sampled = live?.peopleSampledToday ?? overview?.coverage.sampledToday;
	const of = overview?.coverage.registeredResidents ?? 0;
	return { basis: 'residents', sampled, of, percent: of > 0 ? coveragePercentText(sampled ?? 0, of) : '—%' };
}
