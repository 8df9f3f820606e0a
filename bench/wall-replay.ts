/**
 * The wall bench's replay mode, so that what it measures is the browser alone: a wall socket's
 * frames (snapshots, deltas, heartbeats) are recorded once from the real server under the metro
 * load, then replayed at their recorded timing, looped, by a tiny server that stands in front of
 * the real (idle) server: pages, API calls and map tiles pass through to it, the socket is ours.
 *
 * Replayed as a live wall would see them: each layer's sequence numbers run on across loops (a
 * wall that saw a gap would fetch a snapshot and we would measure that instead), and every time
 * in an entity (fixAt, queueAt…) moves forward with the clock, so no vehicle turns "silent" because
 * the recording is an hour old. `synthesizeMetroRecording` makes the metro recording; `recordWallFrames`
 * records a live server.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { socketParser } from '../src/lib/realtime/socket-parser';

export interface RecordedFrame {
	/** ms after the recording started. */
	t: number;
	event: string;
	payload: unknown;
}

/**
 * Records what a wall socket receives: connects while the server is idle (under the metro load a
 * handshake can wait minutes), calls `startLoad`, keeps the snapshots and, after `warmUpSeconds`,
 * `seconds` of frames, one JSON line each, times counted from the end of the warm-up.
 */
export async function recordWallFrames({ url, token, seconds, warmUpSeconds, path, startLoad }: { url: string; token: string; seconds: number; warmUpSeconds: number; path: string; startLoad: () => void }): Promise<{ frames: number; deltas: number }> {
	mkdirSync(dirname(path), { recursive: true });
	const out = createWriteStream(path);
	const socket = io(url, { transports: ['websocket'], parser: socketParser, auth: { token }, timeout: 120_000 });
	let recordFrom = Infinity;
	let frames = 0;
	let deltas = 0;
	socket.onAny((event: string, payload: unknown) => {
		const now = performance.now();
		if (event !== 'snapshot' && now < recordFrom) return;
		out.write(JSON.stringify({ t: Math.max(0, Math.round(now - recordFrom)), event, payload } satisfies RecordedFrame) + '\n');
		frames++;
		if (event.endsWith(':delta')) deltas++;
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	recordFrom = performance.now() + warmUpSeconds * 1000;
	startLoad();
	await new Promise((resolve) => setTimeout(resolve, (warmUpSeconds + seconds) * 1000));
	socket.close();
	await new Promise<void>((resolve) => out.end(resolve));
	return { frames, deltas };
}

/**
 * The metro recording made without the load: the real (idle) server's snapshots as a wall socket
 * receives them, then `seconds` of deltas at the projector's cadence (a tick every 100 ms, one
 * delta a layer a tick): each tick a tenth of the 10,000 vehicles moves (every vehicle once a
 * second) and a fiftieth of the 12,000 sites reports its queue (every site every 5 s), and the
 * KPIs follow. Used because in embedded mode the server under the real load sends a wall no
 * delta for minutes (its loop is saturated): what the wall is fed is what it would be fed.
 */
export async function synthesizeMetroRecording({ url, token, seconds, path }: { url: string; token: string; seconds: number; path: string }): Promise<{ frames: number; deltas: number }> {
	const socket = io(url, { transports: ['websocket'], parser: socketParser, auth: { token }, timeout: 120_000 });
	const snapshots = new Map<string, { layer: string; seq: number; entities: Record<string, unknown>[] }>();
	const wanted = ['sites', 'vehicles', 'kpis'];
	await new Promise<void>((resolve, reject) => {
		socket.on('snapshot', (snapshot: { layer: string; seq: number; entities: Record<string, unknown>[] }) => {
			snapshots.set(snapshot.layer, snapshot);
			if (wanted.every((layer) => snapshots.has(layer))) resolve();
		});
		socket.once('connect_error', reject);
	});
	socket.close();
	mkdirSync(dirname(path), { recursive: true });
	const out = createWriteStream(path);
	const write = (frame: RecordedFrame) => out.write(JSON.stringify(frame) + '\n');
	const startedAt = Date.now();
	let frames = 0;
	let random = 2022;
	const next = () => ((random = (random * 1103515245 + 12345) % 2147483648) / 2147483648);
	const vehicles = snapshots.get('vehicles')!.entities;
	const sites = snapshots.get('sites')!.entities;
	const kpi = snapshots.get('kpis')!.entities[0];
	// The idle server knows no vehicle's fix: each starts near a site (within ~2 km), spread over the
	// county as a fleet at work is. (Once they all started at one made-up point: 10,000 arrows within
	// metres of each other, which costs MapLibre's symbol placement quadratically and no real wall sees.)
	const placed = sites.filter((site) => typeof site.lat === 'number' && typeof site.lon === 'number');
	vehicles.forEach((vehicle, index) => {
		if (typeof vehicle.lat === 'number' && typeof vehicle.lon === 'number') return;
		const site = placed[Math.floor(next() * placed.length)] ?? { lat: 29.7, lon: 116.1 };
		vehicles[index] = { ...vehicle, lat: (site.lat as number) + (next() - 0.5) * 0.04, lon: (site.lon as number) + (next() - 0.5) * 0.04, heading: Math.round(next() * 360), speedKmh: 0, fixAt: new Date(startedAt).toISOString() };
	});
	for (const snapshot of snapshots.values()) write({ t: 0, event: 'snapshot', payload: snapshot }), frames++;
	const seq = new Map([...snapshots].map(([layer, snapshot]) => [layer, snapshot.seq]));
	const delta = (layer: string, upserts: unknown[]) => ({ layer, seq: seq.set(layer, seq.get(layer)! + 1).get(layer)!, upserts, removes: [] });
	const TICK_MS = 100;
	for (let tick = 1; tick <= (seconds * 1000) / TICK_MS; tick++) {
		const t = tick * TICK_MS;
		const at = new Date(startedAt + t).toISOString();
		const moved = [];
		for (let index = tick % 10; index < vehicles.length; index += 10) {
			const vehicle = vehicles[index];
			const heading = next() * 360;
			const lat = (vehicle.lat as number) + Math.cos((heading * Math.PI) / 180) * 0.0001;
			const lon = (vehicle.lon as number) + Math.sin((heading * Math.PI) / 180) * 0.0001;
			vehicles[index] = { ...vehicle, lat, lon, heading: Math.round(heading), speedKmh: 30, fixAt: at };
			moved.push(vehicles[index]);
		}
		const reported = [];
		for (let index = tick % 50; index < sites.length; index += 50) {
			sites[index] = { ...sites[index], queueLength: Math.floor(next() * 700), queueAt: at };
			reported.push(sites[index]);
		}
		write({ t, event: 'vehicles:delta', payload: delta('vehicles', moved) });
		write({ t, event: 'sites:delta', payload: delta('sites', reported) });
		write({ t, event: 'kpis:delta', payload: delta('kpis', [{ ...kpi, dataTime: at }]) });
		frames += 3;
		if (t % 1000 === 0) write({ t, event: 'heartbeat', payload: { serverTime: startedAt + t, dataTime: at } }), frames++;
	}
	await new Promise<void>((resolve) => out.end(resolve));
	return { frames, deltas: ((seconds * 1000) / TICK_MS) * 3 };
}

export async function readRecording(path: string): Promise<RecordedFrame[]> {
	const frames: RecordedFrame[] = [];
	for await (const line of createInterface({ input: createReadStream(path) })) if (line) frames.push(JSON.parse(line));
	return frames;
}

export const hasRecording = (path: string) => existsSync(path) && statSync(path).size > 0;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Every ISO time in an entity moved by `shiftMs`; everything else kept (entities are flat or shallow). */
function shifted(value: unknown, shiftMs: number): unknown {
	if (typeof value === 'string') return ISO.test(value) ? new Date(Date.parse(value) + shiftMs).toISOString() : value;
	if (Array.isArray(value)) return value.map((item) => shifted(item, shiftMs));
	if (value && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const key in value) copy[key] = shifted((value as Record<string, unknown>)[key], shiftMs);
		return copy;
	}
	return value;
}

/** Starts the replay server on `port` (0: any) in front of `upstream`; returns its URL. */
/** `deltas: false` sends the snapshots only: the page then draws the metro and receives nothing more (the page's floor). */
export async function startReplayServer({ frames, upstream, port = 0, deltas = true }: { frames: RecordedFrame[]; upstream: string; port?: number; deltas?: boolean }): Promise<{ url: string; close: () => Promise<void> }> {
	const target = new URL(upstream);
	const http: HttpServer = createServer((req, res) => {
		// Hop-by-hop headers stay here; a connection of its own per request (no pooled socket to wait for).
		const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = req.headers;
		const forward = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...headers, host: target.host }, agent: false }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		// The real server gone or the page gone mid-answer: end this answer only (headers already sent: cut it).
		forward.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
		req.on('error', () => forward.destroy());
		res.on('close', () => forward.destroy());
		req.pipe(forward);
	});
	const sockets = new Server(http, { parser: socketParser, transports: ['websocket'], maxHttpBufferSize: 1e8 });
	const recordedStart = firstDataTime(frames);
	const duration = frames.at(-1)!.t + 1000;
	const snapshots = frames.filter((frame) => frame.event === 'snapshot');
	const rest = frames.filter((frame) => frame.event !== 'snapshot');

	sockets.on('connection', (socket) => {
		const openedAt = Date.now();
		const seq = new Map<string, number>();
		// A snapshot asked for (a gap) is answered from the recording's first, renumbered: it should never happen.
		socket.on('snapshot:request', (request: { layer: string }, ack: (answer: unknown) => void) => {
			const snapshot = snapshots.find((frame) => (frame.payload as { layer: string }).layer === request.layer);
			if (!snapshot) return ack({ ok: false, error: 'not recorded' });
			console.error(`replay: the wall asked for a ${request.layer} snapshot (a gap)`);
			const payload = snapshot.payload as { seq: number };
			ack({ ok: true, data: { ...(shifted(payload, openedAt - recordedStart) as object), seq: seq.get(request.layer) ?? payload.seq } });
		});
		for (const frame of snapshots) {
			const payload = frame.payload as { layer: string; seq: number };
			seq.set(payload.layer, payload.seq);
			socket.emit('snapshot', shifted(payload, openedAt - recordedStart));
		}
		let loop = 0;
		let index = 0;
		let timer: ReturnType<typeof setTimeout> | null = null;
		const next = () => {
			if (index >= rest.length) {
				index = 0;
				loop++;
			}
			const frame = rest[index];
			const due = openedAt + loop * duration + frame.t;
			timer = setTimeout(() => {
				const shiftMs = openedAt + loop * duration - recordedStart;
				let payload = shifted(frame.payload, shiftMs) as Record<string, unknown>;
				if (frame.event.endsWith(':delta')) {
					const layer = payload.layer as string;
					const number = (seq.get(layer) ?? 0) + 1;
					seq.set(layer, number);
					payload = { ...payload, seq: number };
				}
				socket.emit(frame.event, payload);
				index++;
				next();
			}, Math.max(0, due - Date.now()));
		};
		if (deltas) next();
		socket.on('disconnect', () => {
			if (timer) clearTimeout(timer);
		});
	});

	await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
	const address = http.address() as { port: number };
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: () => new Promise<void>((resolve) => sockets.close(() => resolve()))
	};
}

/** The newest data time in the recording's snapshots: the moment the times are shifted from. */
function firstDataTime(frames: RecordedFrame[]): number {
	let newest = 0;
	const visit = (value: unknown) => {
		if (typeof value === 'string' && ISO.test(value)) newest = Math.max(newest, Date.parse(value));
		else if (Array.isArray(value)) value.forEach(visit);
		else if (value && typeof value === 'object') Object.values(value).forEach(visit);
	};
	for (const frame of frames) if (frame.event === 'snapshot') visit(frame.payload);
	return newest || Date.now();
}
