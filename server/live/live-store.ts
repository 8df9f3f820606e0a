import type { Delta, LayerName, Snapshot } from '../../src/lib/protocol/index';

/**
 * The latest state of every live layer with its sequence number. The projector writes it; hubs
 * read snapshots from it. In memory (one process) or in Redis hashes (several nodes).
 */
export interface LiveStore {
	/** Applies a delta and moves the layer to the delta's sequence number. */
	apply(delta: Delta): Promise<void>;
	/** Replaces a whole layer (a projector starting up). */
	replace(snapshot: Snapshot): Promise<void>;
	snapshot(layer: LayerName): Promise<Snapshot>;
	close(): Promise<void>;
}

/** Carries deltas from the projector to every hub. In-process, or Redis pub/sub. */
export interface DeltaBus {
	publish(delta: Delta): Promise<void>;
	subscribe(listener: (delta: Delta) => void): () => void;
	close(): Promise<void>;
}
