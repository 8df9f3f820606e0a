/**
 * A positive pool starts its playbook at once: single-tube re-tests at home for every roster member
 * of its households, the households under home quarantine, the officers' acknowledgement, the
 * re-sample, the re-test results, and a positive re-test proposed a closed-loop transfer; every step
 * an event and audited; only the village's officers and the command see the households.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { App } from '../../server/app';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { auditLog, commandOutbox, doorVisits, households, people, poolResults, positivePlaybooks, quarantineCases, rosterMembers, sites } from '../../server/db/schema/index';
import { openTransferProposals } from '../../server/modules/quarantine/transfer-proposals';

const VILLAGE = 'v:城门街道/白畈村';
let app: App;
let lims: string;
let officer: string;
let otherOfficer: string;
let lab: string;
let homes: string[];

const fromLab = (event: object) =>
	fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lims}` }, body: JSON.stringify({ events: [{ deviceId: 'lims-lab-chaisang-cdc', at: new Date().toISOString(), labId: 'lab-chaisang-cdc', type: 'lab.pool_result', ...event }] }) }).then((response) => response.json());
const getAs = async (cookie: string, path: string) => (await fetch(`${app.url}${path}`, { headers: { cookie } })).json();
const postAs = (cookie: string, path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	lims = (await issueDeviceCredential({ db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' })).token;
	officer = (await signedIn(app, 'quarantine_officer', { villageIds: [VILLAGE] })).cookie;
	otherOfficer = (await signedIn(app, 'quarantine_officer', { villageIds: ['v:城门街道/红旗村'] })).cookie;
	lab = (await signedIn(app, 'lab_operator')).cookie;
	// The pool's two households on the roster: three members, one of them named (a person to propose a transfer for).
	homes = (await db.select({ id: households.id }).from(households).where(eq(households.villageId, VILLAGE)).limit(2)).map((home) => home.id);
	await db.delete(rosterMembers).where(inArray(rosterMembers.householdId, homes));
	await db.insert(people).values({ id: 'p_0000000000000000000000000000aa01', name: '王小明' });
	await db.insert(rosterMembers).values([
		{ code: `${homes[0]}-1`, householdId: homes[0], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 1, personId: 'p_0000000000000000000000000000aa01' },
		{ code: `${homes[0]}-2`, householdId: homes[0], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 2 },
		{ code: `${homes[1]}-1`, householdId: homes[1], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 1 }
	]);
	await db.update(households).set({ measure: 'none' }).where(inArray(households.id, homes));
	// A 24-hour fever clinic to take a positive (the scenario may have none open).
	await db.insert(sites).values({ id: 'site-fever-test', name: '测试发热门诊', kind: 'fever_clinic_24h', townshipId: 't:城门街道', lat: 29.64, lon: 115.85, desks: 1, pooling: '1:1', opensAt: '00:00', closesAt: '24:00' }).onConflictDoNothing();
});
afterAll(async () => {
	await app.close();
});

describe('the positive-pool playbook', () => {
	it('opens at once from a positive pool: a re-test visit per member, the households under home quarantine, an event and an audit entry, once', async () => {
		const db = app.database.db;
		expect((await postEvents(app, { events: [box({ boxId: 'PB-BOX-1', tubes: 1, people: 3, pools: [{ tube: 'PB-BOX-1-T1', householdIds: homes }] })] })).json.accepted).toBe(1);
		expect((await fromLab({ id: 'pb-result-0001', boxId: 'PB-BOX-1', tube: 'PB-BOX-1-T1', result: 'positive' })).accepted).toBe(1);
		const [playbook] = await until(async () => {
			const rows = await db.select().from(positivePlaybooks).where(eq(positivePlaybooks.boxId, 'PB-BOX-1'));
			return rows.length === 1 && rows;
		}, 'the playbook to open');
		expect(playbook.villageIds).toEqual([VILLAGE]);
		expect(playbook.householdIds).toEqual([...homes].sort());
		const visits = await db.select().from(doorVisits).where(eq(doorVisits.playbookId, playbook.id));
		expect(visits.map((visit) => visit.memberCode).sort()).toEqual([`${homes[0]}-1`, `${homes[0]}-2`, `${homes[1]}-1`].sort());
		expect(visits.every((visit) => visit.reason === 'retest' && visit.status === 'open' && visit.route !== null)).toBe(true);
		// A household is one stop: its members share the route and the stop.
		const first = visits.filter((visit) => visit.householdId === homes[0]);
		expect(new Set(first.map((visit) => `${visit.route}/${visit.stopOrder}`)).size).toBe(1);
		expect((await db.select({ measure: households.measure }).from(households).where(inArray(households.id, homes))).map((home) => home.measure)).toEqual(['home_quarantine', 'home_quarantine']);
		const [audit] = await db.select().from(auditLog).where(eq(auditLog.subject, `playbook:${playbook.id}`));
		expect(audit).toMatchObject({ actor: 'system', action: 'playbook.opened' });
		const [opened] = await db.select().from(commandOutbox).where(and(eq(commandOutbox.type, 'playbook.opened')));
		expect(opened.payload).toMatchObject({ playbookId: playbook.id, villageIds: [VILLAGE], households: 2, members: 3 });
		expect(JSON.stringify(opened.payload)).not.toContain('王小明');

		// The same result again, and a later re-run of the tube, open nothing twice.
		await fromLab({ id: 'pb-result-0001', boxId: 'PB-BOX-1', tube: 'PB-BOX-1-T1', result: 'positive' });
		await fromLab({ id: 'pb-result-0002', boxId: 'PB-BOX-1', tube: 'PB-BOX-1-T1', result: 'positive', at: new Date(Date.now() + 1000).toISOString() });
		await until(async () => (await db.select().from(poolResults).where(eq(poolResults.eventId, 'pb-result-0002'))).length === 1, 'the re-run to be stored');
		expect(await db.select().from(positivePlaybooks).where(eq(positivePlaybooks.boxId, 'PB-BOX-1'))).toHaveLength(1);
		expect(await db.select().from(doorVisits).where(eq(doorVisits.playbookId, playbook.id))).toHaveLength(3);
	});

	it('shows the playbook to the village officer and the lab, and nothing of it to another village officer', async () => {
		const mine = await getAs(officer, '/api/playbooks');
		expect(mine.playbooks).toHaveLength(1);
		expect(mine.playbooks[0].steps.map((step: { kind: string; state: string }) => `${step.kind}:${step.state}`)).toEqual(['notified:pending', 'resampled:pending', 'retest_result:waiting', 'transfer_proposed:waiting']);
		expect(mine.playbooks[0].visits).toHaveLength(3);
		expect((await getAs(lab, '/api/playbooks')).playbooks).toHaveLength(1);
		expect((await getAs(otherOfficer, '/api/playbooks')).playbooks).toEqual([]);
		const refused = await postAs(otherOfficer, '/api/playbooks/notified', { playbookId: mine.playbooks[0].id });
		expect(refused.status).toBe(404);
		expect((await getAs(otherOfficer, '/api/door-visits')).visits).toEqual([]);
		// The wall: villages and timers, never a household or a member.
		const display = await getAs(officer, '/api/wall/playbooks');
		expect(display.playbooks[0].villages).toEqual(['白畈村']);
		expect(JSON.stringify(display)).not.toMatch(new RegExp(`${homes[0]}|${homes[1]}|王`));
		// The village's critical alert rides on the overview: the village, a count, never a household.
		const overview = await getAs(officer, '/api/wall/overview?changes=900001');
		expect(overview.poolPositives).toEqual([expect.objectContaining({ villageId: VILLAGE, village: '白畈村', playbooks: 1, notified: false })]);
	});

	it('walks the steps: notified, re-sampled one tube a member, results, and a positive re-test proposed a transfer; then closes', async () => {
		const db = app.database.db;
		const { playbooks } = await getAs(officer, '/api/playbooks');
		const id = playbooks[0].id;
		expect((await postAs(officer, '/api/playbooks/notified', { playbookId: id })).status).toBe(200);
		expect((await (await postAs(officer, '/api/playbooks/notified', { playbookId: id })).json()).already).toBe(true);

		const { visits } = await getAs(officer, '/api/door-visits');
		const retests = visits.filter((visit: { reason: string }) => visit.reason === 'retest');
		expect(retests).toHaveLength(3);
		expect(retests[0].nameMasked === null || /^.\*+$/.test(retests[0].nameMasked)).toBe(true);
		// A re-test is one tube a person.
		const together = await postAs(officer, '/api/door-visits/sampled', { visitIds: retests.slice(0, 2).map((visit: { id: number }) => visit.id), tube: 'RT-0001' });
		expect(together.status).toBe(400);
		expect((await together.json()).code).toBe('single_tube');
		// A result before the tube is taken is refused.
		expect((await postAs(lab, '/api/playbooks/retest-result', { visitId: retests[0].id, result: 'negative' })).status).toBe(409);
		for (const [index, visit] of retests.entries()) expect((await postAs(officer, '/api/door-visits/sampled', { visitIds: [visit.id], tube: `RT-000${index + 1}` })).status).toBe(201);
		expect((await postAs(officer, '/api/door-visits/sampled', { visitIds: [retests[0].id], tube: 'RT-0001' })).status).toBe(409);

		const named = retests.find((visit: { memberCode: string }) => visit.memberCode === `${homes[0]}-1`);
		for (const visit of retests.filter((each: { id: number }) => each.id !== named.id)) expect((await postAs(lab, '/api/playbooks/retest-result', { visitId: visit.id, result: 'negative' })).status).toBe(201);
		const positive = await postAs(lab, '/api/playbooks/retest-result', { visitId: named.id, result: 'positive' });
		expect(positive.status).toBe(201);
		expect(await positive.json()).toMatchObject({ transfer: 'proposed', closed: true });
		// The same result again changes nothing.
		expect((await postAs(lab, '/api/playbooks/retest-result', { visitId: named.id, result: 'positive' })).status).toBe(200);

		const [found] = await db.select().from(quarantineCases).where(eq(quarantineCases.personId, 'p_0000000000000000000000000000aa01'));
		expect(found).toMatchObject({ villageId: VILLAGE, measure: 'home_quarantine', status: 'active' });
		const proposals = await openTransferProposals(db);
		expect(proposals.find((proposal) => proposal.caseId === found.id)).toMatchObject({ reason: 'positive', destination: { kind: 'fever_clinic' } });

		const after = (await getAs(officer, '/api/playbooks')).playbooks[0];
		expect(after.closedAt).not.toBeNull();
		expect(after.steps.map((step: { kind: string; state: string; done: number; of: number }) => `${step.kind}:${step.state}:${step.done}/${step.of}`)).toEqual(['notified:done:1/1', 'resampled:done:3/3', 'retest_result:done:3/3', 'transfer_proposed:done:1/1']);
		const types = (await db.select({ type: commandOutbox.type }).from(commandOutbox)).map((row) => row.type);
		for (const type of ['playbook.opened', 'playbook.notified', 'door_visit.sampled', 'playbook.retest_result', 'case.transfer_proposed', 'playbook.transfer_proposed', 'playbook.closed']) expect(types).toContain(type);
		expect((await getAs(officer, '/api/wall/overview?changes=900002')).poolPositives).toEqual([]);
		// The household all negative leaves the control it was under pending the re-test; the positive's stays.
		const measures = new Map((await db.select({ id: households.id, measure: households.measure }).from(households).where(inArray(households.id, homes))).map((home) => [home.id, home.measure]));
		expect(measures.get(homes[0])).toBe('home_quarantine');
		expect(measures.get(homes[1])).toBe('none');
		const audited = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subject, `playbook:${id}`))).map((row) => row.action);
		expect(audited).toEqual(expect.arrayContaining(['playbook.opened', 'playbook.notified', 'playbook.retest_result', 'playbook.transfer_proposed']));
	});
});
