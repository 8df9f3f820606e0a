/** The ids of a Traccar Client tracker's fixes: within the 64 characters ingest allows, and never shared. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDeviceEvent } from '../../src/lib/protocol/index';
import { osmandDeviceId, osmandEventId, osmandPositionEvent } from '../../server/ingest/osmand-event';

const trackerId = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/);
const time = fc.integer({ min: 0, max: 8.64e15 });

describe('OsmAnd event ids', () => {
	it('keeps the readable forms while they fit', () => {
		expect(osmandEventId('860000000000001', 1795399200000)).toBe('osmand:860000000000001:1795399200000');
		expect(osmandDeviceId('d'.repeat(57))).toBe(`osmand:${'d'.repeat(57)}`);
		expect(osmandDeviceId('d'.repeat(58))).toMatch(/^osmandh:[A-Za-z0-9_-]{22}$/);
	});

	it('gives every tracker and fix time its own id, at most 64 characters, whatever the id length', () => {
		fc.assert(
			fc.property(trackerId, time, trackerId, time, (a, at, b, bt) => {
				for (const id of [osmandEventId(a, at), osmandDeviceId(a)]) expect(id.length).toBeLessThanOrEqual(64);
				if (a !== b || at !== bt) expect(osmandEventId(a, at)).not.toBe(osmandEventId(b, bt));
				if (a !== b) expect(osmandDeviceId(a)).not.toBe(osmandDeviceId(b));
			}),
			{ seed: 20_261_130, numRuns: 5000 }
		);
		// The cases the cut ids lost: one long tracker's fixes 30 s apart, and two trackers sharing a long prefix.
		const long = 'L'.repeat(50);
		expect(new Set([0, 1, 2, 3].map((step) => osmandEventId(long, 1795399200000 + step * 30_000))).size).toBe(4);
		expect(osmandEventId(`${'P'.repeat(60)}-a`, 1)).not.toBe(osmandEventId(`${'P'.repeat(60)}-b`, 1));
	});

	it('makes an event the device schema accepts from a fix of a 64-character tracker', () => {
		const fix = { deviceId: 'z'.repeat(64), lat: 29.65, lon: 115.85, at: Date.parse('2026-11-23T02:00:00Z') };
		expect(checkDeviceEvent(osmandPositionEvent(fix, 'courier-1'), fix.at)).toMatchObject({ ok: true });
	});
});
