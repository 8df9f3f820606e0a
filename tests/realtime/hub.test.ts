import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { App } from '../../server/app';
import type { Delta, KpiEntity, SiteEntity, Snapshot, ServerToClientEvents, ClientToServerEvents, Ack } from '../../src/lib/protocol/index';
import { connectLive } from '../../src/lib/realtime/live-client';
import { ConnectionState } from '../../src/lib/state/connection.svelte';
import { LiveLayers } from '../../src/lib/state/live-layers.svelte';
import { displayToken, postEvents, startTestApp } from '../fixtures/app';
import { queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { socketParser } from '../../src/lib/realtime/socket-parser';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A headless dashboard: records what it receives. */
function dashboard(url: string, token = wallToken) {
	const socket: ClientSocket = io(url, { transports: ['websocket'], parser: socketParser, forceNew: true, auth: { token } });
	const snapshots: Snapshot[] = [];
	const siteDeltas: Delta[] = [];
	socket.on('snapshot', (snapshot) => snapshots.push(snapshot));
	socket.on('sites:delta', (delta) => siteDeltas.push(delta));
	return { socket, snapshots, siteDeltas };
}


let app: App;
let wallToken: string;
beforeAll(async () => {
	app = await startTestApp();
	wallToken = await displayToken(app);
});
afterAll(async () => {
	await app.close();
});

describe('hub', () => {
	it('sends a new socket a snapshot of every layer', async () => {
		const client = dashboard(app.url);
		await until(() => client.snapshots.length === 3, 'three snapshots');
		expect(client.snapshots.map((snapshot) => snapshot.layer).sort()).toEqual(['kpis', 'sites', 'vehicles']);
		const sites = client.snapshots.find((snapshot) => snapshot.layer === 'sites')!;
		expect(sites.entities.map((site) => (site as SiteEntity).name)).toContain('白畈村采样点');
		client.socket.close();
	});

	it('delivers an event posted to the ingest API to every connected client as a delta', async () => {
		const a = dashboard(app.url);
		const b = dashboard(app.url);
		await until(() => a.snapshots.length === 3 && b.snapshots.length === 3, 'snapshots');
		await postEvents(app, { events: [queue({ siteId: 'site-jinlan', queueLength: 321 })] });
		const seen = (client: ReturnType<typeof dashboard>) =>
			client.siteDeltas.some((delta) => delta.upserts.some((site) => site.id === 'site-jinlan' && (site as SiteEntity).queueLength === 321));
		await until(() => seen(a) && seen(b), 'the delta on both clients');
		a.socket.close();
		b.socket.close();
	});

	it('numbers deltas of a layer one after another', async () => {
		const client = dashboard(app.url);
		await until(() => client.snapshots.length === 3, 'snapshots');
		for (let n = 0; n < 3; n++) {
			await postEvents(app, { events: [queue({ siteId: 'site-baihe', queueLength: 10 + n })] });
			await new Promise((resolve) => setTimeout(resolve, 120));
		}
		await until(() => client.siteDeltas.length >= 3, 'three deltas');
		const seqs = client.siteDeltas.map((delta) => delta.seq);
		seqs.slice(1).forEach((seq, index) => expect(seq).toBe(seqs[index] + 1));
		client.socket.close();
	});

	it('answers a snapshot request, and refuses one for a layer that does not exist', async () => {
		const client = dashboard(app.url);
		await until(() => client.snapshots.length === 3, 'snapshots');
		const good = await client.socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'kpis' });
		expect(good.ok && (good.data.entities[0] as KpiEntity).id).toBe('county');
		const bad = (await client.socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'secrets' as 'kpis' })) as Ack<Snapshot>;
		expect(bad).toEqual({ ok: false, error: 'layer must be one of sites, vehicles, kpis', message: { zh: '图层须为 sites、vehicles、kpis 之一', en: 'layer must be one of sites, vehicles, kpis' } });
		client.socket.close();
	});
});

describe('the browser client (connectLive)', () => {
	it('heals by snapshot after missing deltas during a dropped connection', async () => {
		const layers = new LiveLayers();
		const connection = new ConnectionState();
		const live = connectLive({ layers, connection, url: app.url, token: wallToken });
		await until(() => layers.sites.size > 0 && connection.connected, 'the first snapshot');

		// Drop the transport under the client; events arrive while it is away.
		const sockets = await app.hub!.io.fetchSockets();
		for (const socket of sockets) (socket as unknown as { conn: { close(): void } }).conn?.close();
		await postEvents(app, { events: [queue({ siteId: 'site-lixin', queueLength: 777 })] });

		await until(() => layers.sites.get('site-lixin')?.queueLength === 777, 'the missed change after reconnecting');
		expect(connection.connected).toBe(true);
		live.close();
	});

	it('fetches a snapshot when it sees a sequence gap', async () => {
		const layers = new LiveLayers();
		const connection = new ConnectionState();
		const live = connectLive({ layers, connection, url: app.url, token: wallToken });
		await until(() => layers.sites.size > 0, 'the first snapshot');
		// Pretend frames were lost: the client's copy falls behind by several sequence numbers.
		const stale = layers.sites.get('site-hongxin')!;
		layers.applySnapshot({ layer: 'sites', seq: 1, entities: [...layers.sites.values()].map((site) => (site.id === stale.id ? { ...site, queueLength: -1 } : site)) });
		await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 55 })] });
		await until(() => layers.sites.get('site-hongxin')!.queueLength !== -1 && layers.sites.get('site-baifan')!.queueLength === 55, 'the healed layer');
		live.close();
	});
});
