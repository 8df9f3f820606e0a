/**
 * A live layer's GeoJSON source updated at most once per `everyMs`, whatever the rate of deltas:
 * a megacity's wall gets ten vehicle deltas a second (each a tenth of the fleet) and as many for
 * the sites, and each MapLibre update re-indexes the whole source in the worker and re-lays its
 * tiles on the main thread. Coalesced, the pass over the entities (FeatureCache) and the diff
 * happen once per update, not once per delta, and a vehicle still moves once per fix.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCache } from './feature-cache';
import { timedMapUpdate } from './update-timing';

/** Runs `flush` with the latest of what `changed` was given, at most once per `everyMs`. */
export class Coalescer<T> {
	#everyMs: number;
	#flush: (latest: T) => void;
	#latest: { value: T } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#lastAt = -Infinity;

	constructor(everyMs: number, flush: (latest: T) => void) {
		this.#everyMs = everyMs;
		this.#flush = flush;
	}

	changed(value: T): void {
		this.#latest = { value };
		if (this.#timer !== null) return;
		this.#timer = setTimeout(() => this.#run(), Math.max(0, this.#lastAt + this.#everyMs - performance.now()));
	}

	#run(): void {
		this.#timer = null;
		const latest = this.#latest;
		if (!latest) return;
		this.#latest = null;
		this.#lastAt = performance.now();
		this.#flush(latest.value);
	}

	destroy(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.#latest = null;
	}
}

export class CoalescedSource<E> {
	#coalescer: Coalescer<{ entities: () => Iterable<E>; epoch: readonly unknown[] }>;

	/** `layer`: the live layer whose deltas it carries (the bench shares its time among them). */
	constructor({ map, source, layer, cache, everyMs }: { map: MapLibreMap; source: string; layer: string; cache: FeatureCache<E>; everyMs: number }) {
		this.#coalescer = new Coalescer(everyMs, (latest) => {
			const target = map.getSource(source) as GeoJSONSource | undefined;
			if (!target) return;
			timedMapUpdate(() => {
				const update = cache.update(latest.entities(), latest.epoch);
				// Nothing changed that is drawn: no worker round, no tiles re-laid (the pass itself still counts).
				if (update.diff && !update.diff.add?.length && !update.diff.remove?.length && !update.diff.update?.length) return;
				if (update.diff) target.updateData(update.diff);
				else target.setData(update.collection);
			}, layer);
		});
	}

	/** The entities changed (or what their look depends on, the epoch): update the map soon. */
	changed(entities: () => Iterable<E>, epoch: readonly unknown[]): void {
		this.#coalescer.changed({ entities, epoch });
	}

	destroy(): void {
		this.#coalescer.destroy();
	}
}
