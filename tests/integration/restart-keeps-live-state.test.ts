/**
 * A restart of the embedded server (same DATA_DIR) keeps the live state: the queues, the boxes of
 * the day and the KPIs come back as they were, and the demo's simulated tablets go on from the
 * queues the server had instead of starting the morning over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { provisionSimulatedDevices } from '../../server/modules/identity/demo-credentials';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { Simulator } from '../../server/sim/simulator';
import { postEvents, startTestApp } from '../fixtures/app';
import { box, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { openWall, type WallView } from '../fixtures/wall-socket';

const dataDir = mkdtempSync(join(tmpdir(), 'restart-live-'));
let app: App | null = null;
let wall: WallView | null = null;
let simulator: Simulator | null = null;

afterAll(async () => {
	await simulator?.stop();
	wall?.close();
	await app?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** A wall on the running app (the one before it closed): its sites and KPIs as snapshots and deltas leave them. */
async function reopenWall(running: App): Promise<WallView> {
	wall?.close();
	wall = await openWall(running);
	return wall;
}

describe('a restart keeps the live state', () => {
	it('queues and the day’s boxes are on the wall after a restart as before it, and the simulated tablets go on from them', async () => {
		app = await startTestApp({ DATA_DIR: dataDir });
		const at = new Date(Date.now() - 20_000).toISOString();
		// Longer than any queue the demo draws at its start (450 at most): a tablet that started over could not report it.
		// Baifan's tablet has counted more people than its box holds (the next box is not sealed yet); Jinlan has sealed none.
		const answer = await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 2500, at, sampledToday: 410 }), queue({ siteId: 'site-jinlan', queueLength: 88, at, sampledToday: 57 }), box({ siteId: 'site-baifan', at, tubes: 37, people: 365 })] });
		expect(answer.json.accepted).toBe(3);
		const first = await reopenWall(app);
		await until(() => {
			const baifan = first.sites.get('site-baifan');
			return baifan?.queueLength === 2500 && baifan.boxesToday === 1 && first.sites.get('site-jinlan')?.queueLength === 88 ? true : undefined;
		}, 'the reports on the wall');
		expect(first.sites.get('site-baifan')!.peopleToday).toBe(410);
		expect(first.sites.get('site-jinlan')!.peopleToday).toBe(57);
		const before = { sites: new Map(first.sites), kpi: first.kpi() };
		await until(() => (app!.projector!.status.unpersisted === 0 ? true : undefined), 'the reports persisted');

		await app.close();
		app = await startTestApp({ DATA_DIR: dataDir });
		const after = await reopenWall(app);
		for (const siteId of ['site-baifan', 'site-jinlan']) {
			const was = before.sites.get(siteId)!;
			expect(after.sites.get(siteId), siteId).toMatchObject({ queueLength: was.queueLength, queueAt: was.queueAt, tubesToday: was.tubesToday, peopleToday: was.peopleToday, boxesToday: was.boxesToday, status: was.status });
		}
		expect(after.kpi()).toMatchObject({ peopleQueueing: before.kpi.peopleQueueing, tubesToday: before.kpi.tubesToday, peopleSampledToday: before.kpi.peopleSampledToday, dataTime: before.kpi.dataTime });

		// The demo's tablets start again with the server: their first reports go on from its queues.
		const devices = await provisionSimulatedDevices({ db: app.database.db, scenario: chengmen });
		simulator = new Simulator({ scenario: chengmen, ingestUrl: `${app.url.replace('localhost', '127.0.0.1')}/api/ingest/events`, devices, logger: { warn: () => {} } });
		await simulator.start();
		const reported = await until(() => {
			const baifan = after.sites.get('site-baifan');
			return baifan && baifan.queueAt !== before.sites.get('site-baifan')!.queueAt ? baifan : undefined;
		}, 'the simulated tablet’s first report');
		expect(reported.queueLength).toBeGreaterThan(2400);
		expect(reported.queueLength).toBeLessThan(2600);
		// …and its count of the day goes on from the server's, never from zero.
		expect(reported.peopleToday).toBeGreaterThanOrEqual(410);
		expect(after.sites.get('site-baifan')!.boxesToday).toBe(1);
	}, 240_000);
});
