/**
 * What a township-scoped socket may see of a layer: only its own township's sites. Sequence
 * numbers are kept, so a filtered delta (even an empty one) still proves the client missed nothing.
 * Removals carry only ids and go to everyone: removing an id one never had is harmless.
 */
import type { Delta, LayerName, SiteEntity, Snapshot } from '../../src/lib/protocol/index';

const inTownship = (townshipId: string) => (entity: unknown) => (entity as SiteEntity).townshipId === townshipId;

export function deltaForTownship<L extends LayerName>(delta: Delta<L>, townshipId: string): Delta<L> {
	if (delta.layer !== 'sites') return delta;
	return { ...delta, upserts: delta.upserts.filter(inTownship(townshipId)) };
}

export function snapshotForTownship<L extends LayerName>(snapshot: Snapshot<L>, townshipId: string | null): Snapshot<L> {
	if (!townshipId || snapshot.layer !== 'sites') return snapshot;
	return { ...snapshot, entities: snapshot.entities.filter(inTownship(townshipId)) };
}
