import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { deviceEvents } from '../../server/db/schema/index';
import { countStoredEvents } from '../../server/pipeline/stored-events';
import { postEvents, startTestApp } from '../fixtures/app';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { box, labCounts, position, queue } from '../fixtures/events';
import { labCounters } from '../../server/db/schema/index';
import { serviceDay } from '../../src/lib/domain/service-day';
import { until } from '../fixtures/wait';
import { importSmallRegistry } from '../fixtures/small-registry';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';

// Today's figures are compared with the server's (which reads the real clock): run on one side of China midnight.
await clearOfChinaMidnight();

let app: App;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

// A fix is stored in positions, any other event in device_events.
const storedEvents = () => countStoredEvents(app.database.db);
const acceptedSoFar = async () => {
	const metrics = await (await fetch(`${app.url}/metrics`)).text();
	return [...metrics.matchAll(/^ingest_accepted_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('POST /api/ingest/events', () => {
	it('accepts good events, answers per event, and stores each once even when resent', async () => {
		const events = [position(), queue(), box()];
		const first = await postEvents(app, { events });
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({ accepted: 3, rejected: 0 });
		expect(first.json.results.map((result: { status: string; duplicate: boolean }) => [result.status, result.duplicate])).toEqual([
			['accepted', false],
			['accepted', false],
			['accepted', false]
		]);
		const resent = await postEvents(app, { events });
		expect(resent.json.results.every((result: { duplicate: boolean }) => result.duplicate)).toBe(true);
		// Stored a moment after the answer: waited for, where a fixed 300 ms was too short on a busy machine.
		await until(async () => (await storedEvents()) >= 3, 'the 3 accepted events to be stored');
		expect(await storedEvents()).toBeGreaterThanOrEqual(3);
		const before = await storedEvents();
		await postEvents(app, { events });
		await settle();
		expect(await storedEvents()).toBe(before);
	});

	it('answers a resent id with different content as a conflict (409) with a reason, and keeps the first', async () => {
		const first = queue({ queueLength: 10 });
		expect((await postEvents(app, { events: [first] })).json.results[0]).toEqual({ id: first.id, status: 'accepted', duplicate: false });
		const changed = { ...first, queueLength: 11 };
		const { status, json } = await postEvents(app, { events: [changed, { ...first }] }, { as: first.deviceId });
		expect(status).toBe(200);
		expect(json).toMatchObject({ accepted: 1, rejected: 1, conflicts: 1 });
		expect(json.results[0]).toEqual({ id: first.id, status: 'conflict', code: 409, reason: expect.stringMatching(/^id: .*already accepted with different content/), message: { zh: expect.stringMatching(/以第一次为准/), en: json.results[0].reason } });
		expect(json.results[1]).toEqual({ id: first.id, status: 'accepted', duplicate: true });
		await until(async () => (await app.database.db.select().from(deviceEvents).where(eq(deviceEvents.id, first.id))).length === 1, 'the first event stored');
		const [stored] = await app.database.db.select().from(deviceEvents).where(eq(deviceEvents.id, first.id));
		expect((stored.payload as { queueLength: number }).queueLength).toBe(10);
	});

	it('refuses the bad events of a batch with a reason each and accepts the rest', async () => {
		const good = queue();
		const { status, json } = await postEvents(app, {
			events: [good, { ...queue(), type: 'site.teleport' }, { ...position(), lat: 1e999 }]
		});
		expect(status).toBe(200);
		expect(json.accepted).toBe(1);
		expect(json.results[0]).toMatchObject({ id: good.id, status: 'accepted' });
		expect(json.results[1].reason).toMatch(/^type: /);
		expect(json.results[2].reason).toMatch(/^lat: /);
		expect(json.results[2].message.zh).toMatch(/纬度/);
		// No credential is issued for a site or vehicle that does not exist; a gateway forwards such events, and they are refused by name.
		const { token } = await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'fleet-platform-refusals', kind: 'platform_gateway', scopeId: '*' }, actor: 'test' });
		const unregistered = await fetch(`${app.url}/api/ingest/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ events: [queue({ siteId: 'site-atlantis' }), position({ vehicleId: 'courier-404' })] })
		}).then((response) => response.json());
		expect(unregistered.results[0]).toMatchObject({ reason: 'siteId: no site "site-atlantis" is registered', message: { zh: '没有登记编号为“site-atlantis”的采样点' } });
		expect(unregistered.results[1]).toMatchObject({ reason: 'vehicleId: no vehicle "courier-404" is registered', message: { zh: '没有登记编号为“courier-404”的车辆' } });
	});

	it('counts refusals by field in /metrics', async () => {
		await postEvents(app, { events: [{ ...queue(), queueLength: -3 }] });
		const metrics = await (await fetch(`${app.url}/metrics`)).text();
		expect(metrics).toMatch(/ingest_rejected_total\{field="queueLength"\} [1-9]/);
	});

	describe('refuses a whole request, changing nothing', () => {
		const cases: [string, () => Promise<{ status: number; json: any }>, number, RegExp][] = [
			['malformed JSON', () => postEvents(app, '{"events": [ {"id": '), 400, /^body is not valid JSON/],
			['a body that is not a batch', () => postEvents(app, { event: queue() }), 400, /^events: is required/],
			['an empty batch', () => postEvents(app, { events: [] }), 400, /^events: events must hold at least one event/],
			['a body over 1 MB', () => postEvents(app, { events: [queue()], padding: 'x'.repeat(1024 * 1024) }), 413, /limit/],
			['a body that is not JSON', () => postEvents(app, 'queue=5', { headers: { 'content-type': 'text/plain' } }), 415, /content-type must be application\/json/]
		];
		for (const [what, send, status, reason] of cases) {
			it(`${what}: ${status}`, async () => {
				await settle();
				const before = await storedEvents();
				const acceptedBefore = await acceptedSoFar();
				const answer = await send();
				expect(answer.status).toBe(status);
				expect(answer.json.error).toMatch(reason);
				await settle();
				expect(await storedEvents()).toBe(before);
				expect(await acceptedSoFar()).toBe(acceptedBefore);
			});
		}
	});

	it('answers GET with 405', async () => {
		const response = await fetch(`${app.url}/api/ingest/events`);
		expect(response.status).toBe(405);
	});
});

describe('health', () => {
	it('says the process is up and the database and event log are ready', async () => {
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		const ready = await fetch(`${app.url}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toMatchObject({ status: 'ready', database: { kind: 'pglite', status: 'ok' }, eventLog: { kind: 'embedded', status: 'ok' } });
	});
});

describe('when the event log is unreachable', () => {
	it('answers 503 and acknowledges nothing, so the device keeps its events and resends', async () => {
		// Its own server, whose database this test closes: with only the site its queue reading names.
		const broken = await startTestApp({ SCENARIO: 'none' });
		await importSmallRegistry(broken);
		expect((await postEvents(broken, { events: [queue()] })).status).toBe(200);
		await broken.database.close();
		const answer = await postEvents(broken, { events: [queue()] });
		expect(answer.status).toBe(503);
		expect(answer.json.error).toMatch(/^event log unavailable, nothing was accepted; resend later/);
		const ready = await fetch(`${broken.url}/readyz`);
		expect(ready.status).toBe(503);
		await broken.close();
	});
});

describe('device credentials', () => {
	it('refuses a request without a credential, or with an unknown one, before reading it', async () => {
		const bare = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [queue()] }) });
		expect(bare.status).toBe(401);
		expect((await bare.json()).error).toMatch(/not registered or its credential is invalid/);
		const forged = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer dev_not-a-real-token' }, body: JSON.stringify({ events: [queue()] }) });
		expect(forged.status).toBe(401);
	});

	it('lets a device report only for itself and its own site or vehicle', async () => {
		const { json } = await postEvents(app, { events: [queue({ siteId: 'site-baihe' }), queue({ deviceId: 'tablet-site-baihe' }), position()] }, { as: 'tablet-site-baifan' });
		expect(json.results.map((result: { reason?: string }) => result.reason)).toEqual([
			'deviceId: this credential belongs to device tablet-site-baifan',
			'deviceId: this credential belongs to device tablet-site-baifan',
			'deviceId: this credential belongs to device tablet-site-baifan'
		]);
		const own = await postEvents(app, { events: [queue({ siteId: 'site-baifan' }), { ...queue({ siteId: 'site-baifan' }), siteId: 'site-baihe' }, { ...position(), deviceId: 'tablet-site-baifan' }] }, { as: 'tablet-site-baifan' });
		expect(own.json.results.map((result: { status: string; reason?: string }) => result.reason ?? result.status)).toEqual([
			'accepted',
			'siteId: this device reports for site site-baifan only',
			'type: a site_tablet may not post courier.position'
		]);
	});
});

describe('a lab system', () => {
	it('posts its running totals of the day, which only ever grow, and may post nothing else', async () => {
		const { token } = await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' });
		const post = async (events: unknown[]) =>
			(await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events }) })).json();
		const first = await post([labCounts({ receivedTubes: 1200, testedTubes: 800 }), labCounts({ labId: 'lab-elsewhere', deviceId: 'lims-lab-chaisang-cdc' }), { ...queue(), deviceId: 'lims-lab-chaisang-cdc' }]);
		expect(first.results.map((result: { status: string; reason?: string }) => result.reason ?? result.status)).toEqual([
			'accepted',
			'labId: this device reports for lab lab-chaisang-cdc only',
			'type: a lab_system may not post site.queue'
		]);
		// A report that arrives late, with smaller totals, does not lower them.
		await post([labCounts({ receivedTubes: 1500, testedTubes: 900 })]);
		await post([labCounts({ receivedTubes: 1300, testedTubes: 850, at: new Date(Date.now() - 60_000).toISOString() })]);
		const today = serviceDay(Date.now());
		await until(async () => (await app.database.db.select({ n: count() }).from(deviceEvents).where(eq(deviceEvents.type, 'lab.counts')))[0].n === 3, 'all three reports to be stored');
		const [stored] = await app.database.db.select().from(labCounters);
		expect(stored).toMatchObject({ labId: 'lab-chaisang-cdc', day: today, receivedTubes: 1500, testedTubes: 900 });
		// The late report is the earliest with tubes tested: today's testing rate counts from it.
		expect(stored.reportedAt!.getTime()).toBeGreaterThan(stored.firstTestedAt!.getTime());
		expect(Date.now() - stored.firstTestedAt!.getTime()).toBeGreaterThanOrEqual(60_000);
	});
});

describe('a platform gateway', () => {
	it('forwards the events of many registered devices, and still only for registered sites and vehicles', async () => {
		const { token } = await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'fleet-platform', kind: 'platform_gateway', scopeId: '*' }, actor: 'test' });
		const response = await fetch(`${app.url}/api/ingest/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ events: [position({ vehicleId: 'courier-2' }), queue({ siteId: 'site-lixin' }), position({ vehicleId: 'courier-999' })] })
		});
		const answer = await response.json();
		expect(answer.results.map((result: { status: string; reason?: string }) => result.reason ?? result.status)).toEqual(['accepted', 'accepted', 'vehicleId: no vehicle "courier-999" is registered']);
	});
});
