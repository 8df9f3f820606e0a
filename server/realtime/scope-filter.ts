/**
 * What a township-scoped socket may see of a layer: only its own township's sites, and of the
 * KPIs' fever villages only its own villages. Sequence numbers are kept, so a filtered delta (even
 * an empty one) still proves the client missed nothing.
 * Removals carry only ids and go to everyone: removing an id one never had is harmless.
 */
import type { Delta, KpiEntity, LayerName, SiteEntity, Snapshot } from '../../src/lib/protocol/index';

const inTownship = (townshipId: string) => (entity: unknown) => (entity as SiteEntity).townshipId === townshipId;

/** Village ids are `v:<township>/<village>` and township ids `t:<township>`. */
const villageOfTownship = (townshipId: string) => (villageId: string) => villageId.startsWith(`v:${townshipId.replace(/^t:/, '')}/`);

function kpiForTownship(kpi: KpiEntity, townshipId: string): KpiEntity {
	if (!kpi.fevers) return kpi;
	const ours = villageOfTownship(townshipId);
	return { ...kpi, fevers: kpi.fevers.filter((fever) => ours(fever.villageId)) };
}

function entitiesForTownship(layer: LayerName, entities: unknown[], townshipId: string): unknown[] {
	if (layer === 'sites') return entities.filter(inTownship(townshipId));
	if (layer === 'kpis') return (entities as KpiEntity[]).map((kpi) => kpiForTownship(kpi, townshipId));
	return entities;
}

/**
 * The layers a township's socket sees only part of here; the vehicles it sees only within its
 * township's extent, which needs the hub's memory of the sites (township-vehicles.ts).
 */
export const TOWNSHIP_FILTERED_LAYERS: ReadonlySet<LayerName> = new Set<LayerName>(['sites', 'kpis']);

export function deltaForTownship<L extends LayerName>(delta: Delta<L>, townshipId: string): Delta<L> {
	if (!TOWNSHIP_FILTERED_LAYERS.has(delta.layer)) return delta;
	return { ...delta, upserts: entitiesForTownship(delta.layer, delta.upserts, townshipId) as Delta<L>['upserts'] };
}

export function snapshotForTownship<L extends LayerName>(snapshot: Snapshot<L>, townshipId: string | null): Snapshot<L> {
	if (!townshipId || !TOWNSHIP_FILTERED_LAYERS.has(snapshot.layer)) return snapshot;
	return { ...snapshot, entities: entitiesForTownship(snapshot.layer, snapshot.entities, townshipId) as Snapshot<L>['entities'] };
}
