import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NormalizedEvent, LogEntry } from '../../server/pipeline/normalized-event';
import { backends, type Stack } from '../fixtures/backends';
import { normalized, position, queue } from '../fixtures/events';

async function readAll(stack: { log: { read(max: number, blockMs: number): Promise<LogEntry[]> } }, expected: number): Promise<LogEntry[]> {
	const entries: LogEntry[] = [];
	for (let attempt = 0; attempt < 20 && entries.length < expected; attempt++) entries.push(...(await stack.log.read(100, 50)));
	return entries;
}

describe.each(backends('event log'))('event log ($name)', (backend) => {
	let stack: Stack;
	beforeEach(async () => {
		stack = await backend.open();
	});
	afterEach(async () => {
		await stack.teardown();
	});

	it('gives back appended events in order, as they were appended', async () => {
		const events: NormalizedEvent[] = [normalized(queue({ queueLength: 1 })), normalized(position()), normalized(queue({ queueLength: 3 }))];
		expect(await stack.log.append(events)).toEqual(['appended', 'appended', 'appended']);
		const entries = await readAll(stack, 3);
		expect(entries.map((entry) => entry.event)).toEqual(events);
	});

	it('appends a resent event once and says it was a duplicate', async () => {
		const event = normalized(queue());
		expect(await stack.log.append([event])).toEqual(['appended']);
		// The same content: its keys in another order, its time in another zone.
		const reordered = Object.fromEntries(Object.entries(event).reverse()) as NormalizedEvent;
		const otherZone = { ...event, at: new Date(Date.parse(event.at)).toISOString().replace('Z', '+00:00') };
		expect(await stack.log.append([event, reordered, otherZone])).toEqual(['duplicate', 'duplicate', 'duplicate']);
		const entries = await readAll(stack, 1);
		await new Promise((resolve) => setTimeout(resolve, 100));
		entries.push(...(await stack.log.read(100, 50)));
		expect(entries).toHaveLength(1);
		expect(entries[0].event).toEqual(event);
	});

	it('appends an id that appears twice in one batch once', async () => {
		const event = normalized(queue());
		expect(await stack.log.append([event, event])).toEqual(['appended', 'duplicate']);
	});

	it('answers a resent id with different content as a conflict, and keeps the first content', async () => {
		const event = normalized(queue({ queueLength: 5 }));
		expect(await stack.log.append([event])).toEqual(['appended']);
		expect(await stack.log.append([normalized(queue({ id: event.id, at: event.at, queueLength: 999 })), event])).toEqual(['conflict', 'duplicate']);
		const fix = position();
		const moved = normalized(fix);
		const elsewhere = normalized({ ...fix, lat: fix.lat + 0.01 });
		expect(await stack.log.append([moved, elsewhere])).toEqual(['appended', 'conflict']);
		const entries = await readAll(stack, 2);
		await new Promise((resolve) => setTimeout(resolve, 100));
		entries.push(...(await stack.log.read(100, 50)));
		expect(entries.map((entry) => entry.event)).toEqual([event, moved]);
	});

	it('counts as backlog what is appended and not yet acknowledged, read or not', async () => {
		expect(await stack.log.backlog()).toBe(0);
		await stack.log.append([normalized(queue()), normalized(queue()), normalized(queue())]);
		expect(await stack.log.backlog()).toBe(3);
		const entries = await readAll(stack, 3);
		expect(await stack.log.backlog()).toBe(3);
		await stack.log.ack(entries);
		expect(await stack.log.backlog()).toBe(0);
	});

	it('wakes a waiting reader when an event is appended', async () => {
		const waiting = stack.log.read(100, 5000);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const started = Date.now();
		await stack.log.append([normalized(queue())]);
		const entries = await waiting;
		expect(entries).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(4000);
	});

	it('trims what is acknowledged, so the log does not grow for days, and keeps every entry that is not', async () => {
		// With no dedupe window the embedded log may delete every acknowledged row at once.
		const log = stack.reopenLog({ dedupeWindowMs: 0 });
		const events = Array.from({ length: 300 }, (_, index) => normalized(queue({ queueLength: index })));
		await log.append(events);
		const entries = await readAll({ log }, 300);
		expect(entries).toHaveLength(300);
		await log.ack(entries.slice(0, 250));
		await log.trimPersisted();
		// Redis trims whole stream nodes (100 entries each), so up to one node of acknowledged entries may stay.
		expect(await log.retained()).toBeGreaterThanOrEqual(50);
		expect(await log.retained()).toBeLessThanOrEqual(150);
		const restarted = stack.reopenLog({ claimIdleMs: 1 });
		await new Promise((resolve) => setTimeout(resolve, 20));
		const redelivered = await readAll({ log: restarted }, 50);
		expect(redelivered.map((entry) => entry.event.id)).toEqual(events.slice(250).map((event) => event.id));
	});

	it('never delivers an acknowledged entry again, and delivers an unacknowledged one to the next process', async () => {
		const first = normalized(queue({ queueLength: 1 }));
		const second = normalized(queue({ queueLength: 2 }));
		await stack.log.append([first]);
		const [entry] = await readAll(stack, 1);
		await stack.log.ack([entry]);
		await stack.log.append([second]);
		expect((await readAll(stack, 1)).map((each) => each.event.id)).toEqual([second.id]);
		// The process dies before acknowledging `second`; the next one takes it over.
		const restarted = stack.reopenLog({ claimIdleMs: 1 });
		await new Promise((resolve) => setTimeout(resolve, 20));
		const redelivered = await readAll({ log: restarted }, 1);
		expect(redelivered.map((each) => each.event.id)).toEqual([second.id]);
	});
});
