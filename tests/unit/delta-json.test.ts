/** The bus writes a delta's JSON from its entities' JSON (made once for the store and the bus): it must read back as the delta. */
import { describe, expect, it } from 'vitest';
import { deltaJson } from '../../server/live/redis-live';
import type { Delta } from '../../src/lib/protocol/index';

describe('deltaJson', () => {
	it('reads back as the delta, entities, removals and all', () => {
		const delta = {
			layer: 'vehicles',
			seq: 42,
			upserts: [
				{ id: 'M-V00001', name: '转运车 "1"', lat: 29.5, lon: 115.9, heading: null, fixAt: '2026-11-30T08:00:00.000Z', note: undefined },
				{ id: 'M-V00002', name: '送样车\n2', lat: -0, lon: 1e-7, heading: 359.5, fixAt: null }
			],
			removes: ['M-V00003']
		} as unknown as Delta;
		expect(JSON.parse(deltaJson(delta))).toEqual(JSON.parse(JSON.stringify(delta)));
	});

	it('writes an empty delta (a township filtered to nothing still proves the sequence)', () => {
		const delta = { layer: 'sites', seq: 7, upserts: [], removes: [] } as unknown as Delta;
		expect(JSON.parse(deltaJson(delta))).toEqual(delta);
	});
});
