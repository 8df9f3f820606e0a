/**
 * The dispatcher's commands reach every dispatcher's browser as deltas of the runs and transfers
 * layers, over real Socket.io clients: a run accepted by dispatcher A shows on dispatcher B's socket
 * without B reading anything, and so does a transfer assigned. A wall or a viewer never receives
 * those layers, and a refused command sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { App } from '../../server/app';
import type { Ack, ClientToServerEvents, Delta, RunEntity, ServerToClientEvents, Snapshot, TransferBoard, TransferEntity } from '../../src/lib/protocol/index';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { displayToken, signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Listener {
	socket: ClientSocket;
	snapshots: Snapshot[];
	/** Every delta received, by event name (`runs:delta`, …), in order. */
	deltas: Map<string, Delta[]>;
	close(): void;
}

function listen(url: string, credential: { token: string } | { cookie: string }): Listener {
	const socket: ClientSocket = io(url, { transports: ['websocket'], parser: socketParser, forceNew: true, ...('token' in credential ? { auth: { token: credential.token } } : { extraHeaders: { cookie: credential.cookie } }) });
	const snapshots: Snapshot[] = [];
	const deltas = new Map<string, Delta[]>();
	socket.onAny((event: string, payload: unknown) => {
		if (event === 'snapshot') snapshots.push(payload as Snapshot);
		else if (event.endsWith(':delta')) deltas.set(event, [...(deltas.get(event) ?? []), payload as Delta]);
	});
	return { socket, snapshots, deltas, close: () => socket.close() };
}

let app: App;
let dispatcherA: { cookie: string; username: string };
let b: Listener;
let wall: Listener;
let viewer: Listener;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	dispatcherA = await signedIn(app, 'dispatcher');
	b = listen(app.url, { cookie: (await signedIn(app, 'dispatcher')).cookie });
	wall = listen(app.url, { token: await displayToken(app) });
	viewer = listen(app.url, { cookie: (await signedIn(app, 'viewer')).cookie });
	await until(() => b.snapshots.length === 5 && wall.snapshots.length === 3 && viewer.snapshots.length === 3, 'the first snapshots');
});
afterAll(async () => {
	for (const listener of [b, wall, viewer]) listener?.close();
	await app.close();
});

async function postAsA(path: string, body?: unknown) {
	const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie: dispatcherA.cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	return { status: response.status, body: await response.json() };
}

const runDeltas = () => (b.deltas.get('runs:delta') ?? []) as Delta<'runs'>[];
const transferDeltas = () => (b.deltas.get('transfers:delta') ?? []) as Delta<'transfers'>[];
/** The first delta after `seen` that mentions the entity, upserted or removed. */
const nextAbout = <L extends 'runs' | 'transfers'>(deltas: () => Delta<L>[], seen: number, id: string, what: string) =>
	until(() => deltas().slice(seen).find((delta) => delta.removes.includes(id) || delta.upserts.some((entity) => entity.id === id)), what);

describe('the dispatcher\'s live layers', () => {
	it('sends a dispatcher the runs and transfers layers whole on connect, and a wall or a viewer neither', () => {
		expect(b.snapshots.map((snapshot) => snapshot.layer).sort()).toEqual(['kpis', 'runs', 'sites', 'transfers', 'vehicles']);
		for (const other of [wall, viewer]) expect(other.snapshots.map((snapshot) => snapshot.layer).sort()).toEqual(['kpis', 'sites', 'vehicles']);
	});

	it('shows dispatcher B a run dispatcher A accepts, edits and cancels, each as the next delta of the runs layer', async () => {
		const seen = runDeltas().length;
		const accepted = await postAsA('/api/dispatch/runs', { courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' });
		expect(accepted.status).toBe(201);
		const id = String(accepted.body.runId);
		const arrived = await nextAbout(runDeltas, seen, id, 'the accepted run on B\'s socket');
		expect(arrived.upserts).toEqual([expect.objectContaining({ id, runId: accepted.body.runId, courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc', acceptedBy: `user:${dispatcherA.username}` })]);

		const edited = await postAsA(`/api/dispatch/runs/${id}/edit`, { siteIds: ['site-baifan', 'site-jinlan'], labId: 'lab-chaisang-cdc' });
		expect(edited.status).toBe(200);
		const change = await nextAbout(runDeltas, runDeltas().indexOf(arrived) + 1, id, 'the edit on B\'s socket');
		expect((change.upserts[0] as RunEntity).siteIds).toEqual(['site-baifan', 'site-jinlan']);

		expect((await postAsA(`/api/dispatch/runs/${id}/cancel`)).status).toBe(200);
		const gone = await nextAbout(runDeltas, runDeltas().indexOf(change) + 1, id, 'the cancellation on B\'s socket');
		expect(gone.removes).toEqual([id]);
		// B missed nothing: every delta of the layer follows the one before.
		const seqs = runDeltas().map((delta) => delta.seq);
		expect(seqs).toEqual(seqs.map((_, index) => seqs[0] + index));
	});

	it('shows dispatcher B a transfer A assigns and then cancels', async () => {
		const board = (await (await fetch(`${app.url}/api/transfers`, { headers: { cookie: dispatcherA.cookie } })).json()) as TransferBoard;
		const household = board.awaiting.find((subject) => subject.kind === 'household')!;
		const seen = transferDeltas().length;
		const assigned = await postAsA('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: household.id });
		expect(assigned.status).toBe(201);
		const id = String(assigned.body.taskId);
		const arrived = await nextAbout(transferDeltas, seen, id, 'the assigned transfer on B\'s socket');
		expect(arrived.upserts).toEqual([expect.objectContaining({ id, status: 'open', vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: household.id, passengers: household.passengers })]);
		// Codes and counts only: the home is not on the layer.
		expect(Object.keys(arrived.upserts[0])).not.toContain('pickupLat');

		expect((await postAsA(`/api/transfers/${id}/cancel`, { reason: '测试：改派' })).status).toBe(200);
		const closed = await nextAbout(transferDeltas, transferDeltas().indexOf(arrived) + 1, id, 'the cancellation on B\'s socket');
		expect((closed.upserts[0] as TransferEntity).status).toBe('cancelled');
	});

	it('sends nothing for a refused command, and refuses as before', async () => {
		const first = await postAsA('/api/dispatch/runs', { courierId: 'courier-2', siteIds: ['site-jinlan'], labId: 'lab-chaisang-cdc' });
		const firstDelta = await nextAbout(runDeltas, 0, String(first.body.runId), 'the first run');
		const busy = await postAsA('/api/dispatch/runs', { courierId: 'courier-2', siteIds: ['site-lixin'], labId: 'lab-chaisang-cdc' });
		expect([busy.status, busy.body.code, busy.body.message.zh]).toEqual([409, 'courier_busy', expect.stringMatching(/已有进行中的派单/)]);
		// The next delta B receives is the next command's, and the refused one left no trace before it.
		const next = await postAsA('/api/dispatch/runs', { courierId: 'courier-3', siteIds: ['site-lixin'], labId: 'lab-chaisang-cdc' });
		const nextDelta = await nextAbout(runDeltas, runDeltas().indexOf(firstDelta) + 1, String(next.body.runId), 'the next run');
		const between = runDeltas().slice(runDeltas().indexOf(firstDelta) + 1, runDeltas().indexOf(nextDelta) + 1);
		expect(between.flatMap((delta) => delta.upserts as RunEntity[]).map((run) => run.courierId)).toEqual(['courier-3']);
	});

	it('never gives a wall or a viewer a runs or transfers frame, and refuses them a snapshot of either', async () => {
		for (const other of [wall, viewer]) {
			expect([...other.deltas.keys()].filter((event) => event.startsWith('runs') || event.startsWith('transfers'))).toEqual([]);
			const answer = (await other.socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'runs' })) as Ack<Snapshot>;
			expect(answer).toMatchObject({ ok: false, message: { zh: expect.stringMatching(/无权/) } });
		}
		const mine = (await b.socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'runs' })) as Ack<Snapshot>;
		expect(mine.ok && (mine.data.entities as RunEntity[]).map((run) => run.courierId).sort()).toEqual(['courier-2', 'courier-3']);
	});
});

