/**
 * The browser's copy of the live layers. Created per page tree (not a module singleton); only
 * the realtime client writes it, through intent-named methods. The dispatcher's layers (runs,
 * transfers) stay empty for a socket whose role may not see them.
 */
import type { Delta, DeskSignalEntity, KpiEntity, LayerEntities, LayerName, RunEntity, SiteEntity, Snapshot, TransferEntity, VehicleEntity } from '$lib/protocol';
import { judgeDelta, type DeltaVerdict } from './layer-sync';

const NO_SEQUENCES = (): Record<LayerName, number | null> => ({ sites: null, vehicles: null, kpis: null, runs: null, transfers: null, desk: null });

export class LiveLayers {
	// One field a layer, so that a vehicles delta does not wake what reads only the sites.
	#sites = $state.raw(new Map<string, SiteEntity>());
	#vehicles = $state.raw(new Map<string, VehicleEntity>());
	#kpis = $state.raw(new Map<string, KpiEntity>());
	#runs = $state.raw(new Map<string, RunEntity>());
	#transfers = $state.raw(new Map<string, TransferEntity>());
	#desk = $state.raw(new Map<string, DeskSignalEntity>());
	#seq = NO_SEQUENCES();
	/** Snapshots taken so far, per layer: a page re-reads what it derives from a layer whenever that layer is taken whole again (a connect, a reconnect, a gap). */
	#snapshots = $state<Record<LayerName, number>>({ sites: 0, vehicles: 0, kpis: 0, runs: 0, transfers: 0, desk: 0 });

	get sites(): ReadonlyMap<string, SiteEntity> {
		return this.#sites;
	}
	get vehicles(): ReadonlyMap<string, VehicleEntity> {
		return this.#vehicles;
	}
	get kpi(): KpiEntity | undefined {
		return this.#kpis.values().next().value;
	}
	/** Accepted pickup runs still open (dispatchers only). */
	get runs(): ReadonlyMap<string, RunEntity> {
		return this.#runs;
	}
	/** Closed-loop transfer tasks, open or closed in the last day (dispatchers only). */
	get transfers(): ReadonlyMap<string, TransferEntity> {
		return this.#transfers;
	}

	/** The quarantine desk's signal (desk viewers only): it changes whenever a desk event is applied. */
	get desk(): DeskSignalEntity | undefined {
		return this.#desk.values().next().value;
	}

	snapshotsOf(layer: LayerName): number {
		return this.#snapshots[layer];
	}

	applySnapshot(snapshot: Snapshot): void {
		this.#seq[snapshot.layer] = snapshot.seq;
		this.#set(snapshot.layer, new Map(snapshot.entities.map((entity) => [entity.id, entity])));
		this.#snapshots[snapshot.layer]++;
	}

	/** Applies a delta if it follows the current state; 'gap' tells the caller to fetch a snapshot. */
	applyDelta(delta: Delta): DeltaVerdict {
		const verdict = judgeDelta(this.#seq[delta.layer], delta.seq);
		if (verdict !== 'apply') return verdict;
		const next = new Map<string, LayerEntities[LayerName]>(this.#get(delta.layer));
		for (const entity of delta.upserts) next.set(entity.id, entity);
		for (const id of delta.removes) next.delete(id);
		this.#seq[delta.layer] = delta.seq;
		this.#set(delta.layer, next);
		return 'apply';
	}

	/** Forget the sequence of every layer: after a reconnect only a snapshot is trusted. */
	expectSnapshots(): void {
		this.#seq = NO_SEQUENCES();
	}

	#get(layer: LayerName): Map<string, LayerEntities[LayerName]> {
		return { sites: this.#sites, vehicles: this.#vehicles, kpis: this.#kpis, runs: this.#runs, transfers: this.#transfers, desk: this.#desk }[layer];
	}

	#set(layer: LayerName, entities: Map<string, LayerEntities[LayerName]>): void {
		if (layer === 'sites') this.#sites = entities as Map<string, SiteEntity>;
		else if (layer === 'vehicles') this.#vehicles = entities as Map<string, VehicleEntity>;
		else if (layer === 'kpis') this.#kpis = entities as Map<string, KpiEntity>;
		else if (layer === 'runs') this.#runs = entities as Map<string, RunEntity>;
		else if (layer === 'transfers') this.#transfers = entities as Map<string, TransferEntity>;
		else this.#desk = entities as Map<string, DeskSignalEntity>;
	}
}
