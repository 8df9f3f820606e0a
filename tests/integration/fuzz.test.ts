/**
 * Bad input, tried on purpose: random and malformed payloads against the device and user
 * endpoints. Each is refused with a reason, the server stays up, nothing is stored.
 *
 * Seeded: every property runs from FUZZ_SEED (printed at the start; FUZZ_SEED=<n> replays a run,
 * and a failure prints the seed and path fast-check needs to replay that case alone). Over
 * 100,000 cases run in process against the pure parsers and lookups; a few thousand go through
 * the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { count } from 'drizzle-orm';
import type { App } from '../../server/app';
import { countStoredEvents } from '../../server/pipeline/stored-events';
import { deviceEvents, households, labs, sites, staff, trackers, unknownTrackers, vehicles } from '../../server/db/schema/index';
import { deviceToken, displayToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, labCounts, position, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { checkDeviceEvent, DEVICE_EVENT_TYPES } from '../../src/lib/protocol/index';
import { parseOsmAndJson, parseOsmAndQuery, type OsmAndParse } from '../../src/lib/protocol/osmand';
import { isLedgerKind, LEDGER_KINDS } from '../../src/lib/ledgers/definitions';
import { osmandEventId } from '../../server/ingest/osmand-event';
import { REFUSAL_FIELDS, refusalField } from '../../server/ingest/refusal-field';
import { registerTracker, UNKNOWN_TRACKERS } from '../../server/modules/trackers/trackers';
import { normalizeEvent } from '../../server/pipeline/normalized-event';
import { eventContent } from '../../server/pipeline/event-log/event-content';
import { expectSoundOsmAndParse, FUZZ_SEED, osmandJson, osmandQuery, pathSegment } from '../fixtures/device-fuzz';

fc.configureGlobal({ seed: FUZZ_SEED });

let app: App;
let stored: () => Promise<number>;
beforeAll(async () => {
	console.log(`fuzz seed ${FUZZ_SEED} (FUZZ_SEED=${FUZZ_SEED} replays this run)`);
	app = await startTestApp({ SCENARIO: 'chengmen' });
	// A fix is stored in positions, any other event in device_events.
	stored = () => countStoredEvents(app.database.db);
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

describe('device surfaces over HTTP', () => {
	const rowsOf = async (table: typeof deviceEvents | typeof unknownTrackers | typeof trackers | typeof sites | typeof vehicles | typeof labs | typeof staff | typeof households) =>
		(await app.database.db.select({ n: count() }).from(table))[0].n;

	it('answers 1,500 OsmAnd requests in both forms without a 5xx, and stores exactly the fixes it answered 200', async () => {
		const registered = [...Array.from({ length: 30 }, (_, index) => `fz-${index}`), ...Array.from({ length: 10 }, (_, index) => `fz${index}-`.padEnd(58 + (index % 7), 'L'))];
		for (const trackerId of registered) await registerTracker(app.database.db, { trackerId, vehicle: 'courier-2', actor: 'fuzz' });
		const before = { events: await stored(), unknown: await rowsOf(unknownTrackers), trackers: await rowsOf(trackers) };
		const startedAt = Date.now();
		const now = Date.now();
		const ids = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...registered) }, { weight: 1, arbitrary: trackerIds });
		const request = fc.oneof(
			osmandQuery(now, ids).map((params) => ({ form: 'query', init: undefined as RequestInit | undefined, query: params.toString(), parse: (at: number) => parseOsmAndQuery(params, at) })),
			osmandQuery(now, ids).map((params) => ({ form: 'form body', init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString() }, query: '', parse: (at: number) => parseOsmAndQuery(params, at) })),
			osmandJson(now, ids).map((body) => ({ form: 'json', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, query: '', parse: (at: number) => parseOsmAndJson(body, at) }))
		);
		const accepted = new Set<string>();
		let untimed = 0;
		const answered = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(request, async ({ form, init, query, parse }) => {
				const response = await fetch(`${app.url}/api/ingest/osmand${query ? `?${query}` : ''}`, init);
				const text = await response.text();
				answered.set(response.status, (answered.get(response.status) ?? 0) + 1);
				expect(response.status, `${form} ${query || init?.body}: ${text}`).toBeLessThan(500);
				if (response.status !== 200) return;
				// The fix the server kept, as the pure parser reads it; without a timestamp its time is the server's.
				const [early, late]: OsmAndParse[] = [parse(0), parse(1)];
				if (!early.ok || !late.ok) throw new Error(`answered 200 to what the parser refuses: ${query || init?.body}`);
				if (early.fix.at !== late.fix.at) untimed++;
				else accepted.add(osmandEventId(early.fix.deviceId, early.fix.at));
			}),
			{ numRuns: 1500 }
		);
		expect(answered.get(200) ?? 0, `answers by status: ${JSON.stringify([...answered])}`).toBeGreaterThan(50);
		await until(async () => (await stored()) - before.events >= accepted.size, `the ${accepted.size} fixes answered 200 to be stored`, 30_000);
		await settle();
		const added = (await stored()) - before.events;
		expect(added).toBeGreaterThanOrEqual(accepted.size);
		expect(added).toBeLessThanOrEqual(accepted.size + untimed);
		expect(await rowsOf(trackers)).toBe(before.trackers);
		const minutes = (Date.now() - startedAt) / 60_000;
		expect((await rowsOf(unknownTrackers)) - before.unknown).toBeLessThanOrEqual(UNKNOWN_TRACKERS.burstPerAddress + Math.ceil(minutes * UNKNOWN_TRACKERS.perAddressPerMinute));
		console.log(`osmand: answers by status ${JSON.stringify([...answered])}, ${accepted.size} fixes stored`);
	}, 120_000);

	it('answers 300 odd ledger paths, exports and imports without a 5xx, and changes no register', async () => {
		const admins = [await signedIn(app, 'admin'), await signedIn(app, 'admin'), await signedIn(app, 'admin')];
		const registers = async () => Promise.all([sites, vehicles, labs, staff, households, trackers].map((table) => rowsOf(table)));
		const before = await registers();
		const request = fc.oneof(
			fc.tuple(pathSegment, fc.constantFrom('csv', 'xlsx', 'pdf', '', 'csv%00')).map(([kind, format]) => ({ method: 'GET', path: `/api/ledgers/${kind}.${format}`, body: undefined as string | undefined })),
			pathSegment.map((id) => ({ method: 'GET', path: `/api/ledgers/jobs/${id}`, body: undefined as string | undefined })),
			fc
				.tuple(pathSegment, fc.constantFrom('validate', 'VALIDATE', '', 'import%ZZ'), fc.constantFrom('wgs84', 'gcj02', 'mars'), fc.constantFrom('a.csv', 'a.xlsx', 'a.txt', '%E0%A4%A.csv'), fc.string({ maxLength: 40 }))
				.map(([kind, mode, crs, filename, body]) => ({ method: 'POST', path: `/api/ledgers/${kind}/import?mode=${mode}&crs=${crs}&filename=${filename}`, body }))
		);
		let turn = 0;
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(request, async ({ method, path, body }) => {
				// Three admins in turn, waiting out a 429 as a client would: the user rate limit is not what this tests.
				for (let attempt = 0; ; attempt++) {
					const response = await fetch(`${app.url}${path}`, { method, body, headers: { cookie: admins[turn++ % admins.length].cookie, 'content-type': 'text/csv' } });
					const text = await response.text();
					if (response.status === 429 && attempt < 5) {
						await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
						continue;
					}
					statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
					expect(response.status, `${method} ${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
					return;
				}
			}),
			{ numRuns: 300 }
		);
		console.log(`ledger routes: answers by status ${JSON.stringify([...statuses])}`);
		expect(await registers()).toEqual(before);
	}, 120_000);
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
		expect(refused).toMatchObject({ ok: false, error: 'layer must be one of sites, vehicles, kpis' });
		greedy.close();
		polite.close();
	});
});

/** Cases run in process, per property; together at least 100,000. */
const IN_PROCESS = { osmandQuery: 45_000, osmandJson: 30_000, deviceEvents: 15_000, ledgerKinds: 10_000 };
const trackerIds = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/), fc.constantFrom('860000000000001', 'x'.repeat(57), 'y'.repeat(58), 'z'.repeat(64)));

// Last in the file: these hold the event loop (the server's too) for seconds, and a keep-alive
// connection the server closes the moment it gets the loop back would reset the next request.
describe('device surfaces in process: the pure parsers and lookups', () => {
	const now = Date.now();

	it(`keeps or refuses ${IN_PROCESS.osmandQuery} OsmAnd query forms soundly`, () => {
		fc.assert(fc.property(osmandQuery(now, trackerIds), (params) => expectSoundOsmAndParse(parseOsmAndQuery(params, now))), { numRuns: IN_PROCESS.osmandQuery });
	});

	it(`keeps or refuses ${IN_PROCESS.osmandJson} OsmAnd JSON bodies soundly`, () => {
		fc.assert(fc.property(osmandJson(now, trackerIds), (body) => expectSoundOsmAndParse(parseOsmAndJson(body, now))), { numRuns: IN_PROCESS.osmandJson });
	});

	it(`checks ${IN_PROCESS.deviceEvents} spoiled device events: a refusal names a field from a fixed set, an accepted event is whole`, () => {
		const base = fc.constantFrom('position', 'queue', 'box', 'pools', 'lab');
		const spoil = fc.array(fc.tuple(fc.oneof(fc.constantFrom('id', 'deviceId', 'at', 'type', 'lat', 'lon', 'crs', 'speedKmh', 'heading', 'accuracyM', 'queueLength', 'tubes', 'people', 'pools', 'receivedTubes', 'testedTubes'), fc.string({ maxLength: 6 })), fc.oneof(poison, fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined))), { maxLength: 3 });
		fc.assert(
			fc.property(base, spoil, (kind, changes) => {
				const event: Record<string, unknown> =
					kind === 'position' ? position() : kind === 'queue' ? queue() : kind === 'lab' ? labCounts() : kind === 'pools' ? box({ pools: [{ tube: 't-1', householdIds: ['hh-1'] }, { tube: 't-2', householdIds: ['hh-2', 'hh-3'] }] }) : box();
				for (const [field, value] of changes) event[field] = value;
				const check = checkDeviceEvent(event, Date.now());
				if (!check.ok) {
					expect(check.reason).toMatch(/^[^:]+: ./);
					const field = refusalField(check.reason);
					expect(REFUSAL_FIELDS.has(field) || field === 'other', field).toBe(true);
					return;
				}
				expect(DEVICE_EVENT_TYPES).toContain(check.event.type);
				const normalized = normalizeEvent(check.event);
				expect(eventContent(normalized)).toBe(eventContent(structuredClone(normalized)));
			}),
			{ numRuns: IN_PROCESS.deviceEvents }
		);
	});

	it(`finds a ledger by its own kinds only, among ${IN_PROCESS.ledgerKinds} names`, () => {
		const names = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...LEDGER_KINDS, ...Object.getOwnPropertyNames(Object.prototype), '__proto__'));
		fc.assert(fc.property(names, (name) => isLedgerKind(name) === (LEDGER_KINDS as string[]).includes(name)), { numRuns: IN_PROCESS.ledgerKinds });
	});

	it('runs at least 100,000 generated cases across the device surfaces', () => {
		expect(Object.values(IN_PROCESS).reduce((sum, runs) => sum + runs, 0)).toBeGreaterThanOrEqual(100_000);
	});
});
