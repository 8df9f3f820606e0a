/**
 * A fever follow-up's proposed transfer, confirmed by the dispatcher (POST /api/transfers with a
 * caseId): to a 24-hour fever clinic, shielded at the pickup like any transfer, handed over at the
 * clinic (the case ends as transferred); and a village quarantine device recording follow-ups for
 * its villages only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import type { DispatchBoard, TransferBoard } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { position } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { auditLog, checkIns, eventLog, householdPrivate, households, quarantineCaseEvents, quarantineCases, regions, scheduledTests, sites, transferTasks, vehicles } from '../../server/db/schema/index';
import { officerRounds } from '../../server/modules/quarantine/officer-rounds';
import { assignTransfer } from '../../server/modules/transfers/assign-transfer';
import { openTransferFor } from '../../server/modules/transfers/transfer-tasks';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import { openWall } from '../fixtures/wall-socket';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import { distanceMetres } from '../../src/lib/domain/coordinates';
import { serviceDay } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';

// Today's figures are compared with the server's (which reads the real clock): run on one side of China midnight.
await clearOfChinaMidnight();

const CLINIC = 'fever-test-clinic';
const MIN = 60_000;

let app: App;
let dispatcher: string;
let officer: string;
/** Households at home with a known home, in two villages. */
let homes: { id: string; villageId: string; lat: number; lon: number }[];
let villageA: string;
let villageB: string;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	const rows = await db
		.select({ id: households.id, villageId: households.villageId, lat: householdPrivate.lat, lon: householdPrivate.lon })
		.from(households)
		.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.where(and(eq(households.measure, 'none'), isNotNull(householdPrivate.lat)))
		.orderBy(asc(households.villageId), asc(households.id));
	villageA = rows[0].villageId;
	villageB = rows.find((row) => row.villageId !== villageA)!.villageId;
	homes = rows.filter((row) => row.villageId === villageA).slice(0, 6).map((row) => ({ ...row, lat: row.lat!, lon: row.lon! }));
	// A 24-hour fever clinic 3 km north-east of the village's first home: the proposal's first choice.
	await db.insert(sites).values({ id: CLINIC, name: '测试发热门诊', kind: 'fever_clinic_24h', townshipId: 't:test', lat: homes[0].lat + 0.02, lon: homes[0].lon + 0.02, desks: 2, pooling: '1:1', status: 'open', opensAt: '00:00', closesAt: '24:00' });
	dispatcher = (await signedIn(app, 'dispatcher')).cookie;
	officer = (await signedIn(app, 'quarantine_officer', { villageIds: [villageA] })).cookie;
}, 180_000);
afterAll(async () => {
	await app?.close();
});

async function patiently(path: string, init: RequestInit = {}, cookie = dispatcher): Promise<Response> {
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${app.url}${path}`, { ...init, headers: { cookie, ...init.headers } });
		if (response.status !== 429 || attempt === 10) return response;
		await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
	}
}
const get = async <T>(path: string) => (await (await patiently(path)).json()) as T;
const post = (path: string, body?: unknown, cookie = dispatcher) => patiently(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }, cookie);

let cases = 0;
/** A home-quarantine case of one of the village's households, begun yesterday. */
async function openCase(home: (typeof homes)[number]): Promise<string> {
	const id = `qc_fevertx${String(++cases).padStart(3, '0')}`;
	const startDate = addDays(serviceDay(Date.now()), -1);
	await app.database.db.insert(quarantineCases).values({
		id, personId: `p_fevertx${cases}`, householdId: home.id, villageId: home.villageId, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
		createdAt: new Date(Date.now() - 86_400_000), createdBy: 'test', updatedAt: new Date(Date.now() - 86_400_000)
	});
	return id;
}
let reports = 0;
const followUp = (caseId: string, temperatureC = 38.4) => ({ caseId, reportId: `fevertx-report-${++reports}`, takenAt: new Date(Date.now() - MIN).toISOString(), temperatureC, symptoms: [] });
/** A case with fever recorded by its officer: a transfer proposed to the fever clinic. */
async function feverCase(home: (typeof homes)[number]): Promise<string> {
	const caseId = await openCase(home);
	const recorded = await post('/api/quarantine/follow-ups', followUp(caseId), officer);
	expect(recorded.status).toBe(201);
	expect((await recorded.json()).proposedTransfer).toMatchObject({ kind: 'fever_clinic', id: CLINIC });
	return caseId;
}
const proposals = async () => (await get<{ proposals: { caseId: string }[] }>('/api/quarantine/transfer-proposals')).proposals.map((proposal) => proposal.caseId);

describe('confirming a fever transfer', () => {
	let confirmedCase: string;
	let confirmedTask: number;

	it('sends a vehicle to the fever clinic the proposal named, and the proposal leaves the list', async () => {
		confirmedCase = await feverCase(homes[0]);
		expect(await proposals()).toContain(confirmedCase);
		expect((await get<TransferBoard>('/api/transfers')).proposals).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: confirmedCase, destination: expect.objectContaining({ kind: 'fever_clinic', id: CLINIC }) })]));

		const confirmed = await post('/api/transfers', { vehicleId: 'transfer-1', caseId: confirmedCase });
		expect(confirmed.status).toBe(201);
		const { taskId, eventId } = (await confirmed.json()) as { taskId: number; eventId: string };
		confirmedTask = taskId;
		const [row] = await app.database.db.select().from(transferTasks).where(eq(transferTasks.id, taskId));
		expect(row).toMatchObject({ caseId: confirmedCase, destinationSiteId: CLINIC, quarantineSiteId: null, householdId: null, returneeId: null, passengers: 1, status: 'open' });
		const [logged] = await app.database.db.select().from(eventLog).where(eq(eventLog.eventId, eventId));
		expect(logged.payload).toMatchObject({ type: 'transfer.assigned', taskId, caseId: confirmedCase, destinationSiteId: CLINIC, quarantineSiteId: null });

		expect(await proposals()).not.toContain(confirmedCase);
		const board = await get<TransferBoard>('/api/transfers');
		expect(board.proposals.some((proposal) => proposal.caseId === confirmedCase)).toBe(false);
		expect(board.tasks.find((task) => task.id === taskId)).toMatchObject({ destinationKind: 'fever_clinic', hotelId: CLINIC, hotelName: '测试发热门诊', caseId: confirmedCase });
		// A fever clinic holds no hotel beds.
		expect(board.hotels[0].held).toBe(0);
		expect(JSON.stringify(board)).not.toMatch(new RegExp(`${homes[0].lat}`));
	});

	it('shows the vehicle at the fever pickup only at village level', async () => {
		const at = new Date(Date.now() + 1000).toISOString();
		const posted = await postEvents(app, { events: [position({ vehicleId: 'transfer-1', lat: homes[0].lat, lon: homes[0].lon, at })] }, { as: 'phone-transfer-1' });
		expect(posted.json.accepted).toBe(1);
		// No fix of transfer-1 before this one in this file: a recent fix age is this fix.
		const vehicle = await until(async () => {
			const shown = (await get<DispatchBoard>('/api/dispatch/board')).vehicles.find((each) => each.id === 'transfer-1');
			return shown?.fixAgeSeconds !== null && shown?.fixAgeSeconds !== undefined && shown.fixAgeSeconds < 60 && shown;
		}, 'the fix on the dispatch board');
		expect(vehicle.state).toBe('transfer');
		expect(vehicle.coarse).toBe(true);
		expect(distanceMetres(homes[0], { lat: vehicle.lat!, lon: vehicle.lon! })).toBeGreaterThan(300);
	});

	it('refuses a second confirmation while the first transfer is open (one person, one vehicle), and writes nothing', async () => {
		const again = await post('/api/transfers', { vehicleId: 'transfer-2', caseId: confirmedCase });
		expect([again.status, (await again.json()).error]).toEqual([409, `this case is already being collected by transfer ${confirmedTask}; one person gets one vehicle (cancel that transfer first to send another)`]);
		expect(await app.database.db.select({ id: transferTasks.id }).from(transferTasks).where(eq(transferTasks.caseId, confirmedCase))).toHaveLength(1);
	});

	it('refuses a vehicle already on a task', async () => {
		const caseId = await feverCase(homes[1]);
		const busy = await post('/api/transfers', { vehicleId: 'transfer-1', caseId });
		expect([busy.status, (await busy.json()).error]).toEqual([409, `转运车1 is on transfer ${confirmedTask}; close or cancel it first`]);
		expect(await proposals()).toContain(caseId);
	});

	it('refuses a case with no fever proposal', async () => {
		const caseId = await openCase(homes[2]);
		const normal = await post('/api/quarantine/follow-ups', followUp(caseId, 36.5), officer);
		expect(normal.status).toBe(201);
		const refused = await post('/api/transfers', { vehicleId: 'transfer-2', caseId });
		const body = await refused.json();
		expect([refused.status, body.error]).toEqual([409, 'this case has no transfer proposal waiting (it was handled, or the case is no longer under its measure); there is nothing to confirm']);
		expect(body.message?.zh ?? body.zh ?? JSON.stringify(body)).toMatch(/没有待确认的转运建议/);
		expect(await app.database.db.select({ id: transferTasks.id }).from(transferTasks).where(eq(transferTasks.caseId, caseId))).toHaveLength(0);
	});

	it('a cancelled confirmation puts the proposal back on the list', async () => {
		const caseId = await feverCase(homes[3]);
		const confirmed = await post('/api/transfers', { vehicleId: 'transfer-2', caseId });
		expect(confirmed.status).toBe(201);
		const { taskId } = (await confirmed.json()) as { taskId: number };
		expect(await proposals()).not.toContain(caseId);
		expect((await post(`/api/transfers/${taskId}/cancel`, { reason: '测试：改派' })).status).toBe(200);
		expect(await proposals()).toContain(caseId);
	});
});

describe('handover at a fever clinic', () => {
	/** The operation with a log that takes the event, so the task can be made in the past and the fixes since posted. */
	const takesAll = { append: async (events: unknown[]) => events.map(() => 'appended' as const) } as unknown as EventLog;

	it('closes the task once the vehicle is at the clinic and ends the case as transferred, with its history', async () => {
		const home = homes[4];
		const caseId = await openCase(home);
		const startedAt = Date.now() - 30 * MIN;
		// Proposed just before the task (as a follow-up would have, half an hour ago).
		await app.database.db.insert(quarantineCaseEvents).values({ caseId, at: new Date(startedAt - MIN), actor: 'test', kind: 'transfer_proposed', reason: 'fever', details: { destination: { kind: 'fever_clinic', id: CLINIC, name: '测试发热门诊' } } });
		const { taskId } = await assignTransfer({ ctx: { db: app.database.db, log: takesAll, actor: 'user:test', now: startedAt }, input: { vehicleId: 'transfer-2', caseId } });

		const early = await post(`/api/transfers/${taskId}/handover`);
		expect(early.status).toBe(409);
		const [clinic] = await app.database.db.select().from(sites).where(eq(sites.id, CLINIC));
		const along = (f: number) => ({ lat: home.lat + (clinic.lat - home.lat) * f, lon: home.lon + (clinic.lon - home.lon) * f });
		const plan: { minute: number; at: { lat: number; lon: number } }[] = [];
		for (let m = 2; m <= 5; m += 0.5) plan.push({ minute: m, at: home });
		for (let m = 5.5; m < 15; m += 0.5) plan.push({ minute: m, at: along((m - 5) / 10) });
		for (let m = 15; m <= 20; m += 0.5) plan.push({ minute: m, at: { lat: clinic.lat, lon: clinic.lon } });
		const events = plan.map(({ minute, at }) => position({ vehicleId: 'transfer-2', at: new Date(startedAt + minute * MIN).toISOString(), lat: at.lat, lon: at.lon }));
		expect((await postEvents(app, { events }, { as: 'phone-transfer-2' })).status).toBe(200);
		await until(async () => (await get<TransferBoard>('/api/transfers')).tasks.find((each) => each.id === taskId && each.phase === 'arrived'), 'the arrival at the clinic');

		// The fever that sent them: the village's fever alert counts this case until the handover.
		expect((await post('/api/quarantine/follow-ups', followUp(caseId), officer)).status).toBe(201);
		const feversAt = (fevers: { villageId: string; cases: number }[] | undefined) => fevers?.find((village) => village.villageId === home.villageId)?.cases ?? 0;
		const wallToken = (await createDisplayToken({ db: app.database.db, input: { label: 'fever handover wall' }, actor: 'test' })).token;
		const liveWall = await openWall(app, wallToken);
		// The follow-up is committed before its event reaches the live fever watch: wait for the live wall to reach the stored count.
		const feverBefore = feversAt((await computeOverview(app.database.db, null, Date.now())).quarantine.fevers);
		expect(feverBefore).toBeGreaterThan(0);
		await until(() => (feversAt(liveWall.kpi().fevers) === feverBefore ? true : undefined), 'the live wall to count the stored fevers');

		const hotelBefore = (await get<TransferBoard>('/api/transfers')).hotels[0];
		const handover = await post(`/api/transfers/${taskId}/handover`);
		expect(handover.status).toBe(200);
		const { eventId } = (await handover.json()) as { eventId: string };
		const [logged] = await app.database.db.select().from(eventLog).where(eq(eventLog.eventId, eventId));
		expect(logged.payload).toMatchObject({ type: 'transfer.handed_over', taskId, destinationSiteId: CLINIC, quarantineSiteId: null, caseId });
		const [task] = await app.database.db.select().from(transferTasks).where(eq(transferTasks.id, taskId));
		expect(task).toMatchObject({ status: 'handed_over', closedBy: expect.stringMatching(/^user:/) });
		expect(task.arrivedAt).not.toBeNull();
		const [ended] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, caseId));
		expect(ended.status).toBe('transferred');
		const history = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'transferred')));
		expect(history).toEqual([expect.objectContaining({ eventId, details: expect.objectContaining({ taskId, destination: { kind: 'fever_clinic', id: CLINIC, name: '测试发热门诊' } }) })]);
		// No hotel bed filled by a clinic handover.
		expect((await get<TransferBoard>('/api/transfers')).hotels[0].occupied).toBe(hotelBefore.occupied);
		expect(await app.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'transfer.handover'), eq(auditLog.subject, `transfer:${taskId}`)))).toHaveLength(1);
		expect(await proposals()).not.toContain(caseId);

		// case.transferred, in the same commit: the live fever watch drops this case from its village at once, and so does the overview.
		const [transferred] = await app.database.db.select().from(eventLog).where(sql`${eventLog.payload}->>'type' = 'case.transferred' and ${eventLog.payload}->>'caseId' = ${caseId}`);
		expect(transferred.payload).toMatchObject({ type: 'case.transferred', caseId, villageId: home.villageId, taskId, destination: { kind: 'fever_clinic', id: CLINIC }, ended: true });
		await until(() => (feversAt(liveWall.kpi().fevers) === feverBefore - 1 ? true : undefined), 'the fever to clear on the live wall');
		liveWall.close();
		expect(feversAt((await computeOverview(app.database.db, null, Date.now())).quarantine.fevers)).toBe(feverBefore - 1);
	});
});

describe('a positive test on a quarantine case', () => {
	it('marks the case positive, counts a positive for the village’s critical alert, and proposes a closed-loop transfer to the fever clinic for dispatch', async () => {
		const caseId = await openCase(homes[4]);
		const [test] = await app.database.db.insert(scheduledTests).values({ caseId, personId: `p_fevertx${cases}`, kind: 'day_7', dueDate: serviceDay(Date.now()) }).returning();
		const recorded = await post(`/api/quarantine/tests/${test.id}/result`, { result: 'positive' }, officer);
		expect(recorded.status).toBe(200);
		expect(await recorded.json()).toMatchObject({ result: 'positive', proposedTransfer: { kind: 'fever_clinic', id: CLINIC } });

		// On the log: the result and the proposal, with the reason; no name, no home.
		const logged = await app.database.db.select().from(eventLog).where(sql`${eventLog.payload}->>'caseId' = ${caseId}`);
		expect(logged.map((row) => (row.payload as { type: string }).type)).toEqual(expect.arrayContaining(['case.test_result', 'case.transfer_proposed']));
		expect(logged.find((row) => (row.payload as { type: string }).type === 'case.transfer_proposed')!.payload).toMatchObject({ villageId: villageA, destination: { kind: 'fever_clinic', id: CLINIC }, reason: 'positive' });

		// The dispatcher sees it to confirm, as a fever's.
		const board = await get<TransferBoard>('/api/transfers');
		expect(board.proposals).toContainEqual(expect.objectContaining({ caseId, reason: 'positive', destination: expect.objectContaining({ kind: 'fever_clinic', id: CLINIC }) }));
		// The officer's phone shows the case positive, with its proposed transfer.
		const rounds = await officerRounds(app.database.db, { kind: 'villages', villageIds: [villageA] });
		expect(rounds.cases.find((found) => found.id === caseId)).toMatchObject({ positive: true, proposedTransfer: { reason: 'positive', destination: { kind: 'fever_clinic', id: CLINIC } } });
		// The wall's village-level critical alert: a count for the village, never the person.
		const overview = await computeOverview(app.database.db, null, Date.now());
		expect(overview.quarantine.tests.find((village) => village.villageId === villageA)!.positive).toBeGreaterThanOrEqual(1);
		expect(JSON.stringify(overview.quarantine.tests)).not.toContain(caseId);

		// The dispatcher confirms it: a vehicle to the fever clinic.
		const confirmed = await post('/api/transfers', { vehicleId: 'transfer-2', caseId });
		expect(confirmed.status).toBe(201);
		const [task] = await app.database.db.select().from(transferTasks).where(eq(transferTasks.id, ((await confirmed.json()) as { taskId: number }).taskId));
		expect(task).toMatchObject({ caseId, destinationSiteId: CLINIC, quarantineSiteId: null });
	});
});

describe('a positive while the fever clinic is marked paused, and a home with no location', () => {
	beforeAll(async () => {
		// Vehicles of these tests' own: the scenario's two may still be on the tasks above.
		await app.database.db.insert(vehicles).values([
			{ id: 'transfer-test-a', name: '测试转运车A', kind: 'transfer' },
			{ id: 'transfer-test-b', name: '测试转运车B', kind: 'transfer' }
		]);
	});

	it('proposes the fever clinic for a positive at any hour unless the clinic is marked closed, never a hotel', async () => {
		const db = app.database.db;
		await db.update(sites).set({ status: 'paused' }).where(eq(sites.id, CLINIC));
		try {
			const caseId = await openCase(homes[3]);
			const [test] = await db.insert(scheduledTests).values({ caseId, personId: `p_fevertx${cases}`, kind: 'day_7', dueDate: serviceDay(Date.now()) }).returning();
			const recorded = await post(`/api/quarantine/tests/${test.id}/result`, { result: 'positive' }, officer);
			expect(recorded.status).toBe(200);
			// Before: a paused (or night-time) clinic was passed over and a positive got no proposal at all.
			expect(await recorded.json()).toMatchObject({ result: 'positive', proposedTransfer: { kind: 'fever_clinic', id: CLINIC } });
		} finally {
			await db.update(sites).set({ status: 'open' }).where(eq(sites.id, CLINIC));
		}
	});

	it('collects a case whose home has no location at its village point, address to confirm by phone; a second vehicle is refused without the case id', async () => {
		const db = app.database.db;
		const caseId = `qc_fevertx${String(++cases).padStart(3, '0')}`;
		const startDate = addDays(serviceDay(Date.now()), -1);
		// Registered on the officer's phone with a typed address: no household, so no home location.
		await db.insert(quarantineCases).values({
			id: caseId, personId: `p_fevertx${cases}`, householdId: null, villageId: villageA, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
			createdAt: new Date(Date.now() - 86_400_000), createdBy: 'test', updatedAt: new Date(Date.now() - 86_400_000)
		});
		const recorded = await post('/api/quarantine/follow-ups', followUp(caseId), officer);
		expect((await recorded.json()).proposedTransfer).toMatchObject({ kind: 'fever_clinic', id: CLINIC });

		const sent = await post('/api/transfers', { vehicleId: 'transfer-test-a', caseId });
		const body = (await sent.json()) as { taskId: number; code?: string };
		// Before: 422 case_no_pickup, naming the case's internal id.
		expect([sent.status, body.code]).toEqual([201, undefined]);
		const [task] = await db.select().from(transferTasks).where(eq(transferTasks.id, body.taskId));
		const [village] = await db.select().from(regions).where(eq(regions.id, villageA));
		expect(task.pickupLabel).toContain(village.name);
		expect(task.pickupLabel).toMatch(/住址待电话确认.*confirm address by phone/);
		// The driver's phone shows the same point.
		const shown = await openTransferFor(db, 'transfer-test-a');
		expect(shown?.pickup).toEqual({ label: task.pickupLabel, lat: task.pickupLat, lon: task.pickupLon });

		const again = await post('/api/transfers', { vehicleId: 'transfer-test-b', caseId });
		const refusal = await again.json();
		expect([again.status, refusal.code]).toEqual([409, 'transfer_open']);
		expect(refusal.message.zh).toMatch(/已有转运任务/);
		expect(JSON.stringify(refusal)).not.toContain(caseId);
		expect((await post(`/api/transfers/${body.taskId}/cancel`, { reason: '测试结束' })).status).toBe(200);
	});
});

describe('a village quarantine device', () => {
	let token: string;
	beforeAll(async () => {
		token = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'thermo-1', kind: 'quarantine_device', scopeId: villageA }, actor: 'test' })).token;
	});
	const asDevice = (body: unknown, bearer = token) => fetch(`${app.url}/api/quarantine/follow-ups`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it('records a follow-up for a case of its village, as the device', async () => {
		const caseId = await openCase(homes[5]);
		const recorded = await asDevice({ ...followUp(caseId, 36.7), source: 'officer' });
		expect(recorded.status).toBe(201);
		const [row] = await app.database.db.select().from(checkIns).where(eq(checkIns.caseId, caseId));
		expect(row).toMatchObject({ source: 'device', recordedBy: 'device:thermo-1', temperatureC: expect.closeTo(36.7, 1) });
		const [history] = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'follow_up')));
		expect(history.actor).toBe('device:thermo-1');
	});

	it('is refused for a case outside its villages, and nothing is written', async () => {
		const [other] = await app.database.db
			.select({ id: households.id, villageId: households.villageId, lat: householdPrivate.lat, lon: householdPrivate.lon })
			.from(households)
			.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
			.where(eq(households.villageId, villageB))
			.limit(1);
		const caseId = await openCase({ ...other, lat: other.lat ?? 0, lon: other.lon ?? 0 });
		const refused = await asDevice(followUp(caseId, 36.6));
		expect(refused.status).toBe(403);
		expect(await app.database.db.select().from(checkIns).where(eq(checkIns.caseId, caseId))).toHaveLength(0);
	});

	it('another kind of device may not record follow-ups', async () => {
		const tablet = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'courier-phone-x', kind: 'courier_phone', scopeId: 'transfer-1' }, actor: 'test' })).token;
		const caseId = await openCase(homes[5]);
		const refused = await asDevice(followUp(caseId, 36.6), tablet);
		expect(refused.status).toBe(403);
		expect(await app.database.db.select({ n: sql<number>`count(*)::int` }).from(checkIns).where(eq(checkIns.caseId, caseId))).toEqual([{ n: 0 }]);
	});

	it('finds the follow-up endpoint in the device API document, with the device credential', async () => {
		const doc = await (await fetch(`${app.url}/api/openapi.json`)).json();
		expect(doc.paths['/api/quarantine/follow-ups'].post).toMatchObject({ security: [{ deviceToken: [] }], requestBody: { content: { 'application/json': { schema: { required: expect.arrayContaining(['caseId', 'reportId', 'takenAt', 'temperatureC']) } } } } });
	});

	it('is issued only for villages that exist, by the admin API', async () => {
		const admin = (await signedIn(app, 'admin')).cookie;
		const issue = (scopeId: string) => fetch(`${app.url}/api/admin/devices`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: 'village-phone-1', kind: 'quarantine_device', scopeId }) });
		const unknown = await issue(`${villageA},v:nowhere`);
		expect(unknown.status).toBe(400);
		expect((await unknown.json()).error).toMatch(/no village "v:nowhere" exists/);
		const issued = await issue(`${villageA},${villageB}`);
		expect(issued.status).toBe(201);
	});
});
