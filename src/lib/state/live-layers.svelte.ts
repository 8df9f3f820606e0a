/**
 * The browser's copy of the live layers. Created per page tree (not a module singleton); only
 * the realtime client writes it, through intent-named methods.
 */
import type { Delta, KpiEntity, LayerEntities, LayerName, SiteEntity, Snapshot, VehicleEntity } from '$lib/protocol';
import { judgeDelta, type DeltaVerdict } from './layer-sync';

export class LiveLayers {
	#sites = $state.raw(new Map<string, SiteEntity>());
	#vehicles = $state.raw(new Map<string, VehicleEntity>());
	#kpis = $state.raw(new Map<string, KpiEntity>());
	#seq: Record<LayerName, number | null> = { sites: null, vehicles: null, kpis: null };

	get sites(): ReadonlyMap<string, SiteEntity> {
		return this.#sites;
	}
	get vehicles(): ReadonlyMap<string, VehicleEntity> {
		return this.#vehicles;
	}
	get kpi(): KpiEntity | undefined {
		return this.#kpis.values().next().value;
	}

	applySnapshot(snapshot: Snapshot): void {
		this.#seq[snapshot.layer] = snapshot.seq;
		this.#set(snapshot.layer, new Map(snapshot.entities.map((entity) => [entity.id, entity])));
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
		this.#seq = { sites: null, vehicles: null, kpis: null };
	}

	#get(layer: LayerName): Map<string, LayerEntities[LayerName]> {
		return layer === 'sites' ? this.#sites : layer === 'vehicles' ? this.#vehicles : this.#kpis;
	}

	#set(layer: LayerName, entities: Map<string, LayerEntities[LayerName]>): void {
		if (layer === 'sites') this.#sites = entities as Map<string, SiteEntity>;
		else if (layer === 'vehicles') this.#vehicles = entities as Map<string, VehicleEntity>;
		else this.#kpis = entities as Map<string, KpiEntity>;
	}
}
