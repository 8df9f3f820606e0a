/**
 * The dispatcher's commands travel the event path: accepting, editing and cancelling a run,
 * assigning and cancelling a transfer each append a past-tense event with the actor, committed with
 * their rows; a refused command appends nothing. No home, name or free-text reason is on the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { commandOutbox, eventLog, pickupRuns } from '../../server/db/schema/index';
import type { TransferBoard } from '../../src/lib/protocol/index';
import { dispatchEvent } from '../../src/lib/protocol/dispatch-events';
import { signedIn, startTestApp } from '../fixtures/app';

let app: App;
let cookie: string;
let actor: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const dispatcher = await signedIn(app, 'dispatcher');
	cookie = dispatcher.cookie;
	actor = `user:${dispatcher.username}`;
});
afterAll(async () => {
	await app.close();
});

async function post(path: string, body?: unknown) {
	const response = await fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	return { status: response.status, body: await response.json() };
}

/** The event as the log holds it, checked against its protocol schema. */
async function logged(eventId: string) {
	const [row] = await app.database.db.select().from(eventLog).where(eq(eventLog.eventId, eventId));
	expect(row, `event ${eventId} on the log`).toBeDefined();
	const [outbox] = await app.database.db.select().from(commandOutbox).where(eq(commandOutbox.eventId, eventId));
	expect(outbox.appendedAt).not.toBeNull();
	return dispatchEvent.parse(row.payload);
}

const outboxSize = async () => (await app.database.db.select({ n: count() }).from(commandOutbox))[0].n;

describe('run commands', () => {
	it('accepts, edits and cancels a run, each with its event and actor on the log', async () => {
		const accepted = await post('/api/dispatch/runs', { courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' });
		expect(accepted.status).toBe(201);
		const { runId } = accepted.body;
		expect(await logged(accepted.body.eventId)).toMatchObject({ type: 'run.accepted', runId, courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc', actor });

		const edited = await post(`/api/dispatch/runs/${runId}/edit`, { siteIds: ['site-baifan', 'site-jinlan'], labId: 'lab-chaisang-cdc' });
		expect(edited.status).toBe(200);
		expect(await logged(edited.body.eventId)).toMatchObject({ type: 'run.edited', runId, siteIds: ['site-baifan', 'site-jinlan'], previous: { siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' }, actor });
		const [row] = await app.database.db.select().from(pickupRuns).where(eq(pickupRuns.id, runId));
		expect(row.siteIds).toEqual(['site-baifan', 'site-jinlan']);

		const cancelled = await post(`/api/dispatch/runs/${runId}/cancel`);
		expect(cancelled.status).toBe(200);
		expect(cancelled.body.cancelled).toBe(runId);
		expect(await logged(cancelled.body.eventId)).toMatchObject({ type: 'run.cancelled', runId, courierId: 'courier-1', actor });
	});

	it('appends nothing when it refuses: a busy courier, an edit of a closed run, an edit that changes nothing', async () => {
		const first = await post('/api/dispatch/runs', { courierId: 'courier-2', siteIds: ['site-jinlan'], labId: 'lab-chaisang-cdc' });
		expect(first.status).toBe(201);
		const before = await outboxSize();
		expect((await post('/api/dispatch/runs', { courierId: 'courier-2', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' })).body.code).toBe('courier_busy');
		const same = await post(`/api/dispatch/runs/${first.body.runId}/edit`, { siteIds: ['site-jinlan'], labId: 'lab-chaisang-cdc' });
		expect([same.status, same.body.code, same.body.message.zh]).toEqual([400, 'run_unchanged', expect.stringMatching(/没有改动/)]);
		expect((await post(`/api/dispatch/runs/99999/edit`, { siteIds: ['site-jinlan'], labId: 'lab-chaisang-cdc' })).body.code).toBe('no_open_run');
		expect(await outboxSize()).toBe(before);
	});
});

describe('transfer commands', () => {
	it('assigns and cancels a transfer with events that carry codes and counts, never the pickup point or the reason', async () => {
		const board = (await (await fetch(`${app.url}/api/transfers`, { headers: { cookie } })).json()) as TransferBoard;
		const household = board.awaiting[0];
		const assigned = await post('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: household.id });
		expect(assigned.status).toBe(201);
		const event = await logged(assigned.body.eventId);
		expect(event).toMatchObject({ type: 'transfer.assigned', taskId: assigned.body.taskId, vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: household.id, returneeId: null, passengers: household.passengers, actor });
		expect(Object.keys(event)).not.toContain('pickupLat');

		const reason = '家属核酸阳性，改派负压车';
		const cancelled = await post(`/api/transfers/${assigned.body.taskId}/cancel`, { reason });
		expect(cancelled.status).toBe(200);
		const cancel = await logged(cancelled.body.eventId);
		expect(cancel).toMatchObject({ type: 'transfer.cancelled', taskId: assigned.body.taskId, actor });
		expect(JSON.stringify(cancel)).not.toContain(reason);

		const before = await outboxSize();
		expect((await post(`/api/transfers/${assigned.body.taskId}/cancel`, { reason })).body.code).toBe('no_open_transfer');
		expect(await outboxSize()).toBe(before);
	});
});
