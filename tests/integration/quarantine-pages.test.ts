/**
 * The reads behind the quarantine pages: an officer's rounds of today (their villages only, masked
 * names, follow-ups due and overdue, tests due, supplies due) and the desk's summary (counts per
 * village, fevers, beds against 20 per 10,000), neither carrying a name, ID number or phone; and a
 * returnee's name revealed to their village's officer, with a reason, on record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { signedIn } from '../fixtures/app';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';
import { auditLog, sites } from '../../server/db/schema/index';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { officerRounds } from '../../server/modules/quarantine/officer-rounds';
import { deskSummary } from '../../server/modules/quarantine/desk-summary';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { caseDay } from '../../src/lib/domain/quarantine-case';

let app: App;
let officer: string;
let otherOfficer: string;
let commander: string;
let villageA: string;
let villageB: string;

beforeAll(async () => {
	let cookies: QuarantineApp['cookies'];
	({ app, villageA, villageB, officer, otherOfficer, cookies } = await startQuarantineApp(['commander']));
	commander = cookies.commander!;
}, 180_000);
afterAll(async () => {
	await app.close();
});

const HOUR = 3_600_000;
const ID_NUMBER = '360404199001011239';
const post = (cookie: string, path: string, body: unknown) => postAs(app, cookie, path, body);
const get = async (cookie: string, path: string) => {
	const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
	return { status: response.status, text: await response.text() };
};

let caseId: string;
let personId: string;
/**
 * The returnee arrives an hour ago, but never before today's China-time midnight: the case's day
 * and its tests' dates are then those of a same-day arrival at any hour the suite runs. What the
 * reads say is still checked against the day they answer with (`today`), by the same rule.
 */
const ARRIVAL_AT = Math.max(Date.now() - HOUR, serviceDayStart(serviceDay(Date.now())));
const ARRIVAL_DAY = serviceDay(ARRIVAL_AT);

describe('the officer’s rounds', () => {
	it('lists a returnee just registered in the officer’s village by masked name, with the within-24-hours test to take, and nothing personal', async () => {
		const registered = await post(officer, '/api/quarantine/returnees', {
			villageId: villageA, name: '张三丰', idNumber: ID_NUMBER, phone: '13912345678', address: '白畈村3组12号', arrivalAt: new Date(ARRIVAL_AT).toISOString(), originPlace: '上海市浦东新区',
			originRisk: 'medium', transportMode: 'train', transportNumber: 'G1234', lastNegativeTestAt: new Date(Date.now() - 20 * HOUR).toISOString(),
			home: { specialCategory: 'aged_70_plus', separateRoom: true, separateBathroom: true }
		});
		expect(registered.status).toBe(201);
		caseId = ((await registered.json()) as { caseId: string }).caseId;

		const rounds = await get(officer, '/api/quarantine/rounds');
		expect(rounds.status).toBe(200);
		for (const secret of ['张三丰', ID_NUMBER, '13912345678', '3组12号']) expect(rounds.text).not.toContain(secret);
		const body = JSON.parse(rounds.text) as Awaited<ReturnType<typeof officerRounds>>;
		expect(body.villages.map((village) => village.id)).toEqual([villageA]);
		const mine = body.cases.find((found) => found.id === caseId)!;
		personId = mine.personId;
		expect(mine).toMatchObject({ maskedName: '张**', villageId: villageA, measure: 'home_quarantine', status: 'active', day: caseDay(ARRIVAL_DAY, body.today), deliveryDue: ARRIVAL_DAY });
		// The within-24-hours test is on the sampling list from arrival, though its day is tomorrow.
		expect(mine.tests.map((test) => [test.kind, test.dueDate])).toEqual([['arrival_24h', addDays(ARRIVAL_DAY, 1)]]);
	});

	it('shows another village’s officer neither the case nor the village', async () => {
		const body = JSON.parse((await get(otherOfficer, '/api/quarantine/rounds')).text) as Awaited<ReturnType<typeof officerRounds>>;
		expect(body.cases.some((found) => found.id === caseId)).toBe(false);
		expect(body.villages.map((village) => village.id)).toEqual([villageB]);
	});

	it('gives a village team’s device the rounds of the villages its credential names, and refuses another kind of device', async () => {
		const device = async (deviceId: string, kind: 'quarantine_device' | 'site_tablet', scopeId: string) => (await issueDeviceCredential({ db: app.database.db, input: { deviceId, kind, scopeId }, actor: 'test' })).token;
		const read = async (token: string) => fetch(`${app.url}/api/quarantine/rounds`, { headers: { authorization: `Bearer ${token}` } });
		const phoneA = await read(await device('rounds-phone-a', 'quarantine_device', villageA));
		expect(phoneA.status).toBe(200);
		const bodyA = (await phoneA.json()) as Awaited<ReturnType<typeof officerRounds>>;
		expect(bodyA.cases.some((found) => found.id === caseId)).toBe(true);
		expect(bodyA.villages.map((village) => village.id)).toEqual([villageA]);
		const bodyB = (await (await read(await device('rounds-phone-b', 'quarantine_device', villageB))).json()) as Awaited<ReturnType<typeof officerRounds>>;
		expect(bodyB.cases.some((found) => found.id === caseId)).toBe(false);
		const [site] = await app.database.db.select({ id: sites.id }).from(sites).limit(1);
		expect((await read(await device('rounds-tablet', 'site_tablet', site.id))).status).toBe(403);
	});

	it('owes the morning follow-up of a home-quarantine case from 10:00 the next day, and not before', async () => {
		const tomorrow = addDays(ARRIVAL_DAY, 1);
		const at = (hour: number) => serviceDayStart(tomorrow) + hour * HOUR;
		const scope = { kind: 'villages' as const, villageIds: [villageA] };
		const early = (await officerRounds(app.database.db, scope, { now: at(9) })).cases.find((found) => found.id === caseId)!;
		expect(early.followUps.map(({ slot, done, overdue }) => [slot, done, overdue])).toEqual([['morning', false, false], ['evening', false, false]]);
		const late = (await officerRounds(app.database.db, scope, { now: at(11) })).cases.find((found) => found.id === caseId)!;
		expect(late.followUps.map(({ slot, overdue }) => [slot, overdue])).toEqual([['morning', true], ['evening', false]]);
		expect((await deskSummary(app.database.db, { kind: 'county' }, { now: at(11) })).villages.find((village) => village.villageId === villageA)!.followUpsOverdue).toBeGreaterThanOrEqual(1);
	});

	it('reveals the returnee’s name to their village’s officer with a reason, and records the reveal', async () => {
		const reveal = (cookie: string) => post(cookie, '/api/personal/reveal', { subject: `person:${personId}`, field: 'name', reason: '上门随访核对身份' });
		const answer = await reveal(officer);
		expect(answer.status).toBe(200);
		expect(((await answer.json()) as { value: string }).value).toBe('张三丰');
		const entries = await app.database.db.select().from(auditLog).where(eq(auditLog.subject, `person:${personId}`));
		expect(entries.map((entry) => [entry.action, entry.reason])).toContainEqual(['personal.reveal', '上门随访核对身份']);
		expect((await reveal(otherOfficer)).status).toBe(404);
	});
});

describe('the desk’s summary', () => {
	it('counts a fever in the case’s village and lists it by masked name, with beds against the 20-per-10,000 rule and nothing personal', async () => {
		const followUp = await post(officer, '/api/quarantine/follow-ups', { caseId, reportId: 'phone-test-fever-0001', takenAt: new Date().toISOString(), temperatureC: 38.1, symptoms: ['dry_cough'] });
		expect(followUp.status).toBe(201);
		const desk = await get(commander, '/api/quarantine/desk');
		expect(desk.status).toBe(200);
		for (const secret of ['张三丰', ID_NUMBER, '13912345678', '38.1']) expect(desk.text).not.toContain(secret);
		const body = JSON.parse(desk.text) as Awaited<ReturnType<typeof deskSummary>>;
		expect(body.villages.find((village) => village.villageId === villageA)).toMatchObject({ active: 1, fevers: 1, testsOverdue: 0 });
		// "To sample today" is one definition (testState): the within-24-hours test dated tomorrow is on the
		// officer's phone from arrival, so it is in the desk's figure too (it showed 0 while the phone listed it).
		const rounds = JSON.parse((await get(officer, '/api/quarantine/rounds')).text) as Awaited<ReturnType<typeof officerRounds>>;
		const onPhone = rounds.cases.flatMap((found) => found.tests).filter((test) => test.result === null && test.state !== 'overdue');
		expect(onPhone.map((test) => test.kind)).toEqual(['arrival_24h']);
		expect(body.villages.find((village) => village.villageId === villageA)!.testsDue).toBe(onPhone.length);
		expect(body.fevers).toContainEqual(expect.objectContaining({ caseId, maskedName: '张**' }));
		const days = new Array<number>(14).fill(0);
		days[caseDay(ARRIVAL_DAY, body.today) - 1] = 1;
		expect(body.byMeasure).toContainEqual({ measure: 'home_quarantine', total: 1, days });
		expect(body.beds.county.required).toBe(Math.ceil((body.beds.county.residents * 20) / 10_000));
	});

	it('is refused to a role without the quarantine view', async () => {
		const dispatcher = (await signedIn(app, 'dispatcher')).cookie;
		expect((await get(dispatcher, '/api/quarantine/desk')).status).toBe(403);
		expect((await get(commander, '/api/quarantine/rounds')).status).toBe(200);
	});
});
