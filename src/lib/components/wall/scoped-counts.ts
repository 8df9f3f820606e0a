/**
 * The live counts of a wall's KPI band, summed over the sites the wall holds. A socket scoped to a
 * township receives only that township's sites (server/realtime/scope-filter.ts) while the `kpis`
 * layer is the county's, so a township's wall reads its own queue, people sampled and tubes here;
 * on a county wall the sum is the county's (the projector's KPIs are the same sums).
 */
import type { SiteEntity } from '../../protocol';

export interface ScopedCounts {
	peopleQueueing: number;
	peopleSampledToday: number;
	tubesToday: number;
}

/** Undefined before the wall has any site (no data is not 0). */
export function scopedCounts(sites: Iterable<SiteEntity>): ScopedCounts | undefined {
	let any = false;
	const counts: ScopedCounts = { peopleQueueing: 0, peopleSampledToday: 0, tubesToday: 0 };
	for (const site of sites) {
		any = true;
		counts.peopleQueueing += site.queueLength;
		counts.peopleSampledToday += site.peopleToday;
		counts.tubesToday += site.tubesToday;
	}
	return any ? counts : undefined;
}
