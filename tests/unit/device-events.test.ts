import { describe, expect, it } from 'vitest';
import { checkDeviceEvent, ingestBatch } from '../../src/lib/protocol/index';
import { box, labCounts, position, queue } from '../fixtures/events';

const now = Date.parse('2026-11-23T02:00:00Z');
const at = '2026-11-23T09:59:30+08:00';

function reasonOf(raw: unknown): string {
	const check = checkDeviceEvent(raw, now);
	if (check.ok) throw new Error('expected a rejection');
	return check.reason;
}

describe('checkDeviceEvent', () => {
	it('accepts a courier position and defaults its coordinate system to WGS-84', () => {
		const { crs: _crs, ...withoutCrs } = position({ at });
		const check = checkDeviceEvent(withoutCrs, now);
		expect(check.ok).toBe(true);
		if (check.ok && check.event.type === 'courier.position') expect(check.event.crs).toBe('wgs84');
	});

	it('accepts a queue reading and a sealed box', () => {
		expect(checkDeviceEvent(queue({ at }), now).ok).toBe(true);
		expect(checkDeviceEvent(box({ at }), now).ok).toBe(true);
	});

	it('refuses an unknown event type and says which types exist', () => {
		expect(reasonOf({ ...queue({ at }), type: 'site.teleport' })).toMatch(/^type: .*courier\.position, site\.queue, site\.box_sealed, site\.status, lab\.counts, box\.picked_up, box\.received/);
	});

	it('accepts a lab\'s running totals, and refuses more tested than received', () => {
		expect(checkDeviceEvent(labCounts({ at }), now).ok).toBe(true);
		expect(reasonOf(labCounts({ at, receivedTubes: 10, testedTubes: 11 }))).toBe('testedTubes: testedTubes must be ≤ receivedTubes');
		expect(reasonOf(labCounts({ at, receivedTubes: -1, testedTubes: 0 }))).toMatch(/^receivedTubes: /);
	});

	it('refuses an event without an id, naming the field', () => {
		const { id: _id, ...withoutId } = queue({ at });
		expect(reasonOf(withoutId)).toBe('id: is required');
	});

	it('refuses ids that are too short or carry odd characters', () => {
		expect(reasonOf(queue({ at, id: 'short' }))).toMatch(/^id: must be 8–64 characters/);
		expect(reasonOf(queue({ at, id: 'has spaces in it' }))).toMatch(/^id: may use only/);
	});

	it('refuses coordinates out of range, infinite or not numbers', () => {
		expect(reasonOf(position({ at, lat: 91 }))).toMatch(/^lat: lat must be within -90\.\.90/);
		expect(reasonOf(position({ at, lon: -181 }))).toMatch(/^lon: /);
		expect(reasonOf(position({ at, lat: Infinity }))).toMatch(/^lat: /);
		expect(reasonOf(position({ at, lat: Number.NaN }))).toMatch(/^lat: /);
		expect(reasonOf({ ...position({ at }), lon: '115.8' })).toMatch(/^lon: /);
	});

	it('refuses an unknown coordinate system', () => {
		expect(reasonOf({ ...position({ at }), crs: 'mercator' })).toMatch(/^crs: crs must be one of wgs84, gcj02, bd09, cgcs2000/);
	});

	it('refuses a time more than five minutes in the future, and says to check the clock', () => {
		expect(reasonOf(queue({ at: '2026-11-23T10:06:00+08:00' }))).toMatch(/^at: .*future; check the device clock/);
		expect(checkDeviceEvent(queue({ at: '2026-11-23T10:04:00+08:00' }), now).ok).toBe(true);
	});

	it('refuses a time without a zone and a time more than a week old', () => {
		expect(reasonOf(queue({ at: '2026-11-23 10:00:00' }))).toMatch(/^at: must be an ISO 8601 time with a zone/);
		expect(reasonOf(queue({ at: '2026-11-01T10:00:00+08:00' }))).toMatch(/^at: .*more than 7 days old/);
	});

	it('refuses a negative or fractional queue length', () => {
		expect(reasonOf(queue({ at, queueLength: -1 }))).toMatch(/^queueLength: /);
		expect(reasonOf(queue({ at, queueLength: 2.5 }))).toMatch(/^queueLength: queueLength must be a whole number/);
	});

	it('refuses a box with fewer people than tubes or an unknown pooling', () => {
		expect(reasonOf(box({ at, tubes: 20, people: 10 }))).toMatch(/^people: people must be ≥ tubes/);
		expect(reasonOf({ ...box({ at }), pooling: '50:1' })).toMatch(/^pooling: /);
	});

	it('returns the id of a refused event when it has one, so the device can match the answer', () => {
		const check = checkDeviceEvent({ ...queue({ at, id: 'tablet-1-000123' }), queueLength: -5 }, now);
		expect(check).toMatchObject({ ok: false, id: 'tablet-1-000123' });
		expect(checkDeviceEvent('not an object', now)).toMatchObject({ ok: false, id: null, reason: expect.stringMatching(/^event: /) });
	});
});

describe('ingestBatch', () => {
	it('needs a non-empty events array of at most 1000', () => {
		expect(ingestBatch.safeParse({ events: [{}] }).success).toBe(true);
		expect(ingestBatch.safeParse({ events: [] }).success).toBe(false);
		expect(ingestBatch.safeParse({ events: 'x' }).success).toBe(false);
		expect(ingestBatch.safeParse({ events: new Array(1001).fill({}) }).success).toBe(false);
		expect(ingestBatch.safeParse({}).success).toBe(false);
	});
});
