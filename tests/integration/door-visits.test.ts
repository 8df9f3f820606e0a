/**
 * 上门采样: who cannot come and is not yet sampled today becomes a visit, once; visits are routed
 * household by household for the township's team; 已采样 records the tube for coverage; the
 * dispatch map gets counts per village, never a household.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { App } from '../../server/app';
import { signedIn, startTestApp } from '../fixtures/app';
import { doorVisits, households, rosterMembers, sampledMembers } from '../../server/db/schema/index';
import { serviceDay } from '../../src/lib/domain/service-day';

const VILLAGE = 'v:城门街道/白畈村';
let app: App;
let officer: string;
let otherOfficer: string;
let dispatcher: string;
let homes: string[];

const getAs = async (cookie: string, path: string) => (await fetch(`${app.url}${path}`, { headers: { cookie } })).json();
const postAs = (cookie: string, path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	officer = (await signedIn(app, 'quarantine_officer', { villageIds: [VILLAGE] })).cookie;
	otherOfficer = (await signedIn(app, 'quarantine_officer', { villageIds: ['v:城门街道/红旗村'] })).cookie;
	dispatcher = (await signedIn(app, 'dispatcher')).cookie;
	// Only the rows this test writes stand for who cannot come in the village.
	await db.update(rosterMembers).set({ cannotCome: [] }).where(eq(rosterMembers.villageId, VILLAGE));
	homes = (await db.select({ id: households.id }).from(households).where(eq(households.villageId, VILLAGE)).limit(3)).map((home) => home.id);
	await db.delete(rosterMembers).where(inArray(rosterMembers.householdId, homes));
	await db.insert(rosterMembers).values([
		{ code: `${homes[0]}-1`, householdId: homes[0], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 1, cannotCome: ['aged'] },
		{ code: `${homes[0]}-2`, householdId: homes[0], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 2, cannotCome: ['bedridden'] },
		{ code: `${homes[0]}-3`, householdId: homes[0], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 3 },
		{ code: `${homes[1]}-1`, householdId: homes[1], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 1, cannotCome: ['disabled'] },
		{ code: `${homes[2]}-1`, householdId: homes[2], villageId: VILLAGE, townshipId: 't:城门街道', memberNo: 1, cannotCome: ['aged'] }
	]);
	// One of them was brought to the site after all: no visit.
	await db.insert(sampledMembers).values({ day: serviceDay(Date.now()), memberCode: `${homes[2]}-1`, siteId: 'site-baifan', via: 'site', tube: 'T-SITE-1', sampledAt: new Date(), eventId: 'test-sampled-1', deviceId: 'tablet-site-baifan' });
});
afterAll(async () => {
	await app.close();
});

describe('door-to-door visits', () => {
	it('makes a visit for each member who cannot come and is not sampled today, once, in route order by household', async () => {
		const first = await postAs(officer, '/api/door-visits/generate', {});
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ created: 3, villageIds: [VILLAGE] });
		expect(await (await postAs(officer, '/api/door-visits/generate', {})).json()).toMatchObject({ created: 0 });

		const { visits } = await getAs(officer, '/api/door-visits');
		expect(visits.map((visit: { memberCode: string }) => visit.memberCode).sort()).toEqual([`${homes[0]}-1`, `${homes[0]}-2`, `${homes[1]}-1`].sort());
		// A household is one stop; stops follow each other on the route.
		const stops = visits.map((visit: { householdId: string; route: number; stopOrder: number }) => `${visit.householdId}@${visit.route}/${visit.stopOrder}`);
		expect(new Set(stops).size).toBe(2);
		expect(visits.every((visit: { route: number | null }) => visit.route !== null)).toBe(true);
		expect(visits[0].cannotCome.length).toBeGreaterThan(0);
	});

	it('refuses another village to an officer, and shows them none of these visits', async () => {
		const refused = await postAs(otherOfficer, '/api/door-visits/generate', { villageIds: [VILLAGE] });
		expect(refused.status).toBe(403);
		expect((await refused.json()).message ?? '').toBeDefined();
		expect((await getAs(otherOfficer, '/api/door-visits')).visits).toEqual([]);
		const { visits } = await getAs(officer, '/api/door-visits');
		const sampled = await postAs(otherOfficer, '/api/door-visits/sampled', { visitIds: [visits[0].id], tube: 'DT-0009' });
		expect(sampled.status).toBe(403);
	});

	it('records 已采样 for a household with one tube: the members count as sampled door to door; a resend is refused and changes nothing', async () => {
		const db = app.database.db;
		const { visits } = await getAs(officer, '/api/door-visits');
		const household = visits.filter((visit: { householdId: string }) => visit.householdId === homes[0]).map((visit: { id: number }) => visit.id);
		const bad = await postAs(officer, '/api/door-visits/sampled', { visitIds: household, tube: '' });
		expect(bad.status).toBe(400);
		const mixed = await postAs(officer, '/api/door-visits/sampled', { visitIds: visits.map((visit: { id: number }) => visit.id), tube: 'DT-0001' });
		expect((await mixed.json()).code).toBe('visits_mixed');
		const recorded = await postAs(officer, '/api/door-visits/sampled', { visitIds: household, tube: 'DT-0001' });
		expect(recorded.status).toBe(201);
		expect(await recorded.json()).toMatchObject({ alreadySampled: 0 });
		const rows = await db.select().from(sampledMembers).where(eq(sampledMembers.tube, 'DT-0001'));
		expect(rows.map((row) => row.memberCode).sort()).toEqual([`${homes[0]}-1`, `${homes[0]}-2`]);
		expect(rows.every((row) => row.via === 'door_to_door' && row.siteId === null)).toBe(true);
		const again = await postAs(officer, '/api/door-visits/sampled', { visitIds: household, tube: 'DT-0002' });
		expect(again.status).toBe(409);
		// 已采样 twice says it was already recorded.
		expect((await again.json()).message.zh).toContain('已记录过');
		expect(await db.select().from(sampledMembers).where(eq(sampledMembers.tube, 'DT-0002'))).toEqual([]);
		// Generating again makes no new visit for who was sampled at home.
		expect(await (await postAs(officer, '/api/door-visits/generate', {})).json()).toMatchObject({ created: 0 });
		expect(await db.select().from(doorVisits).where(and(eq(doorVisits.villageId, VILLAGE), eq(doorVisits.status, 'open')))).toHaveLength(1);
	});

	it('gives the dispatch map counts per village at the village centre, never a household', async () => {
		expect((await postAs(dispatcher, '/api/door-visits/generate', {})).status).toBe(200);
		const map = await getAs(dispatcher, '/api/door-visits/villages');
		const village = map.villages.find((each: { villageId: string }) => each.villageId === VILLAGE);
		expect(village).toMatchObject({ village: '白畈村', open: 1, sampled: 2 });
		expect(typeof village.lat).toBe('number');
		expect(JSON.stringify(map)).not.toMatch(new RegExp(homes.join('|')));
		expect((await fetch(`${app.url}/api/door-visits/villages`, { headers: { cookie: officer } })).status).toBe(403);
	});

	it('says how many of a tube’s members were already sampled today (at the site meanwhile): the first sample stands', async () => {
		const db = app.database.db;
		const { visits } = await getAs(officer, '/api/door-visits');
		const open = visits.filter((visit: { householdId: string; status: string }) => visit.householdId === homes[1] && visit.status === 'open');
		expect(open).toHaveLength(1);
		await db.insert(sampledMembers).values({ day: serviceDay(Date.now()), memberCode: `${homes[1]}-1`, siteId: 'site-baifan', via: 'site', tube: 'T-SITE-2', sampledAt: new Date(), eventId: 'test-sampled-2', deviceId: 'tablet-site-baifan' });
		const answer = await postAs(officer, '/api/door-visits/sampled', { visitIds: [open[0].id], tube: 'DT-0003' });
		expect(answer.status).toBe(201);
		expect(await answer.json()).toMatchObject({ alreadySampled: 1 });
		expect((await db.select().from(sampledMembers).where(eq(sampledMembers.memberCode, `${homes[1]}-1`))).map((row) => row.tube)).toEqual(['T-SITE-2']);
	});
});
