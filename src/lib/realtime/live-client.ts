/**
 * The one place socket messages become state: snapshots and deltas into LiveLayers, heartbeats
 * into ConnectionState; a sequence gap or a reconnect fetches the layer whole.
 */
import { io, type Socket } from 'socket.io-client';
import { tick } from 'svelte';
import { LAYERS, deltaEventName, type ClientToServerEvents, type Delta, type LayerName, type ServerToClientEvents } from '$lib/protocol';
import type { ConnectionState } from '$lib/state/connection.svelte';
import type { LiveLayers } from '$lib/state/live-layers.svelte';
import { socketParser } from '$lib/realtime/socket-parser';
import { deltaStarted } from '$lib/map/update-timing';
import { refusalText } from '$lib/i18n/api-refusal';
import type { Locale } from '$lib/i18n/messages';

export interface LiveClient {
	close(): void;
}

/** A wall display passes its display token; a signed-in person's session cookie goes with the handshake by itself. */
/** `locale`: the language a refusal of the connection is shown in (the server sends both). */
export function connectLive({ layers, connection, url, token, locale = 'zh-CN' }: { layers: LiveLayers; connection: ConnectionState; url?: string; token?: string | null; locale?: Locale }): LiveClient {
	const options = { transports: ['websocket'], parser: socketParser, auth: token ? { token } : {} };
	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = url ? io(url, options) : io(options);
	const fetching = new Set<LayerName>();

	const fetchSnapshot = (layer: LayerName) => {
		if (fetching.has(layer)) return;
		fetching.add(layer);
		socket.timeout(10_000).emit('snapshot:request', { layer }, (error, answer) => {
			fetching.delete(layer);
			if (!error && answer.ok) layers.applySnapshot(answer.data);
		});
	};

	socket.on('connect', () => {
		connection.connected = true;
		connection.heard();
	});
	socket.on('connect_error', (error) => {
		connection.connected = false;
		// A server that is away is staleness (the banner says so); only a refusal by the server is shown as one.
		if ((error as Error & { type?: string }).type !== 'TransportError') {
			connection.refusal = refusalText({ error: error.message, ...(error as Error & { data?: object }).data }, locale);
			retryIn(30_000);
		}
	});
	// Socket.io retries by itself after a lost connection, but not after the server closed the
	// socket (a restart or deploy) or refused the handshake. A wall must come back by itself in
	// every case: soon after a close, and every half minute after a refusal (e.g. a revoked token).
	let retry: ReturnType<typeof setTimeout> | null = null;
	const retryIn = (ms: number) => {
		if (retry !== null) return;
		retry = setTimeout(() => {
			retry = null;
			if (!socket.connected) socket.connect();
		}, ms);
	};
	socket.on('disconnect', (reason) => {
		connection.connected = false;
		// The server sends fresh snapshots on reconnect; deltas until then cannot be trusted.
		layers.expectSnapshots();
		if (reason === 'io server disconnect') retryIn(1000 + Math.random() * 2000);
	});
	socket.on('snapshot', (snapshot) => {
		layers.applySnapshot(snapshot);
		connection.heard();
	});
	socket.on('heartbeat', (beat) => connection.heard(beat.dataTime));
	for (const layer of LAYERS) {
		(socket.on as (event: string, listener: (delta: Delta) => void) => void)(deltaEventName(layer), (delta) => {
			const started = performance.now();
			// `npm run bench:wall` only: the delta's main-thread time, through Svelte's effects (they run when the tick settles).
			const handled = deltaStarted(delta.layer);
			connection.heard();
			if (layers.applyDelta(delta) === 'gap') fetchSnapshot(delta.layer);
			if (handled) void tick().then(() => handled(performance.now() - started));
		});
	}
	const clock = setInterval(() => (connection.now = Date.now()), 1000);

	return {
		close: () => {
			clearInterval(clock);
			if (retry !== null) clearTimeout(retry);
			socket.close();
		}
	};
}
