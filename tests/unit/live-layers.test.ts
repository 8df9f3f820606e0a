import { describe, expect, it } from 'vitest';
import { judgeDelta } from '../../src/lib/state/layer-sync';
import { LiveLayers } from '../../src/lib/state/live-layers.svelte';
import type { SiteEntity } from '../../src/lib/protocol/index';

const site = (queueLength: number): SiteEntity => ({
	id: 's1', name: '白畈村采样点', townshipId: 't:城门街道', kind: 'fixed', status: 'open', lat: 29.66, lon: 115.83, desks: 2, staffedDesks: 2, pooling: '10:1', queueLength, queueAt: null, tubesToday: 0, peopleToday: 0, boxesToday: 0
});

describe('judgeDelta', () => {
	it('applies the next delta, ignores old ones and flags a jump as a gap', () => {
		expect(judgeDelta(5, 6)).toBe('apply');
		expect(judgeDelta(5, 5)).toBe('ignore');
		expect(judgeDelta(5, 3)).toBe('ignore');
		expect(judgeDelta(5, 8)).toBe('gap');
	});

	it('ignores deltas that arrive before the first snapshot', () => {
		expect(judgeDelta(null, 1)).toBe('ignore');
	});
});

describe('LiveLayers', () => {
	it('applies a snapshot and then the deltas that follow it', () => {
		const layers = new LiveLayers();
		layers.applySnapshot({ layer: 'sites', seq: 3, entities: [site(10)] });
		expect(layers.applyDelta({ layer: 'sites', seq: 4, upserts: [site(25)], removes: [] })).toBe('apply');
		expect(layers.sites.get('s1')!.queueLength).toBe(25);
	});

	it('reports a gap and keeps its state when a delta was missed, until a snapshot heals it', () => {
		const layers = new LiveLayers();
		layers.applySnapshot({ layer: 'sites', seq: 3, entities: [site(10)] });
		expect(layers.applyDelta({ layer: 'sites', seq: 6, upserts: [site(99)], removes: [] })).toBe('gap');
		expect(layers.sites.get('s1')!.queueLength).toBe(10);
		layers.applySnapshot({ layer: 'sites', seq: 6, entities: [site(99)] });
		expect(layers.applyDelta({ layer: 'sites', seq: 7, upserts: [], removes: ['s1'] })).toBe('apply');
		expect(layers.sites.size).toBe(0);
	});

	it('trusts nothing but a snapshot after a reconnect', () => {
		const layers = new LiveLayers();
		layers.applySnapshot({ layer: 'sites', seq: 3, entities: [site(10)] });
		layers.expectSnapshots();
		expect(layers.applyDelta({ layer: 'sites', seq: 4, upserts: [site(11)], removes: [] })).toBe('ignore');
	});
});
