import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Delta, SiteEntity } from '../../src/lib/protocol/index';
import { queue } from '../fixtures/events';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { createTempDatabase, needs, tempRedisPrefix } from '../fixtures/services';
import { openDatabase } from '../../server/db/client';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import { socketParser } from '../../src/lib/protocol/socket-parser';

const available = needs('two hub processes over one Redis', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL });

// Skipped only when Postgres and Redis are absent; needs() has printed why, and throws in CI.
describe.skipIf(!available)('two hub processes with one Redis', () => {
	let database: Awaited<ReturnType<typeof createTempDatabase>>;
	let keys: ReturnType<typeof tempRedisPrefix>;
	let ingestNode: ServerProcess;
	let hubNode: ServerProcess;
	let wallToken: string;
	let phoneToken: string;

	beforeAll(async () => {
		database = await createTempDatabase(process.env.DATABASE_URL!);
		keys = tempRedisPrefix(process.env.REDIS_URL!);
		const shared = { DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys.prefix, SIMULATE: 'false', TICK_MS: '100' };
		ingestNode = await spawnServer({ ...shared, ROLES: 'ingest,projector,hub' });
		hubNode = await spawnServer({ ...shared, ROLES: 'hub' });
		// An admin's work, done straight in the shared database: a wall token and a tablet's credential.
		const admin = await openDatabase({ url: database.url, dataDir: 'unused' });
		wallToken = (await createDisplayToken({ db: admin.db, input: { label: 'test wall' }, actor: 'test' })).token;
		phoneToken = (await issueDeviceCredential({ db: admin.db, input: { deviceId: 'tablet-site-tongkuang', kind: 'site_tablet', scopeId: 'site-tongkuang' }, actor: 'test' })).token;
		await admin.close();
	}, 90_000);

	afterAll(async () => {
		await Promise.all([ingestNode?.stop(), hubNode?.stop()]);
		await keys?.clean();
		await database?.drop();
	});

	it('delivers an event ingested on one node to a client of the other', async () => {
		const socket = io(hubNode.url, { transports: ['websocket'], parser: socketParser, forceNew: true, auth: { token: wallToken } });
		const deltas: Delta[] = [];
		let snapshots = 0;
		socket.on('snapshot', () => snapshots++);
		socket.on('sites:delta', (delta) => deltas.push(delta));
		const deadline = Date.now() + 20_000;
		while (snapshots < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		expect(snapshots).toBe(3);

		// The projector starts once it holds the lease; post until the change comes through.
		let seen = false;
		while (!seen && Date.now() < deadline) {
			const response = await fetch(`${ingestNode.url}/api/ingest/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${phoneToken}` },
				body: JSON.stringify({ events: [queue({ siteId: 'site-tongkuang', queueLength: 4321 })] })
			});
			expect(response.status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 300));
			seen = deltas.some((delta) => delta.upserts.some((site) => site.id === 'site-tongkuang' && (site as SiteEntity).queueLength === 4321));
		}
		socket.close();
		expect(seen, `hub node output:\n${hubNode.output()}\ningest node output:\n${ingestNode.output()}`).toBe(true);
	});
});
