import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { SiteEntity } from '../../src/lib/protocol/index';
import { queue } from '../fixtures/events';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { createTempDatabase, needs, tempRedisPrefix } from '../fixtures/services';
import { openDatabase } from '../../server/db/client';
import { regions } from '../../server/db/schema/index';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { until } from '../fixtures/wait';

const available = needs('three hub processes over one Redis', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL });

interface Watcher {
	sitesSeen: Set<string>;
	sitesInSnapshot: number;
	seqs: number[];
	updates: SiteEntity[];
	close(): void;
}

/** A wall on one hub, recording every site it is sent and the sequence numbers of the sites layer. */
async function watch(url: string, token: string): Promise<Watcher> {
	const socket = io(url, { transports: ['websocket'], parser: socketParser, forceNew: true, auth: { token } });
	const watcher: Watcher = { sitesSeen: new Set(), sitesInSnapshot: -1, seqs: [], updates: [], close: () => socket.close() };
	socket.on('snapshot', (snapshot) => {
		if (snapshot.layer !== 'sites') return;
		watcher.sitesInSnapshot = snapshot.entities.length;
		watcher.seqs.push(snapshot.seq);
		for (const site of snapshot.entities) watcher.sitesSeen.add(site.id);
	});
	socket.on('sites:delta', (delta) => {
		watcher.seqs.push(delta.seq);
		for (const site of delta.upserts as SiteEntity[]) {
			watcher.sitesSeen.add(site.id);
			watcher.updates.push(site);
		}
	});
	await until(() => watcher.sitesInSnapshot >= 0, 'the first snapshot', 20_000);
	return watcher;
}

// Skipped only when Postgres and Redis are absent; needs() has printed why, and throws in CI.
describe.skipIf(!available)('three hub processes with one Redis', () => {
	let database: Awaited<ReturnType<typeof createTempDatabase>>;
	let keys: ReturnType<typeof tempRedisPrefix>;
	let nodes: ServerProcess[] = [];
	let tokens: { county: string; chengmen: string; otherTownship: string; tablet: string };

	beforeAll(async () => {
		database = await createTempDatabase(process.env.DATABASE_URL!);
		keys = tempRedisPrefix(process.env.REDIS_URL!);
		const shared = { DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys.prefix, SIMULATE: 'false', TICK_MS: '100' };
		// The first node loads the scenario and migrates; the two pure hubs start after it, together.
		nodes.push(await spawnServer({ ...shared, ROLES: 'ingest,projector,hub' }));
		nodes.push(...(await Promise.all([spawnServer({ ...shared, ROLES: 'hub' }), spawnServer({ ...shared, ROLES: 'hub' })])));
		// An admin's work, done straight in the shared database: walls of the county and of two townships, and a tablet.
		const admin = await openDatabase({ url: database.url, dataDir: 'unused' });
		// A second township of the county, without sites in the demo: a wall is bound only to a township that exists.
		await admin.db.insert(regions).values({ id: 't:黄宅镇', parentId: null, level: 'township', name: '黄宅镇' });
		const display = async (regionId: string | null) => (await createDisplayToken({ db: admin.db, input: { label: `wall ${regionId}`, regionId }, actor: 'test' })).token;
		tokens = {
			county: await display(null),
			chengmen: await display('t:城门街道'),
			otherTownship: await display('t:黄宅镇'),
			tablet: (await issueDeviceCredential({ db: admin.db, input: { deviceId: 'tablet-site-tongkuang', kind: 'site_tablet', scopeId: 'site-tongkuang' }, actor: 'test' })).token
		};
		await admin.close();
	}, 120_000);

	afterAll(async () => {
		await Promise.all(nodes.map((node) => node.stop()));
		await keys?.clean();
		await database?.drop();
	});

	it('gives every client every delta of its room, and none of another room\'s', async () => {
		const [ingestNode, secondHub, thirdHub] = nodes;
		const county = await watch(secondHub.url, tokens.county);
		const chengmen = await watch(thirdHub.url, tokens.chengmen);
		const otherTownship = await watch(ingestNode.url, tokens.otherTownship);
		expect(county.sitesInSnapshot).toBeGreaterThan(0);
		expect(chengmen.sitesInSnapshot).toBe(county.sitesInSnapshot);
		expect(otherTownship.sitesInSnapshot).toBe(0);

		// The projector starts once it holds the lease; post until the change reaches both walls.
		const lengths = [4321, 4322, 4323];
		const deadline = Date.now() + 30_000;
		const saw = (watcher: Watcher, length: number) => watcher.updates.some((site) => site.id === 'site-tongkuang' && site.queueLength === length);
		for (const length of lengths) {
			do {
				const response = await fetch(`${ingestNode.url}/api/ingest/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.tablet}` },
					body: JSON.stringify({ events: [queue({ siteId: 'site-tongkuang', queueLength: length })] })
				});
				expect(response.status).toBe(200);
				await new Promise((resolve) => setTimeout(resolve, 300));
			} while (!(saw(county, length) && saw(chengmen, length)) && Date.now() < deadline);
		}
		for (const watcher of [county, chengmen, otherTownship]) watcher.close();

		const output = nodes.map((node, index) => `node ${index}:\n${node.output()}`).join('\n');
		for (const length of lengths) {
			expect(saw(county, length), output).toBe(true);
			expect(saw(chengmen, length), output).toBe(true);
		}
		// The other township's wall was kept in step (its sequence has no gap) but was sent no site of 城门街道.
		expect(otherTownship.sitesSeen.size).toBe(0);
		expect(otherTownship.seqs.length).toBeGreaterThan(1);
		for (const watcher of [county, chengmen, otherTownship]) {
			const steps = watcher.seqs.slice(1).map((seq, index) => seq - watcher.seqs[index]);
			expect(steps.every((step) => step <= 1), `sequence ${watcher.seqs.join(",")}`).toBe(true);
		}
	});
});
