/**
 * The canonical content of an event, whose hash Redis keeps for two days to tell a device's resend
 * (same content) from a conflict (other content). Its text must not change from one release to
 * the next, or a resend after an upgrade would be refused as a conflict: it is checked here
 * against the rule written out plainly (every device field of any type, sorted; the time as
 * toISOString writes it; a position's raw reading).
 */
import { describe, expect, it } from 'vitest';
import { eventContent } from '../../server/pipeline/event-log/event-content';
import { normalizeEvent } from '../../server/pipeline/normalized-event';
import { deviceEvent, type DeviceEvent } from '../../src/lib/protocol/index';
import { box, labCounts, position, queue } from '../fixtures/events';

const EVERY_FIELD = [...new Set([...deviceEvent.options.flatMap((schema) => Object.keys(schema.shape)), 'tube', 'householdIds', 'memberCode', 'householdCode'])].sort();

function plainRule(event: DeviceEvent): string {
	const fields: Record<string, unknown> = { ...event, at: new Date(Date.parse(event.at)).toISOString() };
	return JSON.stringify(fields, EVERY_FIELD);
}

const samples: DeviceEvent[] = [
	position({ heading: 90, speedKmh: 31.5 }),
	queue({ queueLength: 12, sampledToday: 300 }),
	box({ pools: [{ tube: 'T-1', householdIds: ['H1', 'H2'] }] }),
	labCounts(),
	{ type: 'site.status', id: 'status-0001', deviceId: 'tablet-site-1', siteId: 'site-0001', at: '2026-11-30T08:00:00.000Z', status: 'paused' } as DeviceEvent,
	{ type: 'site.sampled', id: 'sampled-0001', deviceId: 'tablet-site-1', siteId: 'site-0001', at: '2026-11-30T08:00:00.000Z', samples: [{ tube: 'T-000009', memberCode: 'H0000001-1' }, { tube: 'T-000009', householdCode: 'H0000002' }] } as DeviceEvent
];

describe('eventContent', () => {
	it.each(samples.map((event) => [event.type, event] as const))('writes %s as the plain rule does, byte for byte', (_type, event) => {
		const checked = deviceEvent.parse(event);
		expect(eventContent(normalizeEvent(checked))).toBe(plainRule(checked));
	});

	it('is the same content whatever zone the time is written in', () => {
		const utc = position({ at: '2026-11-30T00:30:00.000Z' });
		const china = { ...utc, at: '2026-11-30T08:30:00+08:00' };
		expect(eventContent(normalizeEvent(china))).toBe(eventContent(normalizeEvent(utc)));
	});

	it('keeps the device reading of a position as its content, not the converted one', () => {
		const gcj = position({ crs: 'gcj02', lat: 29.5, lon: 115.9 });
		const content = JSON.parse(eventContent(normalizeEvent(gcj)));
		expect(content).toMatchObject({ crs: 'gcj02', lat: 29.5, lon: 115.9 });
	});
});
