/**
 * The browser's copy of the live layers. Created per page tree (not a module singleton); only
 * the realtime client writes it, through intent-named methods. The dispatcher's layers (runs,
 * transfers) stay empty for a socket whose role may not see them.
 */
import type { Delta, DeskSignalEntity, KpiEntity, LayerEntities, LayerName, RunEntity, SiteEntity, Snapshot, TransferEntity, VehicleEntity } from '$lib/protocol';
import { judgeDelta, type DeltaVerdict } from './layer-sync';

const NO_SEQUENCES = (): Record<LayerName, number | null> => ({ sites: null, vehicles: null, kpis: null, runs: null, transfers: null, desk: null });

export class LiveLayers {
	// One map a layer, changed in place by a delta, with a version a reader depends on: a vehicles
	// delta wakes only what reads the vehicles, and costs what it carries, not a copy of a
	// megacity's 10,000 entries (ten deltas a second on a wall). A snapshot brings a new map.
	#maps: { [L in LayerName]: Map<string, LayerEntities[L]> } = { sites: new Map(), vehicles: new Map(), kpis: new Map(), runs: new Map(), transfers: new Map(), desk: new Map() };
	#versions = $state<Record<LayerName, number>>({ sites: 0, vehicles: 0, kpis: 0, runs: 0, transfers: 0, desk: 0 });
	#seq = NO_SEQUENCES();
	/** Snapshots taken so far, per layer: a page re-reads what it derives from a layer whenever that layer is taken whole again (a connect, a reconnect, a gap). */
	#snapshots = $state<Record<LayerName, number>>({ sites: 0, vehicles: 0, kpis: 0, runs: 0, transfers: 0, desk: 0 });

	get sites(): ReadonlyMap<string, SiteEntity> {
		return this.#read('sites');
	}
	get vehicles(): ReadonlyMap<string, VehicleEntity> {
		return this.#read('vehicles');
	}
	get kpi(): KpiEntity | undefined {
		return this.#read('kpis').values().next().value;
	}
	/** Accepted pickup runs still open (dispatchers only). */
	get runs(): ReadonlyMap<string, RunEntity> {
		return this.#read('runs');
	}
	/** Closed-loop transfer tasks, open or closed in the last day (dispatchers only). */
	get transfers(): ReadonlyMap<string, TransferEntity> {
		return this.#read('transfers');
	}

	/** The quarantine desk's signal (desk viewers only): it changes whenever a desk event is applied. */
	get desk(): DeskSignalEntity | undefined {
		return this.#read('desk').values().next().value;
	}

	snapshotsOf(layer: LayerName): number {
		return this.#snapshots[layer];
	}

	applySnapshot(snapshot: Snapshot): void {
		this.#seq[snapshot.layer] = snapshot.seq;
		(this.#maps as Record<LayerName, Map<string, LayerEntities[LayerName]>>)[snapshot.layer] = new Map(snapshot.entities.map((entity) => [entity.id, entity]));
		this.#versions[snapshot.layer]++;
		this.#snapshots[snapshot.layer]++;
	}

	/** Applies a delta if it follows the current state; 'gap' tells the caller to fetch a snapshot. */
	applyDelta(delta: Delta): DeltaVerdict {
		const verdict = judgeDelta(this.#seq[delta.layer], delta.seq);
		if (verdict !== 'apply') return verdict;
		const entities = this.#maps[delta.layer] as Map<string, LayerEntities[LayerName]>;
		for (const entity of delta.upserts) entities.set(entity.id, entity);
		for (const id of delta.removes) entities.delete(id);
		this.#seq[delta.layer] = delta.seq;
		this.#versions[delta.layer]++;
		return 'apply';
	}

	/** Forget the sequence of every layer: after a reconnect only a snapshot is trusted. */
	expectSnapshots(): void {
		this.#seq = NO_SEQUENCES();
	}

	/** A layer's map, read so that the caller depends on its version (the map itself stays the same object between snapshots). */
	#read<L extends LayerName>(layer: L): Map<string, LayerEntities[L]> {
		void this.#versions[layer];
		return this.#maps[layer];
	}
}
