/**
 * Builds a layer's GeoJSON incrementally: an entity whose object is the same as last time (the
 * live layers replace only what a delta changed) and whose derived state (e.g. "silent") has not
 * changed keeps its feature, so an update costs what changed, not the whole layer. What changed
 * comes back as a MapLibre source diff, sent to the worker instead of the whole collection.
 * Given an `epoch` (what the derived state depends on besides the entity, e.g. the clock), the
 * derived state of an unchanged entity is only looked at again when the epoch changed: a delta
 * then costs a pass of identity checks, not one of Date.parse over 10,000 vehicles.
 */
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Past this share of features changed, replacing the data is cheaper than a diff. */
export const DIFF_MAX_SHARE = 0.3;

export interface LayerUpdate {
	/** Built when read (the whole layer: only a replacement needs it). */
	readonly collection: FeatureCollection;
	/** Null when the source should be replaced whole (first time, or most features changed). */
	diff: GeoJSONSourceDiff | null;
}

export class FeatureCache<E> {
	#previous = new Map<string, { entity: E; derived: string; feature: Feature }>();
	#idOf: (entity: E) => string;
	#build: (entity: E) => Feature | null;
	#derived: (entity: E) => string;
	#epoch: readonly unknown[] | null = null;

	constructor({ idOf, build, derived = () => '' }: { idOf: (entity: E) => string; build: (entity: E) => Feature | null; derived?: (entity: E) => string }) {
		this.#idOf = idOf;
		this.#build = build;
		this.#derived = derived;
	}

	update(entities: Iterable<E>, epoch?: readonly unknown[]): LayerUpdate {
		const sameEpoch = epoch !== undefined && this.#epoch !== null && epoch.length === this.#epoch.length && epoch.every((value, index) => value === this.#epoch![index]);
		this.#epoch = epoch ?? null;
		const next = new Map<string, { entity: E; derived: string; feature: Feature }>();
		const added: Feature[] = [];
		const changed: Feature[] = [];
		const removed: string[] = [];
		const first = this.#previous.size === 0;
		for (const entity of entities) {
			const id = this.#idOf(entity);
			const before = this.#previous.get(id);
			if (sameEpoch && before && before.entity === entity) {
				next.set(id, before);
				continue;
			}
			const derived = this.#derived(entity);
			if (before && before.entity === entity && before.derived === derived) {
				next.set(id, before);
				continue;
			}
			const feature = this.#build(entity);
			// An entity with nothing to draw (a vehicle before its first fix) is left out, and removed if it was drawn.
			if (!feature) continue;
			next.set(id, { entity, derived, feature });
			(before ? changed : added).push(feature);
		}
		for (const id of this.#previous.keys()) if (!next.has(id)) removed.push(id);
		this.#previous = next;
		let built: FeatureCollection | null = null;
		const whole = {
			get collection(): FeatureCollection {
				built ??= { type: 'FeatureCollection', features: Array.from(next.values(), (entry) => entry.feature) };
				return built;
			}
		};
		const touched = added.length + changed.length + removed.length;
		if (first || touched > Math.max(1, next.size) * DIFF_MAX_SHARE) return Object.assign(whole, { diff: null });
		return Object.assign(whole, {
			diff: {
				add: added,
				remove: removed,
				update: changed.map((feature) => ({
					id: feature.id!,
					newGeometry: feature.geometry as Geometry,
					addOrUpdateProperties: Object.entries(feature.properties ?? {}).map(([key, value]) => ({ key, value }))
				}))
			}
		});
	}
}
