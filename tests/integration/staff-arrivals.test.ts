/**
 * Moves land on arrival, and travel the event path (issue 13). A leader moves two samplers: the
 * receiving site's desks stay as they were while they are on the way (board and wall show them
 * coming with their ETA), and count once the site's tablet confirms them or their ETA passes. The
 * move is an event in the same log as device events, with its actor; a refused one writes and
 * appends nothing. On Postgres and Redis, two nodes see the arrival as a delta with no registry reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { Redis } from 'ioredis';
import { count, eq, sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import { commandOutbox, eventLog, regions, staffMoves } from '../../server/db/schema/index';
import { loadBoard } from '../../server/modules/staffing/staffing-board';
import { loadRegistry } from '../../server/modules/registry/load-registry';
import { RedisControlBus, type ControlMessage } from '../../server/live/control-bus';
import type { SiteEntity, StaffingBoard } from '../../src/lib/protocol/index';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { deviceToken, displayToken, signedIn, startTestApp } from '../fixtures/app';
import { createTempDatabase, needs, tempRedisPrefix } from '../fixtures/services';
import { until } from '../fixtures/wait';

const TO = 'site-baifan';
const TOWNSHIP = 't:城门街道';

function watchSites(app: App, token: string) {
	const sites = new Map<string, SiteEntity>();
	const socket: Socket = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, auth: { token } });
	socket.on('snapshot', (snapshot) => snapshot.layer === 'sites' && (snapshot.entities as SiteEntity[]).forEach((site) => sites.set(site.id, site)));
	socket.on('sites:delta', (delta) => (delta.upserts as SiteEntity[]).forEach((site) => sites.set(site.id, site)));
	return { sites, close: () => socket.close() };
}

const call = (app: App, path: string, auth: { cookie?: string; token?: string }, body?: unknown) =>
	fetch(`${app.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, ...(auth.cookie ? { cookie: auth.cookie } : {}), ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body)
	});

const getBoard = async (app: App, cookie: string): Promise<StaffingBoard> => (await fetch(`${app.url}/api/staffing/board`, { headers: { cookie } })).json();

/** Two samplers of a site of the township that can spare them (it keeps a desk), for the receiving site. */
async function spare(app: App, cookie: string) {
	const view = await getBoard(app, cookie);
	const from = view.sites.find((site) => site.id !== TO && (site.status === 'open' || site.status === 'busy') && site.samplers.filter((sampler) => !sampler.ppe).length >= 4)!;
	return { from, staffIds: from.samplers.filter((sampler) => !sampler.ppe).slice(0, 2).map((sampler) => sampler.id), to: view.sites.find((site) => site.id === TO)! };
}

describe('a staff move on one node', () => {
	let app: App;
	let leader: { cookie: string; username: string };
	let wall: ReturnType<typeof watchSites>;
	let tablet: string;

	beforeAll(async () => {
		app = await startTestApp({ SCENARIO: 'chengmen' });
		leader = await signedIn(app, 'shift_leader', { townshipId: TOWNSHIP });
		tablet = await deviceToken(app, `tablet-${TO}`);
		wall = watchSites(app, await displayToken(app));
		await until(() => wall.sites.has(TO), 'the wall to get the sites');
	}, 60_000);
	afterAll(async () => {
		wall?.close();
		await app?.close();
	});

	it('leaves the receiving site’s desks as they were until its tablet confirms the samplers, then the board and the wall count them', async () => {
		const { from, staffIds, to } = await spare(app, leader.cookie);
		const desksBefore = to.staffedDesks;
		const response = await call(app, '/api/staffing/moves', leader, { staffIds, fromSiteId: from.id, toSiteId: TO, reason: '支援白畈村' });
		expect(response.status).toBe(201);
		const move = await response.json();
		expect(Date.parse(move.arrivesAt)).toBeGreaterThan(Date.parse(move.at));

		// On the way: the board and the wall show them coming, the desks unchanged.
		const onTheWay = (await getBoard(app, leader.cookie)).sites.find((site) => site.id === TO)!;
		expect(onTheWay.staffedDesks).toBe(desksBefore);
		expect(onTheWay.incoming).toEqual([expect.objectContaining({ moveId: move.moveId, arrivesAt: move.arrivesAt })]);
		const seen = await until(() => (wall.sites.get(TO)?.incoming?.length ?? 0) > 0 && wall.sites.get(TO), 'the wall to see them coming');
		expect(seen).toMatchObject({ staffedDesks: desksBefore, incoming: [{ samplers: 2, arrivesAt: move.arrivesAt }] });
		const field = await (await fetch(`${app.url}/api/field/site`, { headers: { authorization: `Bearer ${tablet}` } })).json();
		expect(field.site.incoming).toEqual([expect.objectContaining({ moveId: move.moveId })]);

		// The event is in the log beside device events, with who moved them.
		const [logged] = await app.database.db.select({ payload: eventLog.payload }).from(eventLog).where(sql`${eventLog.payload}->>'id' = ${move.eventId}`);
		expect(logged.payload).toMatchObject({ type: 'staff.move_started', actor: `user:${leader.username}`, moveId: move.moveId, staffIds, fromSiteId: from.id, toSiteId: TO, arrivesAt: move.arrivesAt });

		// The tablet confirms: they count from now, everywhere.
		const confirmed = await call(app, `/api/field/site/arrivals/${move.moveId}`, { token: tablet });
		expect(confirmed.status).toBe(200);
		const arrival = await confirmed.json();
		expect(arrival.eventId).toMatch(/^cmd-/);
		const landed = (await getBoard(app, leader.cookie)).sites.find((site) => site.id === TO)!;
		expect(landed.staffedDesks).toBe(desksBefore + 1);
		expect(landed.incoming).toEqual([]);
		await until(() => wall.sites.get(TO)?.staffedDesks === desksBefore + 1 && wall.sites.get(TO)?.incoming?.length === 0, 'the wall to count them');
		const [arrivedEvent] = await app.database.db.select({ payload: eventLog.payload }).from(eventLog).where(sql`${eventLog.payload}->>'id' = ${arrival.eventId}`);
		expect(arrivedEvent.payload).toMatchObject({ type: 'staff.arrived', actor: `device:tablet-${TO}`, moveId: move.moveId });

		// A resent confirmation changes nothing and appends nothing.
		const again = await (await call(app, `/api/field/site/arrivals/${move.moveId}`, { token: tablet })).json();
		expect(again).toMatchObject({ moveId: move.moveId, arrivedAt: arrival.arrivedAt, eventId: null });

		// Undone: back where they came from, at once.
		expect((await call(app, `/api/staffing/moves/${move.moveId}/undo`, leader)).status).toBe(200);
		await until(() => wall.sites.get(TO)?.staffedDesks === desksBefore, 'the wall to see them go back');
	});

	it('lands a move nobody confirms when its ETA passes', async () => {
		const { from, staffIds, to } = await spare(app, leader.cookie);
		const move = await (await call(app, '/api/staffing/moves', leader, { staffIds, fromSiteId: from.id, toSiteId: TO, reason: '支援白畈村' })).json();
		const arrivesAt = Date.parse(move.arrivesAt);
		const before = await loadBoard(app.database.db, { townshipId: TOWNSHIP, now: arrivesAt - 1000 });
		expect(before.sites.find((site) => site.id === TO)!.staffedDesks).toBe(to.staffedDesks);
		const after = await loadBoard(app.database.db, { townshipId: TOWNSHIP, now: arrivesAt + 1000 });
		expect(after.sites.find((site) => site.id === TO)).toMatchObject({ staffedDesks: to.staffedDesks + 1, incoming: [] });
		// What a restarted projector starts from agrees: on the way before the ETA, there after it.
		const early = (await loadRegistry({ db: app.database.db, now: arrivesAt - 1000 })).sites.find((site) => site.id === TO)!;
		const late = (await loadRegistry({ db: app.database.db, now: arrivesAt + 1000 })).sites.find((site) => site.id === TO)!;
		expect([early.staffedDesks, late.staffedDesks]).toEqual([to.staffedDesks, to.staffedDesks + 1]);
		expect((await call(app, `/api/staffing/moves/${move.moveId}/undo`, leader)).status).toBe(200);
	});

	it('refuses a move of samplers someone else has just moved, or out of the leader’s township, writing and appending nothing', async () => {
		const { from, staffIds } = await spare(app, leader.cookie);
		const first = await call(app, '/api/staffing/moves', leader, { staffIds, fromSiteId: from.id, toSiteId: TO, reason: '支援白畈村' });
		expect(first.status).toBe(201);
		const written = async () => ({
			moves: (await app.database.db.select({ n: count() }).from(staffMoves))[0].n,
			outbox: (await app.database.db.select({ n: count() }).from(commandOutbox))[0].n,
			logged: (await app.database.db.select({ n: count() }).from(eventLog).where(sql`${eventLog.payload}->>'type' like 'staff.%'`))[0].n
		});
		const before = await written();
		// The same samplers again, as a leader whose board was out of date would.
		const stale = await call(app, '/api/staffing/moves', leader, { staffIds, fromSiteId: from.id, toSiteId: 'site-hongxin', reason: '支援' });
		expect(stale.status).toBe(409);
		expect(await stale.json()).toMatchObject({ code: 'staff_not_at_site', message: { zh: expect.stringContaining('未作任何更改'), en: expect.stringContaining('nothing was changed') } });
		// A leader of another township (one with no sites of the demo).
		await app.database.db.insert(regions).values({ id: 't:黄宅镇', parentId: null, level: 'township', name: '黄宅镇' });
		const elsewhere = await signedIn(app, 'shift_leader', { townshipId: 't:黄宅镇' });
		const { from: other, staffIds: others } = await spare(app, leader.cookie);
		const crossing = await call(app, '/api/staffing/moves', elsewhere, { staffIds: others, fromSiteId: other.id, toSiteId: TO, reason: '支援' });
		expect(crossing.status).toBe(403);
		expect(await crossing.json()).toMatchObject({ code: 'outside_township', message: { zh: '班组长只能在本街道（乡镇）内调配人员', en: 'a shift leader moves staff only within their own township' } });
		expect(await written()).toEqual(before);
		expect((await call(app, `/api/staffing/moves/${(await first.json()).moveId}/undo`, leader)).status).toBe(200);
	});
});

const scaled = needs('staff moves on two nodes over Postgres and Redis', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL });

describe.runIf(scaled)('a staff move on two nodes (Postgres and Redis)', () => {
	let projectorNode: App;
	let otherNode: App;
	let cleanup: () => Promise<void>;
	let redis: Redis;
	let control: RedisControlBus;
	const controlMessages: ControlMessage[] = [];
	let registrySyncs = 0;
	const walls: ReturnType<typeof watchSites>[] = [];

	beforeAll(async () => {
		const database = await createTempDatabase(process.env.DATABASE_URL!);
		const keys = tempRedisPrefix(process.env.REDIS_URL!);
		cleanup = async () => void (await keys.clean(), await database.drop());
		const env = { SCENARIO: 'chengmen', DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys.prefix };
		projectorNode = await startTestApp(env);
		otherNode = await startTestApp({ ...env, ROLES: 'hub,ingest' });
		redis = new Redis(process.env.REDIS_URL!);
		control = new RedisControlBus(redis, keys.prefix);
		control.subscribe((message) => controlMessages.push(message));
		const sync = projectorNode.projector!.syncRegistry.bind(projectorNode.projector!);
		projectorNode.projector!.syncRegistry = (registry) => {
			registrySyncs++;
			sync(registry);
		};
		for (const node of [projectorNode, otherNode]) walls.push(watchSites(node, await displayToken(node)));
		await until(() => walls.every((wall) => wall.sites.has(TO)), 'both walls to get the sites', 30_000);
	}, 120_000);
	afterAll(async () => {
		for (const wall of walls) wall.close();
		await control?.close();
		redis?.disconnect();
		await otherNode?.close();
		await projectorNode?.close();
		await cleanup?.();
	});

	it('shows both nodes’ walls the samplers coming and then arrived, as deltas, with no registry reload', async () => {
		const leader = await signedIn(otherNode, 'shift_leader', { townshipId: TOWNSHIP });
		const { from, staffIds, to } = await spare(otherNode, leader.cookie);
		const move = await (await call(otherNode, '/api/staffing/moves', leader, { staffIds, fromSiteId: from.id, toSiteId: TO, reason: '支援白畈村' })).json();
		for (const wall of walls) {
			await until(() => (wall.sites.get(TO)?.incoming?.length ?? 0) > 0, 'each wall to see them coming');
			expect(wall.sites.get(TO)).toMatchObject({ staffedDesks: to.staffedDesks, incoming: [{ samplers: 2, arrivesAt: move.arrivesAt }] });
		}
		const tablet = await deviceToken(projectorNode, `tablet-${TO}`);
		expect((await call(projectorNode, `/api/field/site/arrivals/${move.moveId}`, { token: tablet })).status).toBe(200);
		for (const wall of walls) await until(() => wall.sites.get(TO)?.staffedDesks === to.staffedDesks + 1 && wall.sites.get(TO)?.incoming?.length === 0, 'each wall to count them');
		expect(controlMessages.filter((message) => message.type === 'registry.changed')).toEqual([]);
		expect(registrySyncs).toBe(0);
	});
});
