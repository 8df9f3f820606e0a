/** GET /api/dispatch/board: boxes against their limit, suggested pickups, couriers and labs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import type { DispatchBoard } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, position } from '../fixtures/events';
import { until } from '../fixtures/wait';

let app: App;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
});
afterAll(async () => {
	await app.close();
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('the dispatch board', () => {
	it('is for dispatchers and commanders', async () => {
		const viewer = await signedIn(app, 'viewer');
		expect((await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
	});

	it('lists waiting boxes least time first with their risk, and suggests a run that reaches the lab in time', async () => {
		await postEvents(app, {
			events: [
				box({ siteId: 'site-baifan', boxId: 'box-old-baifan', at: ago(200), tubes: 30, people: 300 }),
				box({ siteId: 'site-jinlan', boxId: 'box-new-jinlan', at: ago(30), tubes: 20, people: 200 }),
				position({ vehicleId: 'courier-2', deviceId: 'phone-courier-2', lat: 29.66, lon: 115.835, at: ago(0.1) })
			]
		});
		const dispatcher = await signedIn(app, 'dispatcher');
		const board = await until(async () => {
			const fresh = (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: dispatcher.cookie } })).json()) as DispatchBoard;
			return fresh.boxes.length === 2 && fresh.vehicles.some((vehicle) => vehicle.id === 'courier-2' && vehicle.fixAgeSeconds !== null) && fresh;
		}, 'the boxes and the fix to be stored');
		expect(board.boxes.map((each) => [each.id, each.risk])).toEqual([
			['box-old-baifan', 'near_deadline'],
			['box-new-jinlan', 'ok']
		]);
		expect(board.boxes[0].minutesLeft).toBeGreaterThan(35);
		expect(board.boxes[0].minutesLeft).toBeLessThanOrEqual(40);
		const [run] = board.plan.runs;
		expect(run).toMatchObject({ courierId: 'courier-2', labId: 'lab-chaisang-cdc', tubes: 50 });
		expect(run.siteIds[0]).toBe('site-baifan');
		expect(run.arrivals.at(-1)!).toBeLessThan(run.deadline);
		expect(board.boxes[0].labEta).not.toBeNull();
		expect(board.labs[0]).toMatchObject({ id: 'lab-chaisang-cdc', capacityTubesPerDay: 3000 });
	});
});
