/** GET /api/replay: a courier's morning played back with its stops, distance, arrivals and the custody of its boxes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import type { ReplayWindow } from '../../src/lib/protocol/index';
import { deviceToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, position } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';

let app: App;
let cookie: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	cookie = (await signedIn(app, 'dispatcher')).cookie;
});
afterAll(async () => {
	await app.close();
});

const MIN = 60_000;
const replay = (query: string) => fetch(`${app.url}/api/replay?${query}`, { headers: { cookie } });

describe('replay', () => {
	it('refuses a window it cannot play, saying why', async () => {
		const now = Date.now();
		const iso = (ms: number) => new Date(ms).toISOString();
		const cases: [string, number, string][] = [
			[`vehicles=courier-1&from=yesterday&to=${iso(now)}`, 400, 'from: from must be an ISO 8601 time with a zone, e.g. 2026-11-23T06:00:00+08:00'],
			[`vehicles=courier-1&from=${iso(now)}&to=${iso(now - MIN)}`, 400, 'query: from must be before to'],
			[`vehicles=courier-1&from=${iso(now - 25 * 60 * MIN)}&to=${iso(now)}`, 400, 'query: a replay covers at most 24 hours'],
			[`vehicles=courier-1,bus-9&from=${iso(now - MIN)}&to=${iso(now)}`, 404, 'vehicles: no vehicle "bus-9"'],
			[`from=${iso(now - MIN)}&to=${iso(now)}`, 400, 'vehicles: vehicles is required: "all" or vehicle codes separated by commas']
		];
		for (const [query, status, error] of cases) {
			const response = await replay(query);
			expect([response.status, (await response.json()).error]).toEqual([status, error]);
		}
		const viewer = await signedIn(app, 'viewer');
		expect((await fetch(`${app.url}/api/replay?vehicles=all&from=${iso(now - MIN)}&to=${iso(now)}`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
	});

	it('plays back a morning: the track, a stop at the site, the distance, arrivals, and the box picked up and received', async () => {
		const start = Date.now() - 60 * MIN;
		const at = (minute: number) => new Date(start + minute * MIN).toISOString();
		const baifan = { lat: 29.661, lon: 115.83 };
		const lab = { lat: 29.611, lon: 115.905 };
		const line = (from: { lat: number; lon: number }, to: { lat: number; lon: number }, f: number) => ({ lat: from.lat + (to.lat - from.lat) * f, lon: from.lon + (to.lon - from.lon) * f });
		const origin = { lat: 29.64, lon: 115.8 };
		const events = [];
		// 10 minutes' drive to 白畈村, 12 minutes there, 20 minutes to the lab, 5 minutes there.
		for (let m = 0; m < 10; m += 0.5) events.push(position({ vehicleId: 'courier-2', at: at(m), ...line(origin, baifan, m / 10) }));
		for (let m = 10; m <= 22; m += 0.5) events.push(position({ vehicleId: 'courier-2', at: at(m), ...baifan, speedKmh: 0 }));
		for (let m = 22.5; m < 42; m += 0.5) events.push(position({ vehicleId: 'courier-2', at: at(m), ...line(baifan, lab, (m - 22) / 20) }));
		for (let m = 42; m <= 47; m += 0.5) events.push(position({ vehicleId: 'courier-2', at: at(m), ...lab, speedKmh: 0 }));
		events.push(box({ siteId: 'site-baifan', boxId: 'box-replay-1', at: at(5), tubes: 25, people: 250 }));
		expect((await postEvents(app, { events })).status).toBe(200);
		const phone = await deviceToken(app, 'phone-courier-2');
		const lims = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' })).token;
		const send = (token: string, event: object) => fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: [event] }) });
		await send(phone, { type: 'box.picked_up', id: 'replay-pickup-1', deviceId: 'phone-courier-2', at: at(15), boxId: 'box-replay-1', siteId: 'site-baifan', vehicleId: 'courier-2', tubesCounted: 25 });
		await send(lims, { type: 'box.received', id: 'replay-receipt-1', deviceId: 'lims-lab-chaisang-cdc', at: at(44), boxId: 'box-replay-1', labId: 'lab-chaisang-cdc', tubesCounted: 25 });

		const query = `vehicles=courier-2&from=${encodeURIComponent(at(-5))}&to=${encodeURIComponent(at(50))}`;
		const window = await until(async () => {
			const response = await replay(query);
			const body = (await response.json()) as ReplayWindow;
			return body.vehicles[0]?.fixes.length === events.length - 1 && body.vehicles[0].custody.length === 2 && body;
		}, 'the morning to be stored');
		const [track] = window.vehicles;
		expect(track).toMatchObject({ id: 'courier-2', kind: 'courier' });
		expect(window.thinnedToEvery).toBe(1);
		expect(track.fixes[0][0]).toBe(start);
		// Straight lines: about 3.3 km to the site and 9 km on to the lab.
		expect(track.distanceKm).toBeGreaterThan(11);
		expect(track.distanceKm).toBeLessThan(14);
		expect(track.stops.map((stop) => [stop.placeName, stop.flagged, Math.round(stop.minutes)])).toEqual([['白畈村采样点', false, 12]]);
		expect(track.fenceEvents.map((event) => `${event.type} ${event.placeName}`)).toEqual(['arrive 白畈村采样点', 'depart 白畈村采样点', 'arrive 柴桑区疾控中心实验室']);
		expect(track.custody.map((event) => [event.kind, event.boxId, event.tubesCounted, event.siteName])).toEqual([
			['pickup', 'box-replay-1', 25, '白畈村采样点'],
			['receipt', 'box-replay-1', 25, '白畈村采样点']
		]);
		// The receipt was recorded without a position: it is placed where the courier was then, at the lab.
		expect(track.custody[1].lat).toBeCloseTo(lab.lat, 3);

		const everyone = (await (await replay(query.replace('vehicles=courier-2', 'vehicles=all'))).json()) as ReplayWindow;
		expect(everyone.vehicles.map((vehicle) => vehicle.id)).toEqual(['courier-1', 'courier-2', 'courier-3', 'transfer-1', 'transfer-2']);
	});
});
