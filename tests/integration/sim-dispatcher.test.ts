/**
 * The demo's simulated dispatcher confirms a positive test's proposed transfer and hands the
 * person over at the fever clinic through the commands /dispatch sends (POST /api/transfers,
 * POST /api/transfers/:id/handover), signed in as the demo dispatcher account: audit entries by
 * it, and the case ends transferred. A proposal a person confirmed first is left to them, with
 * nothing in the log. The dispatcher's clock is injected (its tick's `now`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { App } from '../../server/app';
import type { TransferBoard } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { position } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { auditLog, householdPrivate, households, quarantineCases, scheduledTests, sites, transferTasks } from '../../server/db/schema/index';
import { provisionSimulatedDispatcher, SIM_DISPATCHER_USERNAME } from '../../server/modules/identity/demo-dispatcher';
import { SimDispatcher } from '../../server/sim/sim-dispatcher';
import { serviceDay } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';

const CLINIC = 'sim-dispatch-clinic';
const MIN = 60_000;
const ACTOR = `user:${SIM_DISPATCHER_USERNAME}`;

let app: App;
let officer: string;
let person: string;
let homes: { id: string; villageId: string; lat: number; lon: number }[];
const warnings: string[] = [];
let dispatcher: SimDispatcher;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	const rows = await db
		.select({ id: households.id, villageId: households.villageId, lat: householdPrivate.lat, lon: householdPrivate.lon })
		.from(households)
		.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.where(and(eq(households.measure, 'none'), isNotNull(householdPrivate.lat)))
		.orderBy(asc(households.villageId), asc(households.id));
	homes = rows.filter((row) => row.villageId === rows[0].villageId).slice(0, 2).map((row) => ({ ...row, lat: row.lat!, lon: row.lon! }));
	// A 24-hour fever clinic 3 km from the village: where a positive's proposal sends them.
	await db.insert(sites).values({ id: CLINIC, name: '模拟调度测试发热门诊', kind: 'fever_clinic_24h', townshipId: 't:test', lat: homes[0].lat + 0.02, lon: homes[0].lon + 0.02, desks: 2, pooling: '1:1', status: 'open', opensAt: '00:00', closesAt: '24:00' });
	officer = (await signedIn(app, 'quarantine_officer', { villageIds: [homes[0].villageId] })).cookie;
	person = (await signedIn(app, 'dispatcher')).cookie;
	// Signed in before the first look: the dispatcher does nothing until its session is ready, and on a
	// loaded machine provisioning (a password hash) outlasted the first test's looks, which then did nothing.
	const session = await provisionSimulatedDispatcher({ db });
	expect(session).toEqual(expect.any(String));
	dispatcher = new SimDispatcher({ origin: app.url, session, logger: { warn: (message: string) => warnings.push(message) } });
}, 180_000);
afterAll(() => app?.close());

/** The dispatcher's looks at the board at `now`: a look not answered (a busy test machine) is simply taken again, as on the wall. */
const look = async (now: number) => {
	for (let n = 0; n < 3; n++) await dispatcher.tick(now);
};
const post = (path: string, body: unknown, cookie: string) => fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
const board = async () => (await (await fetch(`${app.url}/api/transfers`, { headers: { cookie: person } })).json()) as TransferBoard;

let cases = 0;
/** A home-quarantine case whose day-7 test the officer records positive: a transfer to the clinic proposed now. */
async function positiveCase(home: (typeof homes)[number]): Promise<string> {
	const id = `qc_simdispatch${++cases}`;
	const startDate = addDays(serviceDay(Date.now()), -6);
	await app.database.db.insert(quarantineCases).values({
		id, personId: `p_simdispatch${cases}`, householdId: home.id, villageId: home.villageId, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
		createdAt: new Date(Date.now() - 6 * 86_400_000), createdBy: 'test', updatedAt: new Date(Date.now() - 86_400_000)
	});
	const [test] = await app.database.db.insert(scheduledTests).values({ caseId: id, personId: `p_simdispatch${cases}`, kind: 'day_7', dueDate: serviceDay(Date.now()) }).returning();
	const recorded = await post(`/api/quarantine/tests/${test.id}/result`, { result: 'positive' }, officer);
	expect(recorded.status, await recorded.clone().text()).toBe(200);
	expect((await board()).proposals).toContainEqual(expect.objectContaining({ caseId: id, reason: 'positive' }));
	return id;
}

describe("the demo's simulated dispatcher", () => {
	it('confirms a positive with a free vehicle and hands over at the clinic once it arrived, through the commands, as the demo dispatcher', async () => {
		const home = homes[0];
		const caseId = await positiveCase(home);
		// Not yet: a few minutes after it appeared.
		await look(Date.now() + 5 * MIN);
		expect((await board()).tasks.filter((task) => task.caseId === caseId)).toEqual([]);

		await look(Date.now() + 45 * MIN);
		const [task] = await app.database.db.select().from(transferTasks).where(eq(transferTasks.caseId, caseId));
		expect(task).toMatchObject({ status: 'open', createdBy: ACTOR, destinationSiteId: CLINIC });
		expect(await app.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'transfer.create'), eq(auditLog.subject, `transfer:${task.id}`), eq(auditLog.actor, ACTOR)))).toHaveLength(1);
		expect((await board()).proposals.map((proposal) => proposal.caseId)).not.toContain(caseId);

		// Not arrived: nothing to hand over.
		await look(Date.now() + 3 * 60 * MIN);
		expect((await app.database.db.select().from(transferTasks).where(eq(transferTasks.id, task.id)))[0].status).toBe('open');

		// The vehicle's track (as its phone would send it): the task is dated half an hour back so the fixes can be.
		const startedAt = Date.now() - 30 * MIN;
		await app.database.db.update(transferTasks).set({ createdAt: new Date(startedAt) }).where(eq(transferTasks.id, task.id));
		const [clinic] = await app.database.db.select().from(sites).where(eq(sites.id, CLINIC));
		const pickup = { lat: task.pickupLat, lon: task.pickupLon };
		const along = (f: number) => ({ lat: pickup.lat + (clinic.lat - pickup.lat) * f, lon: pickup.lon + (clinic.lon - pickup.lon) * f });
		const plan: { minute: number; at: { lat: number; lon: number } }[] = [];
		for (let m = 2; m <= 5; m += 0.5) plan.push({ minute: m, at: pickup });
		for (let m = 5.5; m < 15; m += 0.5) plan.push({ minute: m, at: along((m - 5) / 10) });
		for (let m = 15; m <= 20; m += 0.5) plan.push({ minute: m, at: { lat: clinic.lat, lon: clinic.lon } });
		const events = plan.map(({ minute, at }) => position({ vehicleId: task.vehicleId, at: new Date(startedAt + minute * MIN).toISOString(), lat: at.lat, lon: at.lon }));
		expect((await postEvents(app, { events }, { as: `phone-${task.vehicleId}` })).status).toBe(200);
		await until(async () => (await board()).tasks.find((each) => each.id === task.id && each.phase === 'arrived'), 'the arrival at the clinic');

		await look(Date.now() + 60 * MIN);
		const [closed] = await app.database.db.select().from(transferTasks).where(eq(transferTasks.id, task.id));
		expect(closed).toMatchObject({ status: 'handed_over', closedBy: ACTOR });
		expect(await app.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'transfer.handover'), eq(auditLog.subject, `transfer:${task.id}`), eq(auditLog.actor, ACTOR)))).toHaveLength(1);
		const [ended] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, caseId));
		expect(ended.status).toBe('transferred');
		expect(warnings).toEqual([]);
	}, 90_000);

	it('leaves a proposal a person confirmed first to them, with nothing in the log', async () => {
		const caseId = await positiveCase(homes[1]);
		const free = (await board()).vehicles.find((vehicle) => vehicle.busyWith === null)!;
		const confirmed = await post('/api/transfers', { vehicleId: free.id, caseId }, person);
		expect(confirmed.status, await confirmed.clone().text()).toBe(201);

		await look(Date.now() + 45 * MIN);
		const tasks = await app.database.db.select().from(transferTasks).where(eq(transferTasks.caseId, caseId));
		expect(tasks).toHaveLength(1);
		expect(tasks[0].createdBy).not.toBe(ACTOR);
		// Nor does it hand over a person's task while they may still do it.
		expect(tasks[0].status).toBe('open');
		expect(warnings).toEqual([]);
	}, 60_000);
});
