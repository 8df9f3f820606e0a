/**
 * A restart of the embedded server (same DATA_DIR) keeps the dispatcher's live layers: the run in
 * progress and the transfer task on their way are in the snapshots the first socket gets, read
 * back from storage, and the cancelled run stays gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { App } from '../../server/app';
import type { RunEntity, Snapshot, TransferBoard, TransferEntity } from '../../src/lib/protocol/index';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';

const dataDir = mkdtempSync(join(tmpdir(), 'restart-dispatch-'));
let app: App | null = null;

afterAll(async () => {
	await app?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** The runs and transfers snapshots a dispatcher's socket gets on connect. */
async function dispatchSnapshots(running: App, cookie: string) {
	const socket = io(running.url, { transports: ['websocket'], parser: socketParser, forceNew: true, extraHeaders: { cookie } });
	const snapshots = new Map<string, Snapshot>();
	socket.on('snapshot', (snapshot: Snapshot) => snapshots.set(snapshot.layer, snapshot));
	await until(() => snapshots.has('runs') && snapshots.has('transfers'), 'the dispatcher\'s snapshots');
	socket.close();
	return { runs: snapshots.get('runs')!.entities as RunEntity[], transfers: snapshots.get('transfers')!.entities as TransferEntity[] };
}

describe('a restart keeps the dispatcher\'s live layers', () => {
	it('shows the open run and the transfer task after a restart, and not the run cancelled before it', async () => {
		app = await startTestApp({ DATA_DIR: dataDir, SCENARIO: 'chengmen' });
		const dispatcher = await signedIn(app, 'dispatcher');
		const post = async (path: string, body?: unknown) => (await fetch(`${app!.url}${path}`, { method: 'POST', headers: { cookie: dispatcher.cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })).json();
		const kept = await post('/api/dispatch/runs', { courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' });
		const dropped = await post('/api/dispatch/runs', { courierId: 'courier-2', siteIds: ['site-jinlan'], labId: 'lab-chaisang-cdc' });
		await post(`/api/dispatch/runs/${dropped.runId}/cancel`);
		const board = (await (await fetch(`${app.url}/api/transfers`, { headers: { cookie: dispatcher.cookie } })).json()) as TransferBoard;
		const task = await post('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: board.awaiting.find((subject) => subject.kind === 'household')!.id });
		await until(async () => (await dispatchSnapshots(app!, dispatcher.cookie)).transfers.length === 1, 'the task on the live layer');
		await app.close();

		app = await startTestApp({ DATA_DIR: dataDir, SCENARIO: 'chengmen' });
		const after = await dispatchSnapshots(app, dispatcher.cookie);
		expect(after.runs.map((run) => [run.runId, run.courierId, run.siteIds])).toEqual([[kept.runId, 'courier-1', ['site-baifan']]]);
		expect(after.transfers).toEqual([expect.objectContaining({ taskId: task.taskId, status: 'open', vehicleId: 'transfer-2' })]);
	}, 300_000);
});
