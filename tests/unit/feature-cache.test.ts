import { describe, expect, it } from 'vitest';
import { FeatureCache } from '../../src/lib/map/feature-cache';

interface Thing {
	id: string;
	x: number;
	flag?: boolean;
}
const cacheOf = () =>
	new FeatureCache<Thing>({
		idOf: (thing) => thing.id,
		build: (thing) => (thing.x < 0 ? null : { type: 'Feature', id: thing.id, properties: { id: thing.id, x: thing.x }, geometry: { type: 'Point', coordinates: [thing.x, 0] } }),
		derived: (thing) => String(thing.flag ?? false)
	});
const things = (count: number): Thing[] => Array.from({ length: count }, (_, index) => ({ id: `t${index}`, x: index }));

describe('FeatureCache', () => {
	it('replaces the source the first time, then sends only what changed', () => {
		const cache = cacheOf();
		const all = things(10);
		expect(cache.update(all).diff).toBeNull();
		const next = [...all];
		next[3] = { id: 't3', x: 33 };
		const { collection, diff } = cache.update(next);
		expect(collection.features).toHaveLength(10);
		expect(diff).toEqual({ add: [], remove: [], update: [{ id: 't3', newGeometry: { type: 'Point', coordinates: [33, 0] }, addOrUpdateProperties: [{ key: 'id', value: 't3' }, { key: 'x', value: 33 }] }] });
	});
	it('treats the same object with a changed derived state as changed, and the same object otherwise as unchanged', () => {
		const cache = cacheOf();
		const all = things(10);
		cache.update(all);
		expect(cache.update(all).diff).toEqual({ add: [], remove: [], update: [] });
		all[0].flag = true;
		expect(cache.update(all).diff!.update!.map((each) => each.id)).toEqual(['t0']);
	});
	it('with an epoch, looks at the derived state of an unchanged entity only when the epoch changed', () => {
		const cache = cacheOf();
		const all = things(10);
		cache.update(all, [1]);
		all[0].flag = true;
		expect(cache.update(all, [1]).diff!.update).toEqual([]);
		expect(cache.update(all, [2]).diff!.update!.map((each) => each.id)).toEqual(['t0']);
	});
	it('adds new entities, removes gone ones and those with nothing to draw', () => {
		const cache = cacheOf();
		const all = things(20);
		cache.update(all);
		const next = [...all.slice(1), { id: 'new', x: 5 }];
		next[0] = { id: 't1', x: -1 };
		const { diff } = cache.update(next);
		expect(diff!.add!.map((feature) => feature.id)).toEqual(['new']);
		expect(diff!.remove!.sort()).toEqual(['t0', 't1']);
	});
	it('replaces the source when most features changed', () => {
		const cache = cacheOf();
		cache.update(things(10));
		expect(cache.update(things(10).map((thing) => ({ ...thing, x: thing.x + 1 }))).diff).toBeNull();
	});
});
