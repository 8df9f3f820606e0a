/**
 * One person, one vehicle: while a transfer of a case is open (the vehicle picking up), a new fever
 * reading proposes nothing new, a second confirmation with another vehicle is refused in zh/en, and
 * the dispatcher's list does not show a proposal already handled. The reviewer's way in: the day
 * changed between the first proposal and the next reading.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import { householdPrivate, households, quarantineCaseEvents, quarantineCases, transferTasks } from '../../server/db/schema/index';
import { serviceDay } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';

const DAY = 86_400_000;
let q: QuarantineApp;
let dispatcher: string;
let caseId: string;

beforeAll(async () => {
	q = await startQuarantineApp(['dispatcher']);
	dispatcher = q.cookies.dispatcher!;
	const db = q.app.database.db;
	const [home] = await db
		.select({ id: households.id, villageId: households.villageId })
		.from(households)
		.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.where(and(eq(households.villageId, q.villageA), eq(households.measure, 'none'), isNotNull(householdPrivate.lat)))
		.orderBy(asc(households.id))
		.limit(1);
	caseId = 'qc_onevehicle1';
	const startDate = addDays(serviceDay(Date.now()), -2);
	await db.insert(quarantineCases).values({
		id: caseId, personId: 'p_onevehicle1', householdId: home.id, villageId: home.villageId, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
		createdAt: new Date(Date.now() - 2 * DAY), createdBy: 'test', updatedAt: new Date(Date.now() - 2 * DAY)
	});
}, 180_000);
afterAll(async () => {
	await q?.app.close();
});

let reports = 0;
const fever = () => postAs(q.app, q.officer, '/api/quarantine/follow-ups', { caseId, reportId: `onevehicle-${++reports}`, takenAt: new Date(Date.now() - 60_000).toISOString(), temperatureC: 38.4, symptoms: [] });
const proposalRows = () => q.app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'transfer_proposed')));
const listed = async () => ((await (await fetch(`${q.app.url}/api/quarantine/transfer-proposals`, { headers: { cookie: dispatcher } })).json()) as { proposals: { caseId: string }[] }).proposals.map((proposal) => proposal.caseId);

describe('a case whose transfer is open', () => {
	let taskId: number;

	it('gets no second proposal from a new fever reading after the day changed, and the open transfer’s destination is named', async () => {
		const first = await fever();
		expect(first.status).toBe(201);
		const proposed = (await first.json()).proposedTransfer;
		expect(proposed).toMatchObject({ id: expect.any(String) });
		const confirmed = await postAs(q.app, dispatcher, '/api/transfers', { vehicleId: 'transfer-1', caseId });
		expect(confirmed.status).toBe(201);
		taskId = ((await confirmed.json()) as { taskId: number }).taskId;
		expect(await listed()).not.toContain(caseId);

		// Midnight passes with the vehicle still picking up: proposal and task are yesterday's.
		const yesterday = new Date(Date.now() - DAY);
		await q.app.database.db.update(quarantineCaseEvents).set({ at: yesterday }).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'transfer_proposed')));
		await q.app.database.db.update(transferTasks).set({ createdAt: yesterday }).where(eq(transferTasks.id, taskId));

		const again = await fever();
		expect(again.status).toBe(201);
		expect((await again.json()).proposedTransfer).toMatchObject({ kind: proposed.kind, id: proposed.id });
		expect(await proposalRows()).toHaveLength(1);
		expect(await listed()).not.toContain(caseId);
	});

	it('refuses a confirmation with another vehicle, in Chinese and English, and holds no second bed', async () => {
		const second = await postAs(q.app, dispatcher, '/api/transfers', { vehicleId: 'transfer-2', caseId });
		expect(second.status).toBe(409);
		const body = (await second.json()) as { code: string; message: { zh: string; en: string } };
		expect(body.code).toBe('transfer_open');
		expect(body.message.zh).toContain(`#${taskId}`);
		expect(body.message.en).toMatch(/already being collected/);
		const open = await q.app.database.db.select().from(transferTasks).where(and(eq(transferTasks.caseId, caseId), ne(transferTasks.status, 'cancelled')));
		expect(open.map((task) => task.id)).toEqual([taskId]);
	});

	it('puts the proposal back on the list when the open transfer is cancelled, and it may then be confirmed once', async () => {
		expect((await postAs(q.app, dispatcher, `/api/transfers/${taskId}/cancel`, { reason: 'sent the wrong vehicle' })).status).toBe(200);
		expect(await listed()).toContain(caseId);
		const confirmed = await postAs(q.app, dispatcher, '/api/transfers', { vehicleId: 'transfer-2', caseId });
		expect(confirmed.status).toBe(201);
		expect(await listed()).not.toContain(caseId);
	});
});
