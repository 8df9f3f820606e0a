/**
 * bench:wall --replay's replay server (bench/wall-replay.ts): what a wall socket receives is the
 * recording, as a live wall would see it (the snapshots first, then the deltas with their
 * sequence numbers running on across loops, times moved to now), and the page's HTTP reaches the
 * real server behind it. No timing is asserted: frames are awaited, not timed.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { startReplayServer, type RecordedFrame } from '../../bench/wall-replay';

const RECORDED_AT = '2026-11-30T02:00:00.000Z';
const vehicle = (id: string, lat: number, fixAt: string) => ({ id, name: `送样车${id}`, kind: 'courier', lat, lon: 116.1, heading: 90, speedKmh: 30, fixAt });
const frames: RecordedFrame[] = [
	{ t: 0, event: 'snapshot', payload: { layer: 'vehicles', seq: 7, entities: [vehicle('a', 29.7, RECORDED_AT), vehicle('b', 29.8, RECORDED_AT)] } },
	{ t: 10, event: 'vehicles:delta', payload: { layer: 'vehicles', seq: 8, upserts: [vehicle('a', 29.71, '2026-11-30T02:00:00.010Z')], removes: [] } },
	{ t: 20, event: 'heartbeat', payload: { serverTime: 0, dataTime: '2026-11-30T02:00:00.020Z' } },
	{ t: 30, event: 'vehicles:delta', payload: { layer: 'vehicles', seq: 9, upserts: [vehicle('b', 29.81, '2026-11-30T02:00:00.030Z')], removes: [] } }
];

let upstream: HttpServer;
let replay: Awaited<ReturnType<typeof startReplayServer>>;
const sockets: Socket[] = [];

beforeAll(async () => {
	upstream = createServer((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ path: req.url, authorization: req.headers.authorization ?? null }));
	});
	await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
	replay = await startReplayServer({ frames, upstream: `http://127.0.0.1:${(upstream.address() as { port: number }).port}` });
});

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await replay.close();
	await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

/** The first `count` frames a wall socket receives, in order. */
async function receive(count: number): Promise<{ event: string; payload: Record<string, unknown> }[]> {
	const socket = io(replay.url, { transports: ['websocket'], parser: socketParser, auth: { token: 'dsp_test' } });
	sockets.push(socket);
	const received: { event: string; payload: Record<string, unknown> }[] = [];
	await new Promise<void>((resolve) => {
		socket.onAny((event: string, payload: Record<string, unknown>) => {
			if (received.length < count) received.push({ event, payload });
			if (received.length === count) resolve();
		});
	});
	socket.close();
	return received;
}

describe('the wall bench replay server', () => {
	it('replays the recorded frames in order: the snapshot, then the deltas and heartbeats, looped with sequence numbers running on', async () => {
		const openedBefore = Date.now();
		const received = await receive(1 + 3 * 3);
		expect(received.map((frame) => frame.event)).toEqual(['snapshot', ...Array(3).fill(['vehicles:delta', 'heartbeat', 'vehicles:delta']).flat()]);
		const snapshot = received[0].payload as { layer: string; seq: number; entities: ReturnType<typeof vehicle>[] };
		expect(snapshot.layer).toBe('vehicles');
		expect(snapshot.seq).toBe(7);
		// The recorded entities, with the recorded time moved to the moment the socket opened (no vehicle turns silent).
		expect(snapshot.entities.map(({ fixAt: _fixAt, ...rest }) => rest)).toEqual((frames[0].payload as { entities: ReturnType<typeof vehicle>[] }).entities.map(({ fixAt: _fixAt, ...rest }) => rest));
		expect(Date.parse(snapshot.entities[0].fixAt)).toBeGreaterThanOrEqual(openedBefore);
		const deltas = received.filter((frame) => frame.event === 'vehicles:delta').map((frame) => frame.payload as { seq: number; upserts: ReturnType<typeof vehicle>[] });
		// A wall that saw a gap would fetch a snapshot: the numbers follow the snapshot's across loops.
		expect(deltas.map((delta) => delta.seq)).toEqual([8, 9, 10, 11, 12, 13]);
		expect(deltas.map((delta) => delta.upserts.map((entity) => [entity.id, entity.lat]))).toEqual(Array(3).fill([[['a', 29.71]], [['b', 29.81]]]).flat());
		// Each loop's times later than the last's.
		const times = deltas.map((delta) => Date.parse(delta.upserts[0].fixAt));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times[2] - times[0]).toBeGreaterThan(0);
	});

	it('passes the page, its API calls and their credential through to the real server', async () => {
		const answer = await fetch(`${replay.url}/api/config?x=1`, { headers: { authorization: 'Bearer dsp_test' } });
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ path: '/api/config?x=1', authorization: 'Bearer dsp_test' });
	});

	it('answers 502 when the real server is gone, and keeps serving the socket', async () => {
		const gone = await startReplayServer({ frames, upstream: 'http://127.0.0.1:1' });
		try {
			expect((await fetch(`${gone.url}/wall`)).status).toBe(502);
		} finally {
			await gone.close();
		}
		expect((await receive(1))[0].event).toBe('snapshot');
	});
});
