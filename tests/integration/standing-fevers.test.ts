/**
 * A fever stands while its condition stands: across midnight (China time) until the person is
 * handed over, and through a later normal reading; a positive until handled. The wall's overview,
 * the desk and the officer's phone read one definition (quarantine/standing-fevers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { auditLog, householdPrivate, households, quarantineCaseEvents, quarantineCases, scheduledTests } from '../../server/db/schema/index';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import { deskSummary } from '../../server/modules/quarantine/desk-summary';
import { officerRounds } from '../../server/modules/quarantine/officer-rounds';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';

const DAY = 86_400_000;
let q: QuarantineApp;
let homes: { id: string; villageId: string }[];

beforeAll(async () => {
	q = await startQuarantineApp();
	homes = await q.app.database.db
		.select({ id: households.id, villageId: households.villageId })
		.from(households)
		.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.where(and(eq(households.villageId, q.villageA), eq(households.measure, 'none'), isNotNull(householdPrivate.lat)))
		.orderBy(asc(households.id))
		.limit(5);
}, 180_000);
afterAll(async () => {
	await q?.app.close();
});

let opened = 0;
async function openCase(): Promise<string> {
	const home = homes[opened];
	const id = `qc_standing${++opened}`;
	const startDate = addDays(serviceDay(Date.now()), -2);
	await q.app.database.db.insert(quarantineCases).values({
		id, personId: `p_standing${opened}`, householdId: home.id, villageId: home.villageId, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
		createdAt: new Date(Date.now() - 2 * DAY), createdBy: 'test', updatedAt: new Date(Date.now() - 2 * DAY)
	});
	return id;
}
let reports = 0;
const reading = (caseId: string, temperatureC: number, slot?: string) =>
	postAs(q.app, q.officer, '/api/quarantine/follow-ups', { caseId, reportId: `standing-${++reports}`, takenAt: new Date(Date.now() - 60_000).toISOString(), temperatureC, symptoms: [], ...(slot ? { slot } : {}) });
const wallFevers = async (now: number) => (await computeOverview(q.app.database.db, null, now)).quarantine.fevers.find((village) => village.villageId === q.villageA)?.cases ?? 0;
const deskFevers = async (now: number) => (await deskSummary(q.app.database.db, { kind: 'county' }, { now })).fevers.map((fever) => fever.caseId);
const phoneCase = async (caseId: string, now: number) => (await officerRounds(q.app.database.db, { kind: 'villages', villageIds: [q.villageA] }, { now })).cases.find((found) => found.id === caseId)!;
/** 00:30 China time tomorrow: the day has changed, nothing has been handed over. */
const afterMidnight = () => serviceDayStart(addDays(serviceDay(Date.now()), 1)) + 30 * 60_000;

describe('a fever', () => {
	let caseId: string;

	it('still stands on the wall, the desk and the phone after 00:00 China time, until the person is handed over', async () => {
		caseId = await openCase();
		expect((await reading(caseId, 38.2)).status).toBe(201);
		const now = Date.now();
		expect(await wallFevers(now)).toBe(1);
		expect(await deskFevers(now)).toContain(caseId);

		const tomorrow = afterMidnight();
		expect(await wallFevers(tomorrow)).toBe(1);
		expect(await deskFevers(tomorrow)).toContain(caseId);
		const onPhone = await phoneCase(caseId, tomorrow);
		expect(onPhone.feverSince).not.toBeNull();
		expect(onPhone.proposedTransfer).not.toBeNull();
	});

	it('is not cleared by a later normal reading of the same slot: wall, desk, phone and proposal agree', async () => {
		const [first] = (await phoneCase(caseId, Date.now())).followUps.filter((slot) => slot.done);
		expect((await reading(caseId, 36.6, first?.slot)).status).toBeLessThan(300);
		const now = Date.now();
		expect(await wallFevers(now)).toBe(1);
		expect(await deskFevers(now)).toContain(caseId);
		const onPhone = await phoneCase(caseId, now);
		expect(onPhone.feverSince).not.toBeNull();
		expect(onPhone.proposedTransfer).not.toBeNull();
	});

	it('does not count 37.25 °C as a fever (the rule is 37.3 °C and above)', async () => {
		const below = await openCase();
		expect((await reading(below, 37.25)).status).toBe(201);
		expect(await deskFevers(Date.now())).not.toContain(below);
		expect(await wallFevers(Date.now())).toBe(1);
	});
});

describe('a positive test', () => {
	it('still raises its village’s alert after 00:00 China time while the case is under its measure', async () => {
		const caseId = await openCase();
		const [test] = await q.app.database.db.insert(scheduledTests).values({ caseId, kind: 'day_7', dueDate: serviceDay(Date.now()) }).returning({ id: scheduledTests.id });
		expect((await postAs(q.app, q.officer, `/api/quarantine/tests/${test.id}/result`, { result: 'positive' })).status).toBeLessThan(300);
		const positives = async (now: number) => (await computeOverview(q.app.database.db, null, now)).quarantine.tests.find((village) => village.villageId === q.villageA)?.positive ?? 0;
		expect(await positives(Date.now())).toBe(1);
		expect(await positives(afterMidnight())).toBe(1);
	});
});

describe('dismissing a fever', () => {
	it('needs a reason; with one it is audited on the history, and the wall, the desk and the dispatcher’s list drop it together', async () => {
		const caseId = await openCase();
		expect((await reading(caseId, 38.6)).status).toBe(201);
		const before = await wallFevers(Date.now());
		const dismiss = (body: unknown) => postAs(q.app, q.officer, `/api/quarantine/cases/${caseId}/dismiss-fever`, body);
		const noReason = await dismiss({});
		expect(noReason.status).toBe(400);
		expect(await wallFevers(Date.now())).toBe(before);

		expect((await dismiss({ reason: '村医复测体温正常，体温计故障' })).status).toBe(200);
		expect(await wallFevers(Date.now())).toBe(before - 1);
		expect(await deskFevers(Date.now())).not.toContain(caseId);
		const onPhone = await phoneCase(caseId, Date.now());
		expect([onPhone.feverSince, onPhone.proposedTransfer]).toEqual([null, null]);
		const history = await q.app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'concern_dismissed')));
		expect(history).toEqual([expect.objectContaining({ reason: '村医复测体温正常，体温计故障', actor: expect.stringMatching(/^user:/) })]);
		expect(await q.app.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.dismiss_fever'), eq(auditLog.subject, `case:${caseId}`)))).toHaveLength(1);

		const again = await dismiss({ reason: '再次销警' });
		expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([409, 'no_fever_standing']);
	});
});
