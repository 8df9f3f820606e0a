/**
 * The quarantine desk is pushed, not polled: a follow-up recorded on an officer's phone reaches a
 * desk viewer's socket as the next delta of the desk layer (the signal its page re-reads on), over
 * real Socket.io clients. A wall, and a role that may not view the desk, never get that layer, and
 * nothing the wall receives names the person, their ID number, phone or case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { asc, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { people, quarantineCases, regions } from '../../server/db/schema/index';
import type { Ack, ClientToServerEvents, Delta, DeskSignalEntity, ServerToClientEvents, Snapshot } from '../../src/lib/protocol/index';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { displayToken, signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';

// Today's figures are compared with the server's (which reads the real clock): run on one side of China midnight.
await clearOfChinaMidnight();

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Listener {
	socket: ClientSocket;
	snapshots: Snapshot[];
	/** Every frame received, event name and payload, in order. */
	frames: { event: string; payload: unknown }[];
	close(): void;
}

function listen(url: string, credential: { token: string } | { cookie: string }): Listener {
	const socket: ClientSocket = io(url, { transports: ['websocket'], parser: socketParser, forceNew: true, ...('token' in credential ? { auth: { token: credential.token } } : { extraHeaders: { cookie: credential.cookie } }) });
	const snapshots: Snapshot[] = [];
	const frames: { event: string; payload: unknown }[] = [];
	socket.onAny((event: string, payload: unknown) => {
		frames.push({ event, payload });
		if (event === 'snapshot') snapshots.push(payload as Snapshot);
	});
	return { socket, snapshots, frames, close: () => socket.close() };
}

const PERSON = { id: 'p_desklive0000000000000000000000001', name: '桂冬梅测', idNumber: '36042119800101777X', phone: '13979200777' };
const CASE_ID = 'qc_desklive01';

let app: App;
let officer: { cookie: string };
let desk: Listener;
let wall: Listener;
let dispatcher: Listener;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	const [village] = await db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'village')).orderBy(asc(regions.id)).limit(1);
	const start = addDays(serviceDay(Date.now()), -1);
	const created = new Date(serviceDayStart(start) + 9 * 3_600_000);
	await db.insert(people).values({ ...PERSON, matchKey: 'desk-live-test' });
	await db.insert(quarantineCases).values({ id: CASE_ID, personId: PERSON.id, villageId: village.id, measure: 'home_quarantine', placeKind: 'home', startDate: start, plannedEndDate: addDays(start, 13), status: 'active', createdAt: created, createdBy: 'test', updatedAt: created });
	officer = await signedIn(app, 'quarantine_officer', { villageIds: [village.id] });
	desk = listen(app.url, { cookie: (await signedIn(app, 'commander')).cookie });
	wall = listen(app.url, { token: await displayToken(app) });
	dispatcher = listen(app.url, { cookie: (await signedIn(app, 'dispatcher')).cookie });
	await until(() => desk.snapshots.length === 6 && wall.snapshots.length === 3 && dispatcher.snapshots.length === 5, 'the first snapshots');
}, 120_000);
afterAll(async () => {
	for (const listener of [desk, wall, dispatcher]) listener?.close();
	await app?.close();
});

const deskDeltas = (listener: Listener) => listener.frames.filter((frame) => frame.event === 'desk:delta').map((frame) => frame.payload as Delta<'desk'>);

describe('the quarantine desk\'s live signal', () => {
	it('sends the desk layer whole on connect to one who may view the desk, and to a wall or a dispatcher not at all', () => {
		expect(desk.snapshots.map((snapshot) => snapshot.layer)).toContain('desk');
		for (const other of [wall, dispatcher]) expect(other.snapshots.map((snapshot) => snapshot.layer)).not.toContain('desk');
	});

	it('signals the desk once a follow-up is recorded, and the wall receives no desk frame and nothing personal', async () => {
		const seen = deskDeltas(desk).length;
		const wallSeen = wall.frames.length;
		const response = await fetch(`${app.url}/api/quarantine/follow-ups`, {
			method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ caseId: CASE_ID, reportId: 'phone-7:desk-live-1', takenAt: new Date(Date.now() - 60_000).toISOString(), temperatureC: 37.8, symptoms: ['dry_cough'] })
		});
		expect(response.status).toBe(201);
		const signal = await until(() => deskDeltas(desk).slice(seen)[0], 'the desk signal on the desk socket');
		expect(signal.upserts).toEqual([expect.objectContaining({ id: 'county', changes: expect.any(Number), changedAt: expect.any(String) })]);
		// The signal says only that something changed: no case, person, village or place.
		expect(Object.keys(signal.upserts[0] as DeskSignalEntity).sort()).toEqual(['changedAt', 'changes', 'id']);

		// The same follow-up raises the wall's fever alert (its village, a count): by then the wall has had what it will get of it.
		await until(() => wall.frames.slice(wallSeen).some((frame) => frame.event === 'kpis:delta' && JSON.stringify(frame.payload).includes('"cases":1')) || undefined, 'the fever on the wall');
		const received = JSON.stringify(wall.frames);
		expect(wall.frames.map((frame) => frame.event)).not.toContain('desk:delta');
		for (const personal of [PERSON.name, PERSON.idNumber, PERSON.phone, PERSON.id, CASE_ID, 'desk-live-1']) expect(received).not.toContain(personal);
		expect(dispatcher.frames.map((frame) => frame.event)).not.toContain('desk:delta');
	});

	it('refuses a wall a snapshot of the desk layer, and gives it to the desk', async () => {
		const refused = (await wall.socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'desk' })) as Ack<Snapshot>;
		expect(refused).toMatchObject({ ok: false, message: { zh: expect.stringMatching(/无权/) } });
		const mine = (await desk.socket.timeout(5000).emitWithAck('snapshot:request', { layer: 'desk' })) as Ack<Snapshot>;
		expect(mine.ok && (mine.data.entities as DeskSignalEntity[])[0].changes).toBeGreaterThan(0);
	});
});
