import { EventEmitter } from 'node:events';
import type { Delta, LayerName, Snapshot } from '../../src/lib/protocol/index';
import { LAYERS } from '../../src/lib/protocol/index';
import type { DeltaBus, LiveStore } from './live-store';

type Entity = Snapshot['entities'][number];

export class MemoryLiveStore implements LiveStore {
	#layers = new Map<LayerName, { seq: number; entities: Map<string, Entity> }>(LAYERS.map((layer) => [layer, { seq: 0, entities: new Map() }]));

	async apply(delta: Delta): Promise<void> {
		const layer = this.#layers.get(delta.layer)!;
		for (const entity of delta.upserts) layer.entities.set(entity.id, entity);
		for (const id of delta.removes) layer.entities.delete(id);
		layer.seq = delta.seq;
	}

	async replace(snapshot: Snapshot): Promise<void> {
		this.#layers.set(snapshot.layer, { seq: snapshot.seq, entities: new Map(snapshot.entities.map((entity) => [entity.id, entity])) });
	}

	async snapshot(layer: LayerName): Promise<Snapshot> {
		const stored = this.#layers.get(layer)!;
		return { layer, seq: stored.seq, entities: [...stored.entities.values()] } as Snapshot;
	}

	async close(): Promise<void> {}
}

export class MemoryDeltaBus implements DeltaBus {
	#emitter = new EventEmitter();

	async publish(delta: Delta): Promise<void> {
		this.#emitter.emit('delta', delta);
	}

	subscribe(listener: (delta: Delta) => void): () => void {
		this.#emitter.on('delta', listener);
		return () => this.#emitter.off('delta', listener);
	}

	async close(): Promise<void> {
		this.#emitter.removeAllListeners();
	}
}
