/**
 * A projector killed mid-batch, holding entries it read but could not persist: the standby
 * projector takes the lease, claims those entries, and counts each exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { Redis } from 'ioredis';
import { count, inArray, sum } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/client';
import { deviceEvents, sampleBoxes } from '../../server/db/schema/index';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import type { KpiEntity, Snapshot } from '../../src/lib/protocol/index';
import { box } from '../fixtures/events';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { createTempDatabase, needs, tempRedisPrefix } from '../fixtures/services';
import { startTcpProxy } from '../fixtures/tcp-proxy';
import { until } from '../fixtures/wait';
import { socketParser } from '../../src/lib/realtime/socket-parser';

const available = needs('fault test: projector crash', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL });

// Skipped only without Postgres and Redis; needs() has printed why, and throws in CI.
// Skipped only when `available` is false: needs() printed which service is missing, and under CI=true it threw instead.
describe.skipIf(!available)('a projector killed mid-batch', () => {
	let database: Awaited<ReturnType<typeof createTempDatabase>>;
	let keys: ReturnType<typeof tempRedisPrefix>;
	let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
	let first: ServerProcess;
	let standby: ServerProcess;
	let admin: Database;
	let redis: Redis;

	beforeAll(async () => {
		database = await createTempDatabase(process.env.DATABASE_URL!);
		keys = tempRedisPrefix(process.env.REDIS_URL!);
		const direct = new URL(database.url);
		proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
		const viaProxy = new URL(database.url);
		viaProxy.port = String(proxy.port);
		const shared = { REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys.prefix, SIMULATE: 'false', TICK_MS: '100' };
		first = await spawnServer({ ...shared, DATABASE_URL: viaProxy.toString(), ROLES: 'ingest,projector' });
		standby = await spawnServer({ ...shared, DATABASE_URL: database.url, ROLES: 'projector,hub' });
		admin = await openDatabase({ url: database.url, dataDir: 'unused' });
		redis = new Redis(process.env.REDIS_URL!);
	}, 120_000);

	afterAll(async () => {
		redis?.disconnect();
		await admin?.close();
		await Promise.all([first?.stop(), standby?.stop()]);
		await proxy?.close();
		await keys?.clean();
		await database?.drop();
	});

	it('has its pending entries claimed by the standby and processed once', async () => {
		const { token } = await issueDeviceCredential({ db: admin.db, input: { deviceId: 'tablet-site-baihe', kind: 'site_tablet', scopeId: 'site-baihe' }, actor: 'test' });
		const sent: ReturnType<typeof box>[] = [];
		const post = async (tubes: number) => {
			const sealed = box({ siteId: 'site-baihe', tubes, people: tubes * 10 });
			const response = await fetch(`${first.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: [sealed] }) });
			expect(response.status).toBe(200);
			expect((await response.json()).accepted).toBe(1);
			sent.push(sealed);
		};
		await post(5);
		await until(async () => ((await admin.db.select({ n: count() }).from(sampleBoxes))[0].n === 1 ? true : undefined), 'the first box persisted', 20_000);

		// The first projector takes a batch of the next boxes but cannot persist it: the batch stays
		// pending (delivered, unacknowledged) and the rest waits in the stream, undelivered.
		proxy.cut();
		for (let n = 1; n <= 10; n++) await post(n);
		const pending = async () => Number(((await redis.xpending(`${keys.prefix}events`, 'projector')) as [number])[0]);
		await until(async () => ((await pending()) >= 1 ? true : undefined), 'a batch pending in the first projector');
		first.kill();

		// The standby takes the lease when it lapses and claims the entries once they have idled 30 s.
		const ids = sent.map((event) => event.id);
		await until(async () => ((await admin.db.select({ n: count() }).from(deviceEvents).where(inArray(deviceEvents.id, ids)))[0].n === ids.length ? true : undefined), 'every box persisted by the standby', 90_000);
		await until(async () => ((await pending()) === 0 ? true : undefined), 'nothing left pending', 20_000);
		const [totals] = await admin.db.select({ boxes: count(), tubes: sum(sampleBoxes.tubes) }).from(sampleBoxes);
		expect({ boxes: totals.boxes, tubes: Number(totals.tubes) }).toEqual({ boxes: 11, tubes: 5 + 55 });

		const wallToken = (await createDisplayToken({ db: admin.db, input: { label: 'wall' }, actor: 'test' })).token;
		const socket = io(standby.url, { transports: ['websocket'], parser: socketParser, forceNew: true, auth: { token: wallToken } });
		const kpi = await until(async () => {
			const answer = await socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'kpis' }).catch(() => null);
			const current = answer?.ok ? ((answer.data as Snapshot).entities[0] as KpiEntity) : undefined;
			return current && current.tubesToday === 60 ? current : undefined;
		}, 'the live tubes counted once', 20_000);
		expect(kpi.tubesToday).toBe(60);
		socket.close();
	}, 180_000);
});
