/** The simulator's outbox: resends what the server did not answer, and never what it refused or found conflicting. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceOutbox } from '../../server/sim/device-outbox';
import { queue } from '../fixtures/events';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** An ingest stand-in that answers each request with what `answer` makes of its events. */
async function ingest(answer: (events: { id: string }[]) => { status: number; body: unknown }): Promise<{ url: string; posts: string[][] }> {
	const posts: string[][] = [];
	server = createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			const { events } = JSON.parse(text) as { events: { id: string }[] };
			posts.push(events.map((event) => event.id));
			const { status, body } = answer(events);
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/ingest/events`, posts };
}

describe('DeviceOutbox', () => {
	it('lets go of an event answered as a conflict, says so, and does not resend it', async () => {
		const { url, posts } = await ingest((events) => ({
			status: 200,
			body: { accepted: 1, rejected: 1, conflicts: 1, results: [{ id: events[0].id, status: 'conflict', code: 409, reason: `id: ${events[0].id} was already accepted with different content` }, { id: events[1].id, status: 'accepted', duplicate: false }] }
		}));
		const warnings: string[] = [];
		const outbox = new DeviceOutbox({ ingestUrl: url, devices: new Map([['tablet-site-baifan', 'dev_x']]), logger: { warn: (message: string) => warnings.push(message) } });
		const [clash, fine] = [queue(), queue()];
		outbox.queue(clash);
		outbox.queue(fine);
		await outbox.flush();
		expect(outbox.pending).toBe(0);
		await outbox.flush();
		expect(posts).toEqual([[clash.id, fine.id]]);
		expect(warnings).toEqual([expect.stringContaining(`1 event conflicted with an earlier one of the same id`)]);
	});

	it('keeps events the server could not take (503) and resends them with the same ids', async () => {
		let available = false;
		const { url, posts } = await ingest((events) => (available ? { status: 200, body: { accepted: events.length, rejected: 0, conflicts: 0, results: events.map((event) => ({ id: event.id, status: 'accepted', duplicate: false })) } } : { status: 503, body: { error: 'event log unavailable' } }));
		const outbox = new DeviceOutbox({ ingestUrl: url, devices: new Map([['tablet-site-baifan', 'dev_x']]) });
		const event = queue();
		outbox.queue(event);
		await outbox.flush();
		expect(outbox.pending).toBe(1);
		available = true;
		await outbox.flush();
		expect(outbox.pending).toBe(0);
		expect(posts).toEqual([[event.id], [event.id]]);
	});
});
