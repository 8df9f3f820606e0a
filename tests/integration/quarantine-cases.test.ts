/**
 * Returnees and quarantine cases through the command path: registration with its rule-given
 * measure, duplicates and scope refused, the measure overridden with a reason, test results,
 * extension, release refused until the days are done and every test negative, and a release from
 * a hotel that frees its bed and hands the person to their home village.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';
import { until } from '../fixtures/wait';
import { auditLog, commandOutbox, eventLog, people, poolResults, quarantineCaseEvents, quarantineCases, quarantineSites, regions, returnees, scheduledTests, sites, transferTasks } from '../../server/db/schema/index';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import type { CommandEvent } from '../../src/lib/protocol/command-events';
import { commitCommand } from '../../server/modules/command-events';
import { placeHotelCase } from '../../server/modules/quarantine/place-hotel-case';
import { recordTestResult } from '../../server/modules/quarantine/record-test-result';
import { releaseCase } from '../../server/modules/quarantine/release-case';
import { registerReturnee } from '../../server/modules/quarantine/register-returnee';
import type { RegisterReturneeRequest } from '../../server/modules/quarantine/case-requests';
import { assignTransfer } from '../../server/modules/transfers/assign-transfer';
import { matchLabResults } from '../../server/modules/quarantine/match-lab-results';
import { ServiceError } from '../../server/modules/service-error';
import { addDays } from '../../src/lib/domain/quarantine';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { chinaDateTime } from '../../src/lib/china-time';
import { caseCounts } from '../../server/modules/wall/case-counts';

let app: App;
let officer: string;
let otherOfficer: string;
let dispatcher: string;
let villageA: string;
let villageB: string;

beforeAll(async () => {
	let cookies: QuarantineApp['cookies'];
	({ app, villageA, villageB, officer, otherOfficer, cookies } = await startQuarantineApp(['dispatcher']));
	dispatcher = cookies.dispatcher!;
}, 180_000);
afterAll(async () => {
	await app.close();
});

const HOUR = 3_600_000;
const post = (cookie: string, path: string, body: unknown) => postAs(app, cookie, path, body);
const get = (cookie: string, path: string) => fetch(`${app.url}${path}`, { headers: { cookie } });
const captured: CommandEvent[] = [];
/** A log for operations called directly with a time of their own (the test app does not expose its log). */
const capturing = { append: async (events: CommandEvent[]) => (captured.push(...events), events.map(() => 'appended' as const)) } as unknown as EventLog;
const county = { kind: 'county' } as const;

let serial = 0;
/** A valid ID number (check digit computed), different each call. */
function idNumber(): string {
	const first17 = `36040419900101${String(100 + serial++).padStart(3, '0')}`;
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
	return first17 + '10X98765432'[sum % 11];
}

const returnee = (overrides: Record<string, unknown> = {}) => ({
	villageId: villageA, name: '张三', idNumber: idNumber(), phone: '13800000000', arrivalAt: new Date(Date.now() - 2 * HOUR).toISOString(), originPlace: '上海市浦东新区',
	originRisk: 'medium', workPlace: '上海某厂', transportMode: 'train', transportNumber: 'G1234', lastNegativeTestAt: new Date(Date.now() - 20 * HOUR).toISOString(),
	home: { specialCategory: 'aged_70_plus', separateRoom: true, separateBathroom: true }, ...overrides
});

async function register(body: Record<string, unknown>, cookie = officer) {
	const response = await post(cookie, '/api/quarantine/returnees', body);
	return { status: response.status, json: await response.json() };
}

const eventsOf = async (type: string) => (await app.database.db.select({ payload: eventLog.payload }).from(eventLog).where(sql`${eventLog.payload}->>'type' = ${type}`)).map((row) => row.payload as Record<string, unknown>);

describe('registering a returnee', () => {
	it('classifies a returnee from a risk area with a qualifying home as 14 days home quarantine, opens the case with its three tests, and logs it without personal data', async () => {
		const { status, json } = await register(returnee());
		expect(status).toBe(201);
		expect(json).toMatchObject({ measure: 'home_quarantine', reason: 'risk_area_home', awaitsTransfer: false });
		const [opened] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId));
		expect(opened).toMatchObject({ measure: 'home_quarantine', placeKind: 'home', status: 'active', villageId: villageA });
		expect(opened.plannedEndDate).toBe(addDays(opened.startDate, 13));
		const tests = await app.database.db.select().from(scheduledTests).where(eq(scheduledTests.caseId, json.caseId)).orderBy(asc(scheduledTests.dueDate));
		expect(tests.map((test) => [test.kind, test.dueDate])).toEqual([['arrival_24h', addDays(opened.startDate, 1)], ['day_7', addDays(opened.startDate, 6)], ['day_14', addDays(opened.startDate, 13)]]);
		await until(async () => (await eventsOf('returnee.registered')).some((event) => event.returneeId === json.returneeId), 'returnee.registered on the log');
		const logged = [...(await eventsOf('returnee.registered')), ...(await eventsOf('case.opened'))].filter((event) => event.returneeId === json.returneeId || event.caseId === json.caseId);
		expect(logged).toHaveLength(2);
		expect(JSON.stringify(logged)).not.toMatch(/张三|1380000|3604041990/);
		const [row] = await app.database.db.select().from(returnees).where(eq(returnees.id, json.returneeId));
		expect(row.duplicateKey).not.toMatch(/3604|1380/);
	});

	it('refuses the same person arriving the same day again, in zh and en, and registers nothing', async () => {
		const first = returnee();
		expect((await register(first)).status).toBe(201);
		const before = (await app.database.db.select({ n: sql<number>`count(*)::int` }).from(returnees))[0].n;
		const again = await register({ ...first, name: '张三丰', phone: '13900000000' });
		expect(again.status).toBe(409);
		expect(again.json.code).toBe('returnee_duplicate');
		expect(again.json.message.zh).toMatch(/已登记/);
		expect((await app.database.db.select({ n: sql<number>`count(*)::int` }).from(returnees))[0].n).toBe(before);
	});

	it('registers one of two phones registering the same person at once, and tells the other', async () => {
		const same = returnee() as RegisterReturneeRequest;
		const ctx = { db: app.database.db, log: capturing, actor: 'user:test-officer', scope: county };
		const outcomes = await Promise.allSettled([registerReturnee({ ctx, input: same }), registerReturnee({ ctx, input: same })]);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
		const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
		expect((refused.reason as ServiceError).code).toBe('returnee_duplicate');
	});

	it('refuses an officer registering in a village not theirs, and a returnee named by neither ID number nor phone', async () => {
		const outside = await register(returnee(), otherOfficer);
		expect([outside.status, outside.json.code]).toEqual([403, 'outside_villages']);
		const anonymous = await register({ ...returnee(), idNumber: undefined, phone: undefined });
		expect(anonymous.status).toBe(400);
		expect(anonymous.json.error).toMatch(/idNumber or phone/);
	});

	it('sends a close contact to a hotel by closed-loop transfer: the case waits, and the dispatcher sees them awaiting', async () => {
		const { json } = await register(returnee({ contactKind: 'close' }));
		expect(json).toMatchObject({ measure: 'closed_loop_transfer', reason: 'close_contact', awaitsTransfer: true });
		const [waiting] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId));
		expect(waiting).toMatchObject({ measure: 'centralised', placeKind: 'hotel', status: 'awaiting_transfer' });
		const board = await (await get(dispatcher, '/api/transfers')).json();
		expect(board.awaiting.some((each: { id: string }) => each.id === json.returneeId)).toBe(true);
	});

	it('sends a vehicle for a close contact registered with a typed address (no household, no home location): collected at the village point, the address to confirm by phone', async () => {
		const { json } = await register(returnee({ contactKind: 'close', address: '白畈村3组12号' }));
		expect(json).toMatchObject({ awaitsTransfer: true });
		const [village] = await app.database.db.select().from(regions).where(eq(regions.id, villageA));
		const sent = await post(dispatcher, '/api/transfers', { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', returneeId: json.returneeId });
		const body = await sent.json();
		// Before: 422 returnee_no_home, naming the returnee's internal id, and no way on /dispatch to give a point.
		expect([sent.status, body.code]).toEqual([201, undefined]);
		const [task] = await app.database.db.select().from(transferTasks).where(eq(transferTasks.id, body.taskId));
		expect(task.pickupLabel).toContain(village.name);
		expect(task.pickupLabel).toMatch(/住址待电话确认/);
		expect(task.pickupLabel).toMatch(/confirm address by phone/);
		expect(task.pickupLabel).not.toContain('白畈村3组12号');
		if (village.lat !== null && village.lon !== null) expect([task.pickupLat, task.pickupLon]).toEqual([village.lat, village.lon]);
		// Freed for the tests below.
		expect((await post(dispatcher, `/api/transfers/${body.taskId}/cancel`, { reason: '测试结束' })).status).toBe(200);
	});

	it('never names a returnee’s internal id when refusing a second registration', async () => {
		const person = returnee();
		const first = await register(person);
		const again = await register(person);
		expect(again.json.code).toBe('returnee_duplicate');
		expect(JSON.stringify(again.json)).not.toContain(first.json.returneeId);
	});

	it('sends a returnee from a risk area whose home does not qualify to a hotel, saying why', async () => {
		const { json } = await register(returnee({ home: { specialCategory: null, separateRoom: true, separateBathroom: true } }));
		expect(json).toMatchObject({ measure: 'centralised_quarantine', reason: 'risk_area_home_not_allowed' });
		expect(json.homeRefusal).toMatch(/five special categories/);
	});
});

describe('overriding the measure', () => {
	it('changes the measure and the case in place with a reason, audited and in the case history', async () => {
		const { json } = await register(returnee({ originRisk: 'low' }));
		expect(json.measure).toBe('health_monitoring');
		const response = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, { measure: 'home_quarantine', reason: '同住人为密接，村里决定居家隔离' });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ measure: 'home_quarantine', caseMeasure: 'home_quarantine', caseId: json.caseId });
		const [row] = await app.database.db.select().from(returnees).where(eq(returnees.id, json.returneeId));
		expect(row).toMatchObject({ measure: 'home_quarantine', ruleMeasure: 'health_monitoring', overrideMeasure: 'home_quarantine', overrideReason: '同住人为密接，村里决定居家隔离' });
		const history = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, json.caseId), eq(quarantineCaseEvents.kind, 'measure_overridden')));
		expect(history).toHaveLength(1);
		const audit = await app.database.db.select().from(auditLog).where(and(eq(auditLog.subject, `returnee:${json.returneeId}`), eq(auditLog.action, 'returnee.override_measure')));
		expect(audit[0].reason).toBe('同住人为密接，村里决定居家隔离');
	});

	it('refuses an override while a transfer vehicle is on its way for the person', async () => {
		const { json } = await register(returnee({ contactKind: 'close' }));
		const { taskId } = await assignTransfer({ ctx: { db: app.database.db, log: capturing, actor: 'user:test-dispatcher' }, input: { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', returneeId: json.returneeId, pickup: { label: '九江站', lat: 29.69, lon: 115.97 } } });
		const response = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, { measure: 'home_quarantine', reason: '核实为非密接' });
		const body = await response.json();
		expect([response.status, body.code]).toEqual([409, 'transfer_open']);
		expect(body.message.en).toContain(`transfer ${taskId}`);
		expect((await app.database.db.select().from(returnees).where(eq(returnees.id, json.returneeId)))[0].measure).toBe('closed_loop_transfer');
	});

	it('refuses an override without a reason, or to the measure already held', async () => {
		const { json } = await register(returnee());
		const noReason = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, { measure: 'health_monitoring' });
		expect(noReason.status).toBe(400);
		const same = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, { measure: 'home_quarantine', reason: '无变化' });
		expect([same.status, (await same.json()).code]).toEqual([409, 'measure_unchanged']);
		const outside = await post(otherOfficer, `/api/quarantine/returnees/${json.returneeId}/measure`, { measure: 'health_monitoring', reason: '试试' });
		expect([outside.status, (await outside.json()).code]).toEqual([403, 'outside_villages']);
	});

	it('answers a resent override (the same command id) as the first time, changing nothing twice', async () => {
		const { json } = await register(returnee({ originRisk: 'low' }));
		const body = { measure: 'home_quarantine', reason: '同住人为密接', commandId: `ph-ovr-${json.returneeId.slice(-8)}` };
		const first = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, body);
		const firstBody = await first.json();
		const again = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, body);
		expect([first.status, again.status]).toEqual([200, 200]);
		expect(await again.json()).toEqual(firstBody);
		const history = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, json.caseId), eq(quarantineCaseEvents.kind, 'measure_overridden')));
		expect(history).toHaveLength(1);
		const other = await post(officer, `/api/quarantine/returnees/${json.returneeId}/measure`, { ...body, commandId: `${body.commandId}-2` });
		expect([other.status, (await other.json()).code]).toEqual([409, 'measure_unchanged']);
	});
});

describe('the officer’s contact details', () => {
	it('shows phone, ID number and address masked on the officer’s rounds, reveals the chosen ones with one reason in one audit entry, and none to an officer of another village', async () => {
		const id = idNumber();
		const { json } = await register(returnee({ idNumber: id, phone: '13812345678', address: '城门村三组12号' }));
		const rounds = await (await get(officer, '/api/quarantine/rounds')).json();
		const card = rounds.cases.find((each: { id: string }) => each.id === json.caseId);
		expect(card.contact).toEqual({ phone: '138****5678', idNumber: `${id.slice(0, 4)}**********${id.slice(-4)}`, address: '城门村***' });
		expect(JSON.stringify(rounds)).not.toContain('13812345678');
		const before = (await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'personal.reveal'))).length;
		const revealed = await post(officer, '/api/personal/reveal', { subject: `person:${card.personId}`, fields: ['phone', 'address'], reason: '上门随访需联系' });
		expect(revealed.status).toBe(200);
		expect((await revealed.json()).values).toEqual({ phone: '13812345678', address: '城门村三组12号' });
		const reveals = await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'personal.reveal'));
		expect(reveals.length - before).toBe(1);
		expect(reveals.at(-1)).toMatchObject({ subject: `person:${card.personId}`, reason: '上门随访需联系', details: { fields: ['phone', 'address'] } });
		const outside = await post(otherOfficer, '/api/personal/reveal', { subject: `person:${card.personId}`, fields: ['phone'], reason: '上门随访需联系' });
		expect(outside.status).toBe(404);
	});
});

describe('a fever on the officer’s card', () => {
	it('carries the standing fever with its temperature and time, the proposal, then the transfer under way', async () => {
		const { json } = await register(returnee());
		const takenAt = new Date(Date.now() - 60_000).toISOString();
		const reported = await post(officer, '/api/quarantine/follow-ups', { caseId: json.caseId, reportId: `fu-card-${json.caseId.slice(-8)}`, takenAt, temperatureC: 38.4, symptoms: ['dry_cough'] });
		expect(reported.status).toBeLessThan(300);
		const cardOf = async () => (await (await get(officer, '/api/quarantine/rounds')).json()).cases.find((each: { id: string }) => each.id === json.caseId);
		const proposed = await cardOf();
		expect(proposed).toMatchObject({ feverSince: takenAt, feverTemperatureC: 38.4, feverSymptoms: ['dry_cough'], transferUnderway: false });
		expect(proposed.proposedTransfer?.reason).toBe('fever');
		await assignTransfer({ ctx: { db: app.database.db, log: capturing, actor: 'user:test-dispatcher' }, input: { vehicleId: 'transfer-2', caseId: json.caseId, pickup: { label: '村口', lat: 29.69, lon: 115.97 } } });
		expect(await cardOf()).toMatchObject({ feverTemperatureC: 38.4, transferUnderway: true, proposedTransfer: null });
	});
});

describe('correcting a test result', () => {
	const testsOf = (caseId: string) => app.database.db.select().from(scheduledTests).where(eq(scheduledTests.caseId, caseId)).orderBy(asc(scheduledTests.dueDate));
	const correct = (testId: number, body: unknown, cookie = officer) => post(cookie, `/api/quarantine/tests/${testId}/correction`, body);
	beforeAll(async () => {
		// A 24-hour fever clinic open: where a positive's transfer is proposed.
		const [place] = await app.database.db.select({ lat: regions.lat, lon: regions.lon }).from(regions).where(eq(regions.id, villageA));
		await app.database.db.insert(sites).values({ id: 'fc-correction-test', name: '测试发热门诊', kind: 'fever_clinic_24h', townshipId: 't:test', lat: (place?.lat ?? 29.7) + 0.02, lon: (place?.lon ?? 116) + 0.02, desks: 2, pooling: '1:1', status: 'open', opensAt: '00:00', closesAt: '24:00' });
	});

	it('refuses a correction without a reason, in zh and en, and changes nothing', async () => {
		const { json } = await register(returnee());
		const [first] = await testsOf(json.caseId);
		expect((await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'positive' })).status).toBe(200);
		const noReason = await correct(first.id, { result: 'negative', reason: ' ' });
		const refusal = await noReason.json();
		expect(noReason.status).toBe(400);
		expect(refusal.message.zh).toBe('请填写更正原因（至少 2 个字），更正将记入审计');
		expect(refusal.message.en).toMatch(/reason is required/);
		expect((await testsOf(json.caseId))[0].result).toBe('positive');
		const plain = await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'negative' });
		expect((await plain.json()).message.zh).toMatch(/更正结果/);
	});

	it('corrects a positive to negative with a reason: audited, on the history, the positive cleared and its proposal withdrawn; a resend is answered the same', async () => {
		const { json } = await register(returnee());
		const [first] = await testsOf(json.caseId);
		const recorded = await (await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'positive' })).json();
		expect(recorded.proposedTransfer).not.toBeNull();
		// The wall's positive alert for the village counts cases with a positive under their measure (no person).
		const positivesInA = async () => (await caseCounts(app.database.db, 'v:', Date.now())).tests.find((entry) => entry.villageId === villageA)?.positive ?? 0;
		const before = await positivesInA();
		expect(before).toBeGreaterThan(0);
		const body = { result: 'negative', reason: '误点阳性，化验单为阴性', commandId: `ph-tc-${json.caseId.slice(-8)}` };
		const corrected = await correct(first.id, body);
		const answer = await corrected.json();
		expect(corrected.status).toBe(200);
		expect(answer).toMatchObject({ from: 'positive', result: 'negative', proposalWithdrawn: true, transferOpen: null });
		expect(await (await correct(first.id, body)).json()).toEqual(answer);
		expect((await testsOf(json.caseId))[0].result).toBe('negative');
		expect(await positivesInA()).toBe(before - 1);
		const history = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, json.caseId), eq(quarantineCaseEvents.kind, 'test_corrected')));
		expect(history.map((row) => [row.reason, row.details.from, row.details.to])).toEqual([['误点阳性，化验单为阴性', 'positive', 'negative']]);
		const audit = await app.database.db.select().from(auditLog).where(and(eq(auditLog.subject, `case:${json.caseId}`), eq(auditLog.action, 'case.test_corrected')));
		expect(audit.map((row) => row.reason)).toEqual(['误点阳性，化验单为阴性']);
		const rounds = await (await get(officer, '/api/quarantine/rounds')).json();
		const card = rounds.cases.find((each: { id: string }) => each.id === json.caseId);
		expect([card.positive, card.proposedTransfer]).toEqual([false, null]);
		const same = await correct(first.id, { result: 'negative', reason: '再次确认' });
		expect([same.status, (await same.json()).code]).toEqual([409, 'result_unchanged']);
	});

	it('corrects a negative to positive as a positive: a transfer to a fever clinic is proposed', async () => {
		const { json } = await register(returnee());
		const [first] = await testsOf(json.caseId);
		await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'negative' });
		const answer = await (await correct(first.id, { result: 'positive', reason: '实验室复核为阳性' })).json();
		expect(answer).toMatchObject({ from: 'negative', result: 'positive' });
		expect(answer.proposedTransfer?.kind).toBe('fever_clinic');
		const outside = await correct(first.id, { result: 'negative', reason: '试试看' }, otherOfficer);
		expect(outside.status).toBe(403);
	});
});

describe('tests, extension and release', () => {
	const testsOf = (caseId: string) => app.database.db.select().from(scheduledTests).where(eq(scheduledTests.caseId, caseId)).orderBy(asc(scheduledTests.dueDate));

	it('records a result once, from the officer, and ends a test-and-hold on a negative within-24-hours test', async () => {
		const { json } = await register(returnee({ originRisk: 'low', lastNegativeTestAt: null }));
		expect(json.measure).toBe('test_and_hold');
		const [first] = await testsOf(json.caseId);
		const recorded = await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'negative' });
		expect(recorded.status).toBe(200);
		expect(await recorded.json()).toMatchObject({ result: 'negative', holdEnded: true });
		expect((await testsOf(json.caseId))[0]).toMatchObject({ result: 'negative', resultSource: 'officer' });
		expect((await app.database.db.select().from(returnees).where(eq(returnees.id, json.returneeId)))[0].measure).toBe('health_monitoring');
		const again = await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'positive' });
		expect([again.status, (await again.json()).code]).toEqual([409, 'test_already_recorded']);
		const outside = await post(otherOfficer, `/api/quarantine/tests/${(await testsOf(json.caseId))[1].id}/result`, { result: 'negative' });
		expect(outside.status).toBe(403);
	});

	it('takes the lab’s result for a door-to-door sample’s single-person tube, once', async () => {
		const { json } = await register(returnee());
		const [first] = await testsOf(json.caseId);
		const boxId = `box-door-${first.id}`;
		const taken = await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'pending', sample: { boxId, tube: '1' } });
		expect(taken.status).toBe(200);
		const wrong = await post(officer, `/api/quarantine/tests/${first.id}/result`, { result: 'negative', sample: { boxId, tube: '1' } });
		expect(wrong.status).toBe(400);
		await matchLabResults({ db: app.database.db, log: capturing });
		expect((await testsOf(json.caseId))[0].result).toBe('pending');
		await app.database.db.insert(poolResults).values({ boxId, tube: '1', labId: 'lab-1', result: 'positive', at: new Date(), eventId: `lab-${boxId}` });
		// The app's own matcher runs too (every 10 s): whichever takes the tube, it is taken once.
		await matchLabResults({ db: app.database.db, log: capturing });
		expect((await testsOf(json.caseId))[0]).toMatchObject({ result: 'positive', resultSource: 'lab', recordedBy: 'system:lab', boxId, tube: '1' });
		const results = (await app.database.db.select({ payload: commandOutbox.payload }).from(commandOutbox).where(eq(commandOutbox.type, 'case.test_result')))
			.map((row) => row.payload as { caseId: string; source: string; result: string })
			.filter((event) => event.caseId === json.caseId && event.source === 'lab');
		expect(results.map((event) => event.result)).toEqual(['positive']);
		expect(await matchLabResults({ db: app.database.db, log: capturing })).toBe(0);
	});

	it('refuses a release before the days are done, saying how many are left', async () => {
		const { json } = await register(returnee());
		const response = await post(officer, `/api/quarantine/cases/${json.caseId}/release`, {});
		const body = await response.json();
		expect([response.status, body.code]).toEqual([422, 'release_days_not_done']);
		expect(body.message.zh).toMatch(/隔离期未满/);
		expect((await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId)))[0].status).toBe('active');
	});

	it('extends a case with a reason: a later last day and an extra test on it; refuses 0 or 15 days', async () => {
		const { json } = await register(returnee());
		const [before] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId));
		const refused = await post(officer, `/api/quarantine/cases/${json.caseId}/extend`, { days: 15, reason: '第14天结果待复核' });
		expect(refused.status).toBe(400);
		const extended = await post(officer, `/api/quarantine/cases/${json.caseId}/extend`, { days: 7, reason: '同住人核酸阳性' });
		expect(extended.status).toBe(200);
		expect((await extended.json()).plannedEndDate).toBe(addDays(before.plannedEndDate, 7));
		expect((await testsOf(json.caseId)).map((test) => test.kind)).toEqual(['arrival_24h', 'day_7', 'day_14', 'extra']);
	});

	it('refuses a release at the end while a test has no negative result, or one is positive, and releases once all are negative', async () => {
		const { json } = await register(returnee());
		const [found] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId));
		const end = Date.parse(`${found.plannedEndDate}T12:00:00+08:00`);
		const ctx = { db: app.database.db, log: capturing, actor: 'user:test-officer', scope: county, now: end };
		const tests = await testsOf(json.caseId);
		await recordTestResult({ ctx, input: { testId: tests[0].id, result: 'negative' } });
		const pending = await releaseCase({ ctx, input: { caseId: json.caseId } }).catch((error: ServiceError) => error);
		expect((pending as ServiceError).code).toBe('release_tests_not_negative');
		expect((pending as ServiceError).text.en).toMatch(/day-7, day-14/);
		await recordTestResult({ ctx, input: { testId: tests[1].id, result: 'negative' } });
		await recordTestResult({ ctx, input: { testId: tests[2].id, result: 'negative' } });
		const released = await releaseCase({ ctx, input: { caseId: json.caseId } });
		expect(released.handedToCaseId).toBeNull();
		expect((await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId)))[0]).toMatchObject({ status: 'released', releasedBy: 'user:test-officer' });
		expect(captured.some((event) => event.type === 'case.released' && event.caseId === json.caseId)).toBe(true);

		const other = await register(returnee());
		const [otherFirst] = await testsOf(other.json.caseId);
		await recordTestResult({ ctx, input: { testId: otherFirst.id, result: 'positive' } });
		const positive = await releaseCase({ ctx, input: { caseId: other.json.caseId } }).catch((error: ServiceError) => error);
		expect((positive as ServiceError).code).toBe('release_test_positive');
	});

	it('releases from a hotel: the bed is freed and the home village takes over with 14 days of home monitoring', async () => {
		const { json } = await register(returnee({ contactKind: 'secondary' }));
		const hotelId = 'qs-chaisang-hotel';
		const occupiedBefore = (await app.database.db.select().from(quarantineSites).where(eq(quarantineSites.id, hotelId)))[0].occupied;
		const [waiting] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId));
		// What a transfer's handover does (hand-over-transfer.ts): the bed fills and the waiting case starts at the hotel.
		const placedAt = Date.parse(`${waiting.startDate}T15:00:00+08:00`);
		await commitCommand({ db: app.database.db, log: capturing, actor: 'user:test-dispatcher', now: placedAt }, async (tx, emit) => {
			await tx.update(quarantineSites).set({ occupied: sql`${quarantineSites.occupied} + 1` }).where(eq(quarantineSites.id, hotelId));
			await placeHotelCase(tx, emit, { actor: 'user:test-dispatcher', now: placedAt }, { returneeId: json.returneeId, quarantineSiteId: hotelId, startDate: waiting.startDate, taskId: 1 });
		});
		const [placed] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, json.caseId));
		expect(placed).toMatchObject({ status: 'active', placeKind: 'hotel', quarantineSiteId: hotelId });
		const beds = async () => (await (await get(officer, '/api/quarantine/beds')).json()).hotels.find((hotel: { id: string }) => hotel.id === hotelId);
		expect((await beds()).occupied).toBe(occupiedBefore + 1);

		const end = Date.parse(`${placed.plannedEndDate}T12:00:00+08:00`);
		const ctx = { db: app.database.db, log: capturing, actor: 'user:test-officer', scope: county, now: end };
		for (const test of await testsOf(json.caseId)) await recordTestResult({ ctx, input: { testId: test.id, result: 'negative' } });
		const released = await releaseCase({ ctx, input: { caseId: json.caseId } });
		expect(released.freedBedAt).toBe(hotelId);
		expect((await beds()).occupied).toBe(occupiedBefore);
		const [home] = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.id, released.handedToCaseId!));
		expect(home).toMatchObject({ measure: 'home_monitoring', placeKind: 'home', status: 'active', villageId: villageA, followsCaseId: json.caseId, startDate: addDays(placed.plannedEndDate, 1) });
		expect(home.plannedEndDate).toBe(addDays(placed.plannedEndDate, 14));
		// The receiving village's officer sees them arrive; the other village's does not.
		const listed = (await (await get(officer, '/api/quarantine/rounds')).json()).cases.map((each: { id: string }) => each.id);
		expect(listed).toContain(home.id);
		const elsewhere = (await (await get(otherOfficer, '/api/quarantine/rounds')).json()).cases;
		expect(elsewhere.every((each: { villageId: string }) => each.villageId === villageB)).toBe(true);
	});

	it('answers the county’s beds against 20 per 10,000 residents', async () => {
		const beds = await (await get(officer, '/api/quarantine/beds')).json();
		expect(beds.county.required).toBe(Math.ceil((beds.county.residents * 20) / 10_000));
		expect(beds.county.shortfall).toBe(Math.max(0, beds.county.required - beds.county.beds));
	});
});

describe('the returnee ledger', () => {
	const HEADERS = '姓名,身份证号,电话,返乡时间,来源地,来源地风险等级,工作地,交通方式,航班号/车次,最近核酸阴性时间,所属村,住址';
	const csv = (rows: string[]) => Buffer.from([HEADERS, ...rows].join('\n'));
	const when = (msAgo: number) => chinaDateTime(Date.now() - msAgo).slice(0, 16);
	const importCsv = (content: Buffer) => importLedger({ db: app.database.db, input: { kind: 'returnees', mode: 'import', crs: 'wgs84', by: 'user:test-desk', file: { content, format: 'csv' } } });

	it('registers each row as an officer would, with its events in the outbox, and adds nobody when imported again', async () => {
		const village = villageA.replace(/^v:.*\//, '');
		const rows = [
			`李四,${idNumber()},13700000001,${when(3 * HOUR)},武汉市,高风险,武汉某厂,火车,G88,${when(30 * HOUR)},${village},某村3组`,
			`王五,,13700000002,${when(2 * HOUR)},南昌市,低风险,,自驾,,${when(10 * HOUR)},${village},`
		];
		const report = await importCsv(csv(rows));
		expect(report.issues).toEqual([]);
		expect(report.written).toEqual({ created: 2, updated: 0, unchanged: 0 });
		const registered = await app.database.db.select().from(returnees).where(eq(returnees.source, 'ledger'));
		expect(registered.map((row) => row.measure).sort()).toEqual(['centralised_quarantine', 'health_monitoring']);
		const staged = await app.database.db.select().from(commandOutbox).where(eq(commandOutbox.type, 'returnee.registered'));
		expect(staged.filter((row) => registered.some((each) => (row.payload as { returneeId: string }).returneeId === each.id))).toHaveLength(2);
		const again = await importCsv(csv(rows));
		expect(again.written).toEqual({ created: 0, updated: 0, unchanged: 2 });
	});

	it('names the row of a village that does not exist, and writes nothing', async () => {
		const report = await importCsv(csv([`赵六,${idNumber()},13700000003,${when(HOUR)},上海市,中风险,,飞机,MU5100,,没有这个村,`]));
		expect(report.written).toBeNull();
		expect(report.issues).toEqual([expect.objectContaining({ row: 2, column: '所属村', message: expect.stringMatching(/not a known village/) })]);
	});

	it('takes the home as the office found it: one of the special categories with a room and bathroom of their own stays home, others from a risk area go to a hotel', async () => {
		const village = villageA.replace(/^v:.*\//, '');
		const homeCsv = (rows: string[]) => Buffer.from([`${HEADERS},户编号,特殊人群,独立房间,独立卫生间`, ...rows].join('\n'));
		const report = await importCsv(homeCsv([
			`钱七,${idNumber()},13700000011,${when(HOUR)},上海市,中风险,,自驾,,${when(10 * HOUR)},${village},,,70岁以上,是,是`,
			`孙八,${idNumber()},13700000012,${when(HOUR)},上海市,中风险,,自驾,,${when(10 * HOUR)},${village},,,,是,是`
		]));
		expect(report.issues).toEqual([]);
		const [aged, other] = await Promise.all(['钱七', '孙八'].map(async (name) => (await app.database.db.select({ measure: returnees.measure }).from(returnees).innerJoin(people, eq(people.id, returnees.personId)).where(eq(people.name, name)))[0]));
		expect([aged.measure, other.measure]).toEqual(['home_quarantine', 'centralised_quarantine']);
	});

	it('names the row of a 户编号 that is not a household of that village, and writes nothing', async () => {
		const village = villageA.replace(/^v:.*\//, '');
		const report = await importCsv(Buffer.from([`${HEADERS},户编号`, `周九,${idNumber()},13700000013,${when(HOUR)},上海市,中风险,,自驾,,,${village},,NO-SUCH-HOME`].join('\n')));
		expect(report.written).toBeNull();
		expect(report.issues).toEqual([expect.objectContaining({ row: 2, column: '户编号', message: `is not a household of ${village} on the register` })]);
		expect(await app.database.db.select().from(people).where(eq(people.name, '周九'))).toEqual([]);
	});
});
