/**
 * Bad input, tried on purpose: random and malformed payloads against the device and user
 * endpoints. Each is refused with a reason, the server stays up, nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { count } from 'drizzle-orm';
import type { App } from '../../server/app';
import { deviceEvents } from '../../server/db/schema/index';
import { deviceToken, displayToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, position, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { socketParser } from '../../src/lib/protocol/socket-parser';

let app: App;
let stored: () => Promise<number>;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	stored = async () => (await app.database.db.select({ n: count() }).from(deviceEvents))[0].n;
});
afterAll(async () => {
	await app.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** Values that no field of a device event should take. */
const poison = fc.oneof(
	fc.constant(1e999),
	fc.constant(-1e999),
	fc.constant('NaN'),
	fc.constant(null),
	fc.constant(true),
	fc.constant({}),
	fc.constant([]),
	fc.string({ maxLength: 300 }),
	fc.double({ min: 1e6, max: 1e300 }),
	fc.double({ min: -1e300, max: -1e6 }),
	fc.constant('2126-01-01T00:00:00Z'),
	fc.constant('1970-01-01T00:00:00Z'),
	fc.constant(JSON.parse('['.repeat(200) + ']'.repeat(200)))
);

describe('ingest under random input', () => {
	it('refuses an event with any field spoiled, with a reason naming that field, and stores nothing', async () => {
		const before = await stored();
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('position', 'queue', 'box'), fc.nat(20), poison, async (kind, which, bad) => {
				const event: Record<string, unknown> = kind === 'position' ? position() : kind === 'queue' ? queue() : box();
				const fields = Object.keys(event).filter((key) => !['type', 'deviceId', 'crs', 'pooling'].includes(key));
				const field = fields[which % fields.length];
				// A string can happen to be a well-formed id; that is not a spoiled field.
				fc.pre(!(typeof bad === 'string' && /(^id$|Id$)/.test(field) && /^[A-Za-z0-9_.:-]{1,64}$/.test(bad)));
				event[field] = bad;
				const { status, json } = await postEvents(app, { events: [event] }, { as: String(kind === 'position' ? 'phone-courier-1' : 'tablet-site-baifan') });
				expect(status).toBe(200);
				expect(json.accepted).toBe(0);
				expect(json.results[0].reason).toMatch(new RegExp(`^(${field}|event|deviceId)`));
			}),
			{ numRuns: 150 }
		);
		await settle();
		expect(await stored()).toBe(before);
	});

	it('refuses unknown fields, (0,0) positions and bodies of any shape, and stays up', async () => {
		const unknown = await postEvents(app, { events: [{ ...queue(), extra: 1 }] });
		expect(unknown.json.results[0].reason).toMatch(/^event: Unrecognized key/);
		const nullIsland = await postEvents(app, { events: [position({ lat: 0, lon: 0 })] });
		expect(nullIsland.json.results[0].reason).toBe('lat: 0,0 is what a GPS without a fix reports, not a position');
		const before = await stored();
		const token = await deviceToken(app, 'phone-courier-1');
		await fc.assert(
			fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string()), async (body) => {
				const response = await fetch(`${app.url}/api/ingest/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: typeof body === 'string' ? body : JSON.stringify(body)
				});
				expect(response.status).toBeLessThan(500);
				const answer = await response.json();
				if (response.status === 200) expect(answer.accepted).toBe(0);
				else expect(answer.error).toEqual(expect.any(String));
			}),
			{ numRuns: 150 }
		);
		await settle();
		expect(await stored()).toBe(before);
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
	});

	it('refuses a body nested thousands deep with a reason, and stays up', async () => {
		const deep = await postEvents(app, '{"events":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
		expect(deep.status).toBe(200);
		expect(deep.json).toMatchObject({ accepted: 0, rejected: 1, results: [{ status: 'rejected', reason: expect.stringMatching(/^event: /) }] });
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
	});
});

describe('user endpoints under random input', () => {
	it('answer every random body with a 4xx and a reason, never a crash', async () => {
		const admin = await signedIn(app, 'admin');
		const endpoints = ['/api/auth/login', '/api/setup/admin', '/api/personal/reveal', '/api/admin/users', '/api/admin/display-tokens', '/api/admin/devices'];
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...endpoints), fc.oneof(fc.jsonValue(), fc.string()), async (path, body) => {
				const response = await fetch(`${app.url}${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: admin.cookie },
					body: typeof body === 'string' ? body : JSON.stringify(body)
				});
				expect(response.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
				expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
				expect((await response.json()).error).toEqual(expect.any(String));
			}),
			{ numRuns: 120 }
		);
	});
});

describe('ledger routes under odd paths', () => {
	it('answers a kind that is a property of every object (constructor, toString, __proto__) with a 404, never a 500', async () => {
		const admin = await signedIn(app, 'admin');
		for (const kind of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
			for (const format of ['csv', 'xlsx']) {
				const response = await fetch(`${app.url}/api/ledgers/${kind}.${format}`, { headers: { cookie: admin.cookie } });
				expect(response.status, `${kind}.${format}`).toBe(404);
				expect((await response.json()).error).toBe(`no ledger ${kind}`);
			}
			const imported = await fetch(`${app.url}/api/ledgers/${kind}/import?mode=import&filename=x.csv`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'text/csv' }, body: 'code,name\n' });
			expect(imported.status, `import of ${kind}`).toBe(404);
		}
	});

	it('answers malformed percent-encoding in a path with a 400 that says so', async () => {
		const admin = await signedIn(app, 'admin');
		for (const path of ['/api/ledgers/%E0%A4%A.csv', '/api/ledgers/%ZZ.csv', '/api/ledgers/jobs/%', '/api/ledgers/%C0%80/import']) {
			const response = await fetch(`${app.url}${path}`, { method: path.endsWith('/import') ? 'POST' : 'GET', headers: { cookie: admin.cookie } });
			expect(response.status, path).toBe(400);
			expect((await response.json()).error, path).toMatch(/percent-encoding/);
		}
	});
});

describe('sockets under bad input', () => {
	it('drops a socket that sends a packet over 64 KB, and keeps serving the others', async () => {
		const token = await displayToken(app);
		const greedy = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, auth: { token } });
		const polite = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, auth: { token } });
		await until(() => greedy.connected && polite.connected, 'both sockets');
		let dropped = false;
		greedy.on('disconnect', () => (dropped = true));
		greedy.emit('snapshot:request', { layer: 'x'.repeat(100 * 1024) } as never, () => {});
		await until(() => dropped, 'the oversized socket to be dropped');
		const answer = await polite.timeout(5000).emitWithAck('snapshot:request', { layer: 'kpis' });
		expect(answer.ok).toBe(true);
		const refused = await polite.timeout(5000).emitWithAck('snapshot:request', { layer: { $ne: 1 } } as never);
		expect(refused).toEqual({ ok: false, error: 'layer must be one of sites, vehicles, kpis' });
		greedy.close();
		polite.close();
	});
});
