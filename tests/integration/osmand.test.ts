/** Traccar Client's OsmAnd protocol: each documented form accepted from a registered tracker, everything else refused with a reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { positions, unknownTrackers } from '../../server/db/schema/index';
import { signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';

const OSMAND_PORT = 20_000 + Math.floor(Math.random() * 20_000);
let app: App;
let admin: { cookie: string };
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen', OSMAND_PORT: String(OSMAND_PORT) });
	admin = await signedIn(app, 'admin');
});
afterAll(async () => {
	await app.close();
});

const register = (body: object) => fetch(`${app.url}/api/admin/trackers`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie }, body: JSON.stringify(body) });
const fixesOf = async (vehicleId: string) => (await app.database.db.select({ n: count() }).from(positions).where(eq(positions.vehicleId, vehicleId)))[0].n;
const seconds = () => Math.floor(Date.now() / 1000);

describe('OsmAnd positions', () => {
	it('refuses an unregistered id with a reason, and lists it for an admin', async () => {
		const answer = await fetch(`${app.url}/api/ingest/osmand?id=860000000000099&lat=29.65&lon=115.85&timestamp=${seconds()}`);
		expect(answer.status).toBe(403);
		expect((await answer.json()).error).toMatch(/unknown device id "860000000000099": an admin must register it/);
		const listed = await (await fetch(`${app.url}/api/admin/trackers`, { headers: { cookie: admin.cookie } })).json();
		expect(listed.unknown).toEqual([expect.objectContaining({ id: '860000000000099', attempts: 1, lastLat: 29.65 })]);
	});

	it('takes the query form by GET and by POST, with location=lat,lon, and a form body; speed in knots', async () => {
		expect((await register({ trackerId: '860000000000001', vehicle: 'courier-1' })).status).toBe(201);
		const t = seconds();
		const get = await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&lat=29.65&lon=115.85&timestamp=${t - 3}&speed=10&bearing=90&altitude=30&accuracy=8&batt=76`);
		expect(get.status).toBe(200);
		expect(await get.text()).toBe('OK');
		expect((await fetch(`${app.url}/api/ingest/osmand?deviceid=860000000000001&location=29.651,115.851&timestamp=${(t - 2) * 1000}&heading=45`, { method: 'POST' })).status).toBe(200);
		const form = await fetch(`${app.url}/api/ingest/osmand`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `id=860000000000001&lat=29.652&lon=115.852&timestamp=${encodeURIComponent(new Date((t - 1) * 1000).toISOString().replace('T', ' ').slice(0, 19))}` });
		expect(form.status).toBe(200);
		await until(async () => (await fixesOf('courier-1')) === 3, 'three fixes stored');
		const [first] = await app.database.db.select().from(positions).where(and(eq(positions.vehicleId, 'courier-1'), eq(positions.lat, 29.65)));
		expect(first).toMatchObject({ speedKmh: 18.5, heading: 90 });
	});

	it('takes the JSON form, and counts a resent fix once', async () => {
		const body = JSON.stringify({ device_id: '860000000000001', location: { timestamp: new Date().toISOString(), coords: { latitude: 29.66, longitude: 115.86, speed: 10, heading: 180, accuracy: 5, altitude: 20 }, battery: { level: 0.5 }, is_moving: true } });
		const post = () => fetch(`${app.url}/api/ingest/osmand`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		expect((await post()).status).toBe(200);
		expect((await post()).status).toBe(200);
		await until(async () => (await fixesOf('courier-1')) === 4, 'the JSON fix stored');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await fixesOf('courier-1')).toBe(4);
	});

	it('takes positions at any path of OSMAND_PORT, as the app sends them to port 5055 by default', async () => {
		const answer = await fetch(`http://127.0.0.1:${OSMAND_PORT}/?id=860000000000001&lat=29.67&lon=115.87&timestamp=${seconds()}`);
		expect(answer.status).toBe(200);
		await until(async () => (await fixesOf('courier-1')) === 5, 'the fix sent to the OsmAnd port');
	});

	it('refuses malformed requests with a reason, and stores nothing', async () => {
		const before = await fixesOf('courier-1');
		const cases: [string, RequestInit | undefined, RegExp][] = [
			['?id=860000000000001&lat=29.65', undefined, /^lon must be a number/],
			['?id=860000000000001&lat=129&lon=115.85', undefined, /^lat must be within/],
			['?id=860000000000001&lat=29.65&lon=115.85&timestamp=tomorrow', undefined, /^timestamp: /],
			['?lat=29.65&lon=115.85', undefined, /^id: /],
			['', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"device_id":' }, /^body is not valid JSON/],
			['', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"device_id":"860000000000001"}' }, /^location: /]
		];
		for (const [query, init, reason] of cases) {
			const answer = await fetch(`${app.url}/api/ingest/osmand${query}`, init);
			expect(answer.status, query).toBe(400);
			expect((await answer.json()).error).toMatch(reason);
		}
		expect((await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&lat=29.65&lon=115.85&timestamp=${seconds() + 3600}`)).status).toBe(400);
		expect(await fixesOf('courier-1')).toBe(before);
	});

	it('keeps an iOS fix that knows neither battery, heading, speed nor accuracy, and counts what it left out', async () => {
		const before = await fixesOf('courier-1');
		const ios = { device_id: '860000000000001', location: { timestamp: new Date().toISOString(), coords: { latitude: 29.68, longitude: 115.88, speed: -1, heading: -1, accuracy: -1, altitude_accuracy: -1, altitude: 20 }, battery: { level: -1, is_charging: false }, is_moving: false } };
		const json = await fetch(`${app.url}/api/ingest/osmand`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ios) });
		expect(json.status, await json.clone().text()).toBe(200);
		const query = await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&lat=29.69&lon=115.89&timestamp=${Date.now() - 7}&batt=-1&bearing=-1&speed=-1&accuracy=-1`);
		expect(query.status, await query.clone().text()).toBe(200);
		await until(async () => (await fixesOf('courier-1')) === before + 2, 'both fixes stored');
		const metrics = await (await fetch(`${app.url}/metrics`)).text();
		expect(metrics).toMatch(/^osmand_fields_dropped_total\{field="batt"\} 2$/m);
		expect(metrics).toMatch(/^osmand_fields_dropped_total\{field="heading"\} 2$/m);
	});

	it('keeps every fix of a tracker with a long id (up to 64 characters), each once', async () => {
		for (const length of [50, 58, 64]) {
			const trackerId = `T${length}`.padEnd(length, 'x');
			const registered = await register({ trackerId });
			expect(registered.status).toBe(201);
			const { vehicleId } = await registered.json();
			const t = seconds() - 120;
			const send = (offset: number) => fetch(`${app.url}/api/ingest/osmand?id=${trackerId}&lat=29.6${offset}&lon=115.8&timestamp=${t + offset * 30}`);
			await until(async () => (await send(0)).status === 200, `the vehicle of the ${length}-character id to be known to ingest`);
			for (const offset of [1, 2, 3]) expect((await send(offset)).status, `fix ${offset} of the ${length}-character id`).toBe(200);
			await until(async () => (await fixesOf(vehicleId)) === 4, `the four fixes of the ${length}-character id`);
		}
	});

	it('refuses numbers that are not plain decimals and times that are not on the calendar, with a 400', async () => {
		const before = await fixesOf('courier-1');
		const cases: [string, RegExp][] = [
			['lat=0x1D&lon=115.85', /^lat must be a decimal number/],
			['lat=29.65&lon=115.85&timestamp=100000000000000000000', /^timestamp: /],
			['lat=29.65&lon=115.85&timestamp=2026-13-45%2099:99:99', /^timestamp: /]
		];
		for (const [query, reason] of cases) {
			const answer = await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&${query}`);
			expect(answer.status, query).toBe(400);
			expect((await answer.json()).error, query).toMatch(reason);
		}
		const json = await fetch(`${app.url}/api/ingest/osmand`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ device_id: '860000000000001', location: { timestamp: 1e20, coords: { latitude: 29.6, longitude: 115.8 } } }) });
		expect(json.status).toBe(400);
		expect(await fixesOf('courier-1')).toBe(before);
	});

	it('registers an id without a vehicle to a new courier vehicle, whose positions then count', async () => {
		const created = await (await register({ trackerId: '860000000000002' })).json();
		expect(created).toEqual({ trackerId: '860000000000002', vehicleId: 'tracker-860000000000002', createdVehicle: true });
		expect(await app.database.db.select().from(unknownTrackers).where(eq(unknownTrackers.id, '860000000000002'))).toEqual([]);
		await until(async () => (await fetch(`${app.url}/api/ingest/osmand?id=860000000000002&lat=29.6&lon=115.8`)).status === 200, 'the new vehicle to be known to ingest');
		expect((await register({ trackerId: '860000000000003', vehicle: '没有这辆车' })).status).toBe(404);
	});
});
