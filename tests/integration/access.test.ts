import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { eq, inArray, sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import { auditLog, householdPrivate, households, people, users } from '../../server/db/schema/index';
import { ROUTES } from '../../server/web/routes';
import { SOCKET_EVENT_POLICIES } from '../../server/auth/policies';
import { purgeExpiredPersonalData } from '../../server/modules/identity/retention';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { deviceToken, displayToken, signedIn, startTestApp } from '../fixtures/app';
import { position, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { importSmallRegistry } from '../fixtures/small-registry';
import { ID_NUMBER, MOBILE_NUMBER } from '../fixtures/personal-patterns';
import { socketParser } from '../../src/lib/realtime/socket-parser';

let app: App;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app.close();
});

const BAIFAN = 'v:城门街道/白畈村';
const HONGQI = 'v:城门街道/红旗村';

/** A concrete path for a route pattern. */
const concrete = (path: string) => path.replace(':kind.:format', 'sites.csv').replace(/:(\w+)/g, 'x');

describe('the authorisation table', () => {
	it('gives every HTTP route a policy, and every non-public route refuses a request without credentials', async () => {
		for (const route of ROUTES) {
			expect(route.policy, `${route.method} ${route.path}`).toBeDefined();
			if (route.policy.kind === 'public') {
				expect(route.policy.why.length, `${route.path} says why it is public`).toBeGreaterThan(5);
				continue;
			}
			const response = await fetch(`${app.url}${concrete(route.path)}`, { method: route.method, headers: { 'content-type': 'application/json' }, body: route.method === 'GET' ? undefined : '{}' });
			expect(response.status, `${route.method} ${route.path}`).toBe(401);
		}
	});

	it('gives every socket event a policy', () => {
		for (const [event, policy] of Object.entries(SOCKET_EVENT_POLICIES)) expect(policy.kind, event).not.toBe('public');
	});

	it('refuses a role without the permission with 403', async () => {
		const viewer = await signedIn(app, 'viewer');
		const answer = await fetch(`${app.url}/api/ledgers/sites/import?filename=a.csv`, { method: 'POST', headers: { cookie: viewer.cookie }, body: 'x' });
		expect(answer.status).toBe(403);
	});
});

describe('sign-in and sessions', () => {
	it('refuses a wrong password with the same answer as an unknown user', async () => {
		await signedIn(app, 'viewer');
		const wrong = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'viewer-1', password: 'not the password at all' }) });
		const unknown = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'not the password at all' }) });
		expect([wrong.status, unknown.status]).toEqual([401, 401]);
		expect((await wrong.json()).error).toBe((await unknown.json()).error);
	});

	it('sets an HttpOnly SameSite=Strict cookie with a new session id at every sign-in', async () => {
		const first = await signedIn(app, 'dispatcher');
		const again = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: first.username, password: 'correct horse battery staple' }) });
		const cookie = again.headers.get('set-cookie')!;
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Strict/);
		expect(cookie.split(';')[0]).not.toBe(first.cookie);
	});

	it('closes the user’s sockets when they sign out, and the session stops working', async () => {
		const commander = await signedIn(app, 'commander');
		const socket = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, extraHeaders: { cookie: commander.cookie } });
		await until(() => socket.connected, 'the socket to connect');
		let disconnected = false;
		socket.on('disconnect', () => (disconnected = true));
		expect((await fetch(`${app.url}/api/auth/logout`, { method: 'POST', headers: { cookie: commander.cookie } })).status).toBe(200);
		await until(() => disconnected, 'the socket to be closed');
		socket.close();
		expect((await fetch(`${app.url}/api/auth/me`, { headers: { cookie: commander.cookie } })).status).toBe(401);
	});
});

describe('sockets', () => {
	it('refuses a socket without a credential, and one from another origin', async () => {
		const bare = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false });
		const refusal = await new Promise<Error & { data?: { code: string; message: { zh: string; en: string } } }>((resolve) => bare.on('connect_error', (error) => resolve(error)));
		expect(refusal.message).toMatch(/sign in first, or use a display token/);
		expect(refusal.data).toEqual({ code: 'sign_in_required', message: { zh: '请先登录，或使用大屏令牌', en: 'sign in first, or use a display token' } });
		bare.close();
		const foreign = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, auth: { token: await displayToken(app) }, extraHeaders: { origin: 'https://evil.example' } });
		await new Promise<void>((resolve) => foreign.on('connect_error', () => resolve()));
		expect(foreign.connected).toBe(false);
		foreign.close();
	});

	it('disconnects a wall whose display token is revoked', async () => {
		const admin = await signedIn(app, 'admin');
		const created = await (await fetch(`${app.url}/api/admin/display-tokens`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ label: '大屏2' }) })).json();
		const wall = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, auth: { token: created.token } });
		await until(() => wall.connected, 'the wall to connect');
		let closed = false;
		wall.on('disconnect', () => (closed = true));
		expect((await fetch(`${app.url}/api/admin/display-tokens/${created.id}`, { method: 'DELETE', headers: { cookie: admin.cookie } })).status).toBe(200);
		await until(() => closed, 'the wall to be disconnected');
		const again = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, auth: { token: created.token } });
		await new Promise<void>((resolve) => again.on('connect_error', () => resolve()));
		again.close();
	});
});

describe('CSRF', () => {
	it('refuses a state-changing request from another origin', async () => {
		const answer = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ username: 'a', password: 'b' }) });
		expect(answer.status).toBe(403);
		// A form posted from another site to any page of the app is refused before SvelteKit sees it.
		const form = await fetch(`${app.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: 'username=a&password=b' });
		expect(form.status).toBe(403);
	});
});

describe('flood control', () => {
	// Its own server with a bucket of 5 that refills once in 1000 s: the sixth request in a row is
	// refused however slow the machine, where waves of concurrent requests raced the refill.
	let flooded: App;
	beforeAll(async () => {
		// No demo scenario (loading one is most of a start-up): the two devices' site and vehicle are
		// imported as an operator's ledgers would bring them.
		flooded = await startTestApp({ SCENARIO: 'none', DEVICE_RATE_BURST: '5', DEVICE_RATE_PER_SECOND: '0.001' });
		await importSmallRegistry(flooded);
	});
	afterAll(async () => {
		await flooded.close();
	});

	it('answers a device flooding the ingest API with 429 and Retry-After, and keeps serving other devices', async () => {
		const tokens = { 'tablet-site-baifan': await deviceToken(flooded, 'tablet-site-baifan'), 'phone-courier-1': await deviceToken(flooded, 'phone-courier-1') };
		const post = (device: keyof typeof tokens, event: object) =>
			fetch(`${flooded.url}/api/ingest/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[device]}` },
				body: JSON.stringify({ events: [event] })
			});
		const statuses: number[] = [];
		for (let request = 0; request < 5; request++) statuses.push((await post('tablet-site-baifan', queue())).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
		const refused = await post('tablet-site-baifan', queue());
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/slow down and resend/), code: 'too_many_requests', message: { zh: expect.stringMatching(/请求过于频繁/) } });
		const other = await post('phone-courier-1', position());
		expect(other.status).toBe(200);
		expect((await other.json()).accepted).toBe(1);
	});
});

describe('personal data', () => {
	it('reveals one field to a role that needs it, with a reason, and records it first', async () => {
		const officer = await signedIn(app, 'quarantine_officer', { villageIds: [BAIFAN] });
		const [{ head }] = await app.database.db.select({ head: people }).from(people).innerJoin(householdPrivate, eq(householdPrivate.headPersonId, people.id)).innerJoin(households, eq(households.id, householdPrivate.householdId)).where(eq(households.villageId, BAIFAN)).limit(1);
		const answer = await fetch(`${app.url}/api/personal/reveal`, { method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ subject: `person:${head.id}`, field: 'phone', reason: '每日健康随访电话' }) });
		expect(await answer.json()).toEqual({ subject: `person:${head.id}`, field: 'phone', value: head.phone });
		const [entry] = await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'personal.reveal'));
		expect(entry).toMatchObject({ actor: `user:${officer.username}`, subject: `person:${head.id}`, reason: '每日健康随访电话', details: { field: 'phone' } });
		const noReason = await fetch(`${app.url}/api/personal/reveal`, { method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ subject: `person:${head.id}`, field: 'phone', reason: '' }) });
		expect(noReason.status).toBe(400);
		const dispatcher = await signedIn(app, 'dispatcher');
		expect((await fetch(`${app.url}/api/personal/reveal`, { method: 'POST', headers: { cookie: dispatcher.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ subject: `person:${head.id}`, field: 'phone', reason: 'curious' }) })).status).toBe(403);
	});

	it('names nobody in the audit log: after reveals, imports and exports a commander reads no ID number, phone or name', async () => {
		const db = app.database.db;
		const [home] = await db.select({ code: households.id, headPersonId: householdPrivate.headPersonId }).from(households).innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id)).where(eq(households.villageId, BAIFAN)).limit(1);
		const officer = await signedIn(app, 'quarantine_officer', { villageIds: [BAIFAN] });
		const reveal = (subject: string, field: string) => fetch(`${app.url}/api/personal/reveal`, { method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ subject, field, reason: '每日健康随访电话' }) });
		expect((await reveal(`person:${home.headPersonId}`, 'phone')).status).toBe(200);
		expect((await reveal(`person:${home.headPersonId}`, 'idNumber')).status).toBe(200);
		expect((await reveal(`household:${home.code}`, 'address')).status).toBe(200);
		const admin = await signedIn(app, 'admin');
		const staffFile = Buffer.from(await (await fetch(`${app.url}/api/ledgers/staff.csv?personal=full`, { headers: { cookie: admin.cookie } })).arrayBuffer());
		const reimported = await importLedger({ db, input: { kind: 'staff', mode: 'import', crs: 'wgs84', by: `user:${admin.username}`, file: { content: staffFile, format: 'csv' } } });
		expect(reimported.issues).toEqual([]);

		const commander = await signedIn(app, 'commander');
		const audit = await (await fetch(`${app.url}/api/audit?limit=1000`, { headers: { cookie: commander.cookie } })).text();
		expect(audit).toContain('personal.reveal');
		expect(audit).toContain('personal.export');
		expect(audit).not.toMatch(ID_NUMBER);
		expect(audit).not.toMatch(MOBILE_NUMBER);
		const names = (await db.select({ name: people.name }).from(people)).map((person) => person.name);
		expect(names.filter((name) => audit.includes(name))).toEqual([]);
	});

	it('keeps an officer to their villages: a household elsewhere is answered as if it did not exist', async () => {
		const db = app.database.db;
		const homeIn = async (villageId: string) => (await db.select({ code: households.id, head: householdPrivate.headPersonId }).from(households).innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id)).where(eq(households.villageId, villageId)).limit(1))[0];
		const [own, elsewhere] = [await homeIn(BAIFAN), await homeIn(HONGQI)];
		const officer = await signedIn(app, 'quarantine_officer', { villageIds: [BAIFAN] });
		const reveal = async (subject: string, field: string) => {
			const answer = await fetch(`${app.url}/api/personal/reveal`, { method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ subject, field, reason: '每日健康随访电话' }) });
			return { status: answer.status, body: await answer.json() };
		};
		const before = (await db.select().from(auditLog).where(eq(auditLog.action, 'personal.reveal'))).length;
		for (const [subject, field] of [[`person:${elsewhere.head}`, 'phone'], [`household:${elsewhere.code}`, 'address']]) {
			const refused = await reveal(subject, field);
			expect(refused.status, subject).toBe(404);
			expect(refused.body.value).toBeUndefined();
			expect(refused.body.error).toBe(`no ${subject} among the people and households you may see`);
		}
		// The same answer as for a person who does not exist: a refusal confirms nothing.
		expect((await reveal(`person:p_${'0'.repeat(32)}`, 'phone')).body.error).toBe(`no person:p_${'0'.repeat(32)} among the people and households you may see`);
		expect((await db.select().from(auditLog).where(eq(auditLog.action, 'personal.reveal'))).length).toBe(before);
		expect((await reveal(`person:${own.head}`, 'phone')).status).toBe(200);
		expect((await reveal(`household:${own.code}`, 'address')).status).toBe(200);
		// An ID number is never a subject: people are named by their opaque id only.
		expect((await reveal('person:id:360404199004181014', 'phone')).status).toBe(400);
	});

	it('keeps the audit log append-only, even for the application', async () => {
		const refusal = (attempt: Promise<unknown>) => attempt.then(() => 'allowed', (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message));
		expect(await refusal(app.database.db.update(auditLog).set({ reason: 'rewritten' }))).toMatch(/audit_log is append-only: UPDATE is not allowed/);
		expect(await refusal(app.database.db.delete(auditLog))).toMatch(/audit_log is append-only: DELETE is not allowed/);
		expect(await refusal(app.database.db.execute(sql`truncate audit_log`))).toMatch(/audit_log is append-only: TRUNCATE is not allowed/);
	});

	it('deletes the personal data of quarantine cases closed longer than the retention period', async () => {
		const db = app.database.db;
		const [closed] = await db.select().from(households).where(sql`${households.measure} <> 'none'`).limit(1);
		await db.update(households).set({ plannedEndDate: '2020-01-01' }).where(eq(households.id, closed.id));
		const [home] = await db.select().from(householdPrivate).where(eq(householdPrivate.householdId, closed.id));
		const purged = await purgeExpiredPersonalData({ db, days: 30 });
		expect(purged.households).toBe(1);
		expect(await db.select().from(householdPrivate).where(eq(householdPrivate.householdId, closed.id))).toEqual([]);
		expect(await db.select().from(people).where(eq(people.id, home.headPersonId!))).toEqual([]);
		const [kept] = await db.select().from(households).where(eq(households.id, closed.id));
		expect(kept).toMatchObject({ measure: 'none', members: closed.members, plannedEndDate: null });
		expect((await purgeExpiredPersonalData({ db, days: 30 })).households).toBe(0);
	});
});

describe('scopes', () => {
	it('refuses a user whose scope names no existing region, saying the accepted forms and the closest regions', async () => {
		const admin = await signedIn(app, 'admin');
		const create = async (user: object) => {
			const answer = await fetch(`${app.url}/api/admin/users`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ password: 'correct horse battery staple', ...user }) });
			return { status: answer.status, error: ((await answer.json()) as { error?: string }).error ?? '' };
		};
		const withoutPrefix = await create({ username: 'leader-a', role: 'shift_leader', townshipId: '城门街道' });
		expect(withoutPrefix.status).toBe(400);
		expect(withoutPrefix.error).toContain('no township "城门街道"');
		expect(withoutPrefix.error).toContain('t:<township>');
		expect(withoutPrefix.error).toContain('v:<township>/<village>');
		expect(withoutPrefix.error).toMatch(/closest existing: t:城门街道(,|$)/);
		const nowhere = await create({ username: 'leader-b', role: 'shift_leader', townshipId: 't:不存在镇' });
		expect([nowhere.status, nowhere.error]).toEqual([400, expect.stringContaining('no township "t:不存在镇": a township is written t:<township>')]);
		const noTownship = await create({ username: 'leader-c', role: 'shift_leader' });
		expect([noTownship.status, noTownship.error]).toEqual([400, expect.stringContaining('a shift leader needs a township: fill in the townshipId field (a township is written t:<township>')]);
		const noVillage = await create({ username: 'officer-a', role: 'quarantine_officer' });
		expect([noVillage.status, noVillage.error]).toEqual([400, expect.stringContaining('a quarantine officer needs at least one village')]);
		const bareVillage = await create({ username: 'officer-b', role: 'quarantine_officer', villageIds: ['白畈村'] });
		expect([bareVillage.status, bareVillage.error]).toEqual([400, expect.stringMatching(/^no village "白畈村": .*closest existing: v:城门街道\/白畈村/)]);
		expect((await app.database.db.select().from(users).where(inArray(users.username, ['leader-a', 'leader-b', 'leader-c', 'officer-a', 'officer-b'])))).toEqual([]);
		expect((await create({ username: 'leader-d', role: 'shift_leader', townshipId: 't:城门街道' })).status).toBe(201);
		expect((await create({ username: 'officer-c', role: 'quarantine_officer', villageIds: [BAIFAN] })).status).toBe(201);
	});

	it('binds a wall only to a township that exists', async () => {
		const admin = await signedIn(app, 'admin');
		const wall = (regionId: string) => fetch(`${app.url}/api/admin/display-tokens`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ label: '街道大屏', regionId }) });
		const refused = await wall('城门街道');
		expect(refused.status).toBe(400);
		expect((await refused.json()).error).toMatch(/^a wall is bound to a township or to nothing \(the county\); no township "城门街道": a township is written t:<township>.*closest existing: t:城门街道/);
		expect((await wall('t:城门街道')).status).toBe(201);
	});

	it('shows a user stored with an impossible scope nothing, never the county, and tells them why', async () => {
		const db = app.database.db;
		const stored = async (role: 'shift_leader' | 'quarantine_officer', scope: { townshipId: string | null; villageIds: string[] }) => {
			const user = await signedIn(app, 'viewer');
			await db.update(users).set({ role, ...scope }).where(eq(users.username, user.username));
			return user;
		};
		for (const leader of [await stored('shift_leader', { townshipId: null, villageIds: [] }), await stored('shift_leader', { townshipId: '城门街道', villageIds: [] })]) {
			const board = await fetch(`${app.url}/api/staffing/board`, { headers: { cookie: leader.cookie } });
			expect(board.status).toBe(403);
			expect((await board.json()).error).toMatch(/scope is not valid, so it sees nothing until an admin fixes it: (a shift leader needs a township|no township "城门街道")/);
			expect((await fetch(`${app.url}/api/wall/overview`, { headers: { cookie: leader.cookie } })).status).toBe(403);
			const move = await fetch(`${app.url}/api/staffing/moves`, { method: 'POST', headers: { cookie: leader.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ staffIds: ['x'], fromSiteId: 'site-baifan', toSiteId: 'site-weishengyuan', reason: '排队过长' }) });
			expect(move.status).toBe(403);
			const socket = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, extraHeaders: { cookie: leader.cookie } });
			const refusal = await new Promise<string>((resolve) => socket.on('connect_error', (error) => resolve(error.message)));
			expect(refusal).toMatch(/scope is not valid/);
			socket.close();
		}
		const officer = await stored('quarantine_officer', { townshipId: null, villageIds: [] });
		const [home] = await db.select().from(householdPrivate).limit(1);
		const reveal = await fetch(`${app.url}/api/personal/reveal`, { method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ subject: `household:${home.householdId}`, field: 'address', reason: '每日健康随访' }) });
		expect([reveal.status, (await reveal.json()).error]).toEqual([403, expect.stringMatching(/a quarantine officer needs at least one village/)]);
		expect((await fetch(`${app.url}/api/pools/positive`, { headers: { cookie: officer.cookie } })).status).toBe(403);
	});
});
