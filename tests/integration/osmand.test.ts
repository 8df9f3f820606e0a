/** Traccar Client's OsmAnd protocol: each documented form accepted from a registered tracker, everything else refused with a reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { positions, unknownTrackers } from '../../server/db/schema/index';
import { TrackerDirectory, UNKNOWN_TRACKERS } from '../../server/modules/trackers/trackers';
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

	it('answers a resent fix time with another position as a conflict (409)', async () => {
		const t = Date.now() - 5;
		expect((await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&lat=29.61&lon=115.81&timestamp=${t}`)).status).toBe(200);
		expect((await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&lat=29.61&lon=115.81&timestamp=${t}`)).status).toBe(200);
		const moved = await fetch(`${app.url}/api/ingest/osmand?id=860000000000001&lat=29.62&lon=115.81&timestamp=${t}`);
		expect(moved.status).toBe(409);
		expect((await moved.json()).error).toMatch(/already accepted with different content/);
		await until(async () => (await fixesOf('courier-1')) === 5, 'the first fix stored');
	});

	it('takes positions at any path of OSMAND_PORT, as the app sends them to port 5055 by default', async () => {
		const answer = await fetch(`http://127.0.0.1:${OSMAND_PORT}/?id=860000000000001&lat=29.67&lon=115.87&timestamp=${seconds()}`);
		expect(answer.status).toBe(200);
		await until(async () => (await fixesOf('courier-1')) === 6, 'the fix sent to the OsmAnd port');
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

	it('notes only a few unknown ids per source address, however many it makes up, and answers each 403', async () => {
		const rows = async () => (await app.database.db.select({ n: count() }).from(unknownTrackers))[0].n;
		const before = await rows();
		for (let index = 0; index < 100; index++) {
			const answer = await fetch(`${app.url}/api/ingest/osmand?id=flood-${index}-${Math.random().toString(36).slice(2)}&lat=29.65&lon=115.85`);
			expect(answer.status).toBe(403);
		}
		expect((await rows()) - before).toBeLessThanOrEqual(UNKNOWN_TRACKERS.burstPerAddress + 1);
	});

	it('keeps at most the newest 1,000 unknown ids, and forgets those not heard from in 7 days', async () => {
		const directory = new TrackerDirectory(app.database.db);
		const now = Date.now();
		const stale = new Date(now - 8 * 24 * 3600_000);
		await app.database.db.insert(unknownTrackers).values({ id: 'unknown-stale', firstSeenAt: stale, lastSeenAt: stale, attempts: 3, lastLat: 29.6, lastLon: 115.8 });
		const old = Array.from({ length: UNKNOWN_TRACKERS.maxRows }, (_, index) => ({ id: `unknown-old-${String(index).padStart(4, '0')}`, firstSeenAt: new Date(now - 3600_000 + index), lastSeenAt: new Date(now - 3600_000 + index), attempts: 1, lastLat: 29.6, lastLon: 115.8 }));
		for (let start = 0; start < old.length; start += 500) await app.database.db.insert(unknownTrackers).values(old.slice(start, start + 500));
		for (const id of ['unknown-new-1', 'unknown-new-2', 'unknown-new-3']) await directory.noteUnknown(id, { lat: 29.6, lon: 115.8 }, `10.9.9.${id.slice(-1)}`, now);
		const ids = (await app.database.db.select({ id: unknownTrackers.id }).from(unknownTrackers)).map((row) => row.id);
		expect(ids).toHaveLength(UNKNOWN_TRACKERS.maxRows);
		expect(ids).toEqual(expect.arrayContaining(['unknown-new-1', 'unknown-new-2', 'unknown-new-3']));
		expect(ids).not.toContain('unknown-stale');
		expect(ids).not.toContain('unknown-old-0000');
	});

	it('lists trackers a page at a time, with a cursor to the next', async () => {
		const page = async (query: string) => {
			const response = await fetch(`${app.url}/api/admin/trackers?${query}`, { headers: { cookie: admin.cookie } });
			return { status: response.status, json: await response.json() };
		};
		const first = await page('');
		expect(first.json.unknown).toHaveLength(UNKNOWN_TRACKERS.defaultPage);
		const seen = new Set<string>();
		let after: string | null = null;
		for (let pages = 0; pages < 100; pages++) {
			const { status, json } = await page(`limit=300${after ? `&unknownAfter=${encodeURIComponent(after)}` : ''}`);
			expect(status).toBe(200);
			expect(json.unknown.length).toBeLessThanOrEqual(300);
			for (const tracker of json.unknown) seen.add(tracker.id);
			after = json.next.unknownAfter;
			if (!after) break;
		}
		expect(seen.size).toBe((await app.database.db.select({ n: count() }).from(unknownTrackers))[0].n);
		expect((await page('limit=100000')).status).toBe(400);
		expect((await page('limit=abc')).status).toBe(400);
	});

	it('registers an id without a vehicle to a new courier vehicle, whose positions then count', async () => {
		const created = await (await register({ trackerId: '860000000000002' })).json();
		expect(created).toEqual({ trackerId: '860000000000002', vehicleId: 'tracker-860000000000002', createdVehicle: true });
		expect(await app.database.db.select().from(unknownTrackers).where(eq(unknownTrackers.id, '860000000000002'))).toEqual([]);
		await until(async () => (await fetch(`${app.url}/api/ingest/osmand?id=860000000000002&lat=29.6&lon=115.8`)).status === 200, 'the new vehicle to be known to ingest');
		expect((await register({ trackerId: '860000000000003', vehicle: '没有这辆车' })).status).toBe(404);
	});
});
