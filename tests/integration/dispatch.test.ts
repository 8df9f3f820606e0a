/** GET /api/dispatch/board: boxes against their limit, suggested pickups, couriers and labs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import type { DispatchBoard } from '../../src/lib/protocol/index';
import { deviceToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { box, position } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { loadDispatchBoard } from '../../server/modules/dispatch/dispatch-board';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';

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

	it('follows a box from pickup, with a missing tube flagged, to the lab’s receipt, where it leaves the board', async () => {
		const phone = await deviceToken(app, 'phone-courier-2');
		const lab = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' })).token;
		const post = (token: string, event: object) => fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: [event] }) }).then((response) => response.json());
		const pickedUp = await post(phone, { type: 'box.picked_up', id: 'pickup-new-jinlan-1', deviceId: 'phone-courier-2', at: ago(0.05), boxId: 'box-new-jinlan', siteId: 'site-jinlan', vehicleId: 'courier-2', tubesCounted: 19 });
		expect(pickedUp.accepted).toBe(1);
		const wrongDevice = await post(lab, { type: 'box.picked_up', id: 'pickup-new-jinlan-2', deviceId: 'lims-lab-chaisang-cdc', at: ago(0.05), boxId: 'box-new-jinlan', siteId: 'site-jinlan', vehicleId: 'courier-2', tubesCounted: 20 });
		expect(wrongDevice.results[0].reason).toBe('type: a lab_system may not post box.picked_up');
		const tablet = await deviceToken(app, 'tablet-site-jinlan');
		const tabletReceipt = await post(tablet, { type: 'box.received', id: 'receipt-by-tablet-1', deviceId: 'tablet-site-jinlan', at: ago(0.05), boxId: 'box-new-jinlan', labId: 'lab-chaisang-cdc', tubesCounted: 20 });
		expect(tabletReceipt.results[0].reason).toBe('type: a site_tablet may not post box.received');
		const dispatcher = await signedIn(app, 'dispatcher');
		const boardNow = async () => (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: dispatcher.cookie } })).json()) as DispatchBoard;
		const carried = await until(async () => (await boardNow()).boxes.find((each) => each.id === 'box-new-jinlan' && each.courierVehicleId === 'courier-2'), 'the pickup to be stored');
		expect(carried).toMatchObject({ tubeMismatch: true, handovers: [{ kind: 'pickup', to: 'vehicle:courier-2', tubesCounted: 19 }] });
		expect(carried.labEta).not.toBeNull();
		expect((await boardNow()).plan.runs.flatMap((run) => run.siteIds)).not.toContain('site-jinlan');

		expect((await post(lab, { type: 'box.received', id: 'receipt-old-baifan-1', deviceId: 'lims-lab-chaisang-cdc', at: ago(0.01), boxId: 'box-old-baifan', labId: 'lab-chaisang-cdc', tubesCounted: 30 })).accepted).toBe(1);
		await until(async () => !(await boardNow()).boxes.some((each) => each.id === 'box-old-baifan'), 'the received box to leave the board');
	});

	it('flags a courier standing 12 minutes on the road, but not one waiting at a site, and says where each arrived last', async () => {
		const road = { lat: 29.6405, lon: 115.8265 };
		const site = { lat: 29.671, lon: 115.851 };
		const events = [];
		for (let minute = 20; minute >= 0; minute -= 0.5) {
			// courier-3 drove up, then has stood on the road for the last 12 minutes.
			events.push(position({ vehicleId: 'courier-3', at: ago(minute), lat: minute > 12 ? road.lat - minute * 0.0005 : road.lat, lon: road.lon, speedKmh: minute > 12 ? 30 : 0 }));
			// courier-1 came to 白合村 and has waited there 12 minutes.
			events.push(position({ vehicleId: 'courier-1', at: ago(minute), lat: minute > 12 ? site.lat - (minute - 12) * 0.002 : site.lat, lon: site.lon, speedKmh: minute > 12 ? 30 : 0 }));
		}
		expect((await postEvents(app, { events })).status).toBe(200);
		const dispatcher = await signedIn(app, 'dispatcher');
		const board = await until(async () => {
			const fresh = (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: dispatcher.cookie } })).json()) as DispatchBoard;
			return fresh.vehicles.filter((vehicle) => vehicle.stopped !== null).length === 2 && fresh;
		}, 'both stops to show');
		const onRoad = board.vehicles.find((vehicle) => vehicle.id === 'courier-3')!;
		expect(onRoad).toMatchObject({ placeName: null, stopped: { flagged: true } });
		expect(onRoad.stopped!.minutes).toBeGreaterThanOrEqual(12);
		const atSite = board.vehicles.find((vehicle) => vehicle.id === 'courier-1')!;
		expect(atSite).toMatchObject({ placeName: '白合村采样点', stopped: { flagged: false }, lastFenceEvent: { type: 'arrive', placeName: '白合村采样点' } });
	});

	it('closes an accepted run once the boxes it collected are all received, freeing the courier for the next suggestion', async () => {
		const dispatcher = await signedIn(app, 'dispatcher');
		const boardNow = async () => (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: dispatcher.cookie } })).json()) as DispatchBoard;
		await postEvents(app, { events: [box({ siteId: 'site-lixin', boxId: 'box-run-lixin', at: ago(20), tubes: 12, people: 120 }), position({ vehicleId: 'courier-3', lat: 29.63, lon: 115.82, at: ago(0.02), speedKmh: 0 })] });
		// Parked (speed 0): once its run is done it is idle, not on the road.
		await until(async () => (await boardNow()).boxes.some((each) => each.id === 'box-run-lixin'), 'the box to be stored');
		const accepted = await fetch(`${app.url}/api/dispatch/runs`, { method: 'POST', headers: { cookie: dispatcher.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ courierId: 'courier-3', siteIds: ['site-lixin'], labId: 'lab-chaisang-cdc' }) });
		expect(accepted.status).toBe(201);
		const courierState = async () => (await boardNow()).vehicles.find((vehicle) => vehicle.id === 'courier-3')!.state;
		expect((await boardNow()).acceptedRuns.map((run) => run.courierId)).toContain('courier-3');
		expect(await courierState()).toBe('to_site');
		const phone = await deviceToken(app, 'phone-courier-3');
		const send = (event: object) => fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${phone}` }, body: JSON.stringify({ events: [event] }) });
		await send({ type: 'box.picked_up', id: 'run-pickup-lixin-1', deviceId: 'phone-courier-3', at: new Date().toISOString(), boxId: 'box-run-lixin', siteId: 'site-lixin', vehicleId: 'courier-3', tubesCounted: 12 });
		await until(async () => (await boardNow()).boxes.some((each) => each.id === 'box-run-lixin' && each.courierVehicleId === 'courier-3'), 'the pickup to be stored');
		expect((await boardNow()).acceptedRuns.map((run) => run.courierId)).toContain('courier-3');
		expect(await courierState()).toBe('to_lab');
		// Handed over at the lab from the courier's phone: the run is done.
		await send({ type: 'box.received', id: 'run-receipt-lixin-1', deviceId: 'phone-courier-3', at: new Date(Date.now() + 1000).toISOString(), boxId: 'box-run-lixin', labId: 'lab-chaisang-cdc', tubesCounted: 12 });
		await until(async () => !(await boardNow()).acceptedRuns.some((run) => run.courierId === 'courier-3'), 'the run to close');
		expect(await courierState()).toBe('idle');
	});

	it('gives each lab today\'s testing rate and the hours to clear its backlog at that rate', async () => {
		const lab = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' })).token;
		const report = (id: string, at: string, receivedTubes: number, testedTubes: number) =>
			fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lab}` }, body: JSON.stringify({ events: [{ type: 'lab.counts', id, deviceId: 'lims-lab-chaisang-cdc', at, labId: 'lab-chaisang-cdc', receivedTubes, testedTubes }] }) });
		// Yesterday noon, China time: both reports fall in one service day whenever the test runs.
		const noon = serviceDayStart(serviceDay(Date.now() - 24 * 3_600_000)) + 12 * 3_600_000;
		const before = (minutes: number) => new Date(noon - minutes * 60_000).toISOString();
		// Sent newest first: the rate does not depend on the order the reports arrive in.
		await report('lab-rate-0002', before(1), 1000, 400);
		await report('lab-rate-0001', before(61), 300, 10);
		const labs = await until(async () => {
			const board = await loadDispatchBoard(app.database.db, noon);
			return board.labs[0].testedPerHour !== null && board.labs;
		}, 'the reports to be stored');
		// 400 tubes in the hour since the first report with any tested: 600 in backlog clear in 1.5 h.
		expect(labs[0]).toMatchObject({ receivedToday: 1000, testedToday: 400, backlogTubes: 600, testedPerHour: 400, hoursToClear: 1.5 });
	});

	it('does not call a new box late just because every courier is out: it plans the next run after a current one', async () => {
		const dispatcher = await signedIn(app, 'dispatcher');
		const headers = { cookie: dispatcher.cookie, 'content-type': 'application/json' };
		const boardNow = async () => (await (await fetch(`${app.url}/api/dispatch/board`, { headers })).json()) as DispatchBoard;
		await postEvents(app, { events: ['courier-1', 'courier-2', 'courier-3'].map((vehicleId) => position({ vehicleId, lat: 29.64, lon: 115.85, at: ago(0.01) })) });
		const runIds: number[] = [];
		for (const [courierId, siteId] of [['courier-1', 'site-baihe'], ['courier-2', 'site-jinqiao'], ['courier-3', 'site-lianmeng']]) {
			const response = await fetch(`${app.url}/api/dispatch/runs`, { method: 'POST', headers, body: JSON.stringify({ courierId, siteIds: [siteId], labId: 'lab-chaisang-cdc' }) });
			runIds.push(((await response.json()) as { runId: number }).runId);
		}
		await postEvents(app, { events: [box({ siteId: 'site-hongxin', boxId: 'box-all-busy', at: ago(1), tubes: 10, people: 100 })] });
		const board = await until(async () => {
			const fresh = await boardNow();
			return fresh.boxes.some((each) => each.id === 'box-all-busy') && fresh;
		}, 'the box to be stored');
		expect(board.boxes.find((each) => each.id === 'box-all-busy')!.risk).toBe('ok');
		const next = board.plan.runs.find((run) => run.siteIds.includes('site-hongxin'))!;
		expect(next.afterCurrentRun).toBe(true);
		for (const id of runIds) await fetch(`${app.url}/api/dispatch/runs/${id}/cancel`, { method: 'POST', headers });
	});
});
