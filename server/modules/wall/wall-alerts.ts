/**
 * The wall's alerts as the server derives them: the same rule the page runs (deriveAlerts), over the
 * live store's sites and vehicles and the overview, so the server can keep each alert's first time
 * (alert-first-seen.ts). A township's wall sees its own sites, as its socket does.
 */
import { deriveAlerts, type Alert } from '../../../src/lib/domain/alerts';
import type { SiteEntity, VehicleEntity } from '../../../src/lib/protocol/layers';
import type { WallOverview } from '../../../src/lib/protocol/wall-overview';
import type { LiveStore } from '../../live/live-store';

type OverviewPart = Pick<WallOverview, 'generatedAt' | 'labs' | 'quarantine' | 'transferStops' | 'resultsOverdue' | 'pickupsOverdue' | 'poolPositives'>;

/** With no live store (a node without live layers), only the overview's alerts. */
export async function deriveWallAlerts(store: LiveStore | null, overview: OverviewPart, townshipId: string | null, now: number): Promise<Alert[]> {
	const [sites, vehicles] = store ? await Promise.all([store.snapshot('sites'), store.snapshot('vehicles')]) : [null, null];
	const ownSites = ((sites?.entities ?? []) as SiteEntity[]).filter((site) => !townshipId || site.townshipId === townshipId);
	return deriveAlerts({
		sites: ownSites,
		vehicles: (vehicles?.entities ?? []) as VehicleEntity[],
		labs: overview.labs,
		overdueCheckIns: overview.quarantine.overdueCheckIns,
		overdueByVillage: overview.quarantine.overdueByVillage,
		tests: overview.quarantine.tests,
		fevers: overview.quarantine.fevers,
		transferStops: overview.transferStops,
		resultsOverdue: overview.resultsOverdue,
		pickupsOverdue: overview.pickupsOverdue,
		poolPositives: overview.poolPositives,
		overviewAt: Date.parse(overview.generatedAt),
		now
	});
}
