/** GET /api/wall/overview: the wall's counts, from the registers, boxes and lab reports, with no person in them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like, ne, sum } from 'drizzle-orm';
import type { App } from '../../server/app';
import { households, quarantineCases, regions, returnees, scheduledTests } from '../../server/db/schema/index';
import { addDays } from '../../src/lib/domain/quarantine';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import type { WallOverview } from '../../src/lib/protocol/index';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { chinaHour } from '../../src/lib/domain/follow-up';
import { postEvents, startTestApp } from '../fixtures/app';
import { box, labCounts } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';

// Today's figures are compared with the server's (which reads the real clock): run on one side of China midnight.
await clearOfChinaMidnight();

let app: App;
let countyWall: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	countyWall = (await createDisplayToken({ db: app.database.db, input: { label: 'county wall' }, actor: 'test' })).token;
});
afterAll(async () => {
	await app.close();
});

const overviewAs = async (token: string): Promise<WallOverview> => {
	const response = await fetch(`${app.url}/api/wall/overview`, { headers: { authorization: `Bearer ${token}` } });
	expect(response.status).toBe(200);
	return response.json();
};

describe('the wall overview', () => {
	it('refuses a request without a credential', async () => {
		expect((await fetch(`${app.url}/api/wall/overview`)).status).toBe(401);
	});

	it('counts residents, active quarantine cases per measure, place and village (not the household ledger’s measure), beds, zones and labs', async () => {
		const overview = await overviewAs(countyWall);
		const db = app.database.db;
		const [members] = await db.select({ n: sum(households.members) }).from(households);
		expect(overview.coverage.registeredResidents).toBe(Number(members.n));
		const byMeasure = await db.select({ measure: quarantineCases.measure, n: count() }).from(quarantineCases).where(eq(quarantineCases.status, 'active')).groupBy(quarantineCases.measure);
		const expected = { home_quarantine: 0, home_monitoring: 0, health_monitoring: 0, centralised: 0 };
		for (const row of byMeasure) expected[row.measure] = row.n;
		expect(overview.quarantine.byMeasure).toEqual(expected);
		const active = byMeasure.reduce((total, row) => total + row.n, 0);
		expect(overview.quarantine.byPlace.home + overview.quarantine.byPlace.hotel).toBe(active);
		const perVillageTotal = overview.householdsByVillage.reduce((total, village) => total + village.home_quarantine + village.home_monitoring + village.centralised, 0);
		expect(perVillageTotal).toBe(active - expected.health_monitoring);
		expect(overview.quarantineSites).toEqual([expect.objectContaining({ name: '柴桑区集中隔离点', beds: 120 })]);
		expect(overview.riskZones.map((zone) => zone.level).sort()).toEqual(['controlled', 'precaution']);
		expect(overview.labs).toEqual([expect.objectContaining({ id: 'lab-chaisang-cdc', capacityTubesPerDay: 3000, backlogTubes: 0 })]);
		expect(overview.throughputByHour).toHaveLength(24);
	});

	it('never carries a household’s members, address, place or anyone’s name', async () => {
		const overview = await overviewAs(countyWall);
		for (const village of overview.householdsByVillage) expect(Object.keys(village).sort()).toEqual(['centralised', 'home_monitoring', 'home_quarantine', 'lat', 'lon', 'village', 'villageId']);
		const [somebody] = await app.database.db.select().from(households).where(ne(households.measure, 'none')).limit(1);
		expect(JSON.stringify(overview)).not.toContain(somebody.id);
	});

	it('adds sealed boxes to today’s hour and lab reports to the tube counts and backlog', async () => {
		await postEvents(app, { events: [box({ tubes: 30, people: 300 }), box({ tubes: 20, people: 200 })] });
		const { token } = await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' });
		await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: [labCounts({ receivedTubes: 1500, testedTubes: 300 })] }) });
		const overview = await until(async () => {
			const fresh = await computeOverview(app.database.db, null, Date.now());
			return fresh.tubes.collected === 50 && fresh.tubes.received === 1500 && fresh;
		}, 'the boxes and the lab report to be stored');
		expect(overview.coverage.sampledToday).toBe(500);
		expect(overview.throughputByHour[chinaHour(Date.now())].sampled).toBe(500);
		expect(overview.tubes).toEqual({ collected: 50, received: 1500, tested: 300 });
		// 1,200 tubes at 3,000 a day: 9.6 hours, past the 8 in which results are due.
		expect(overview.labs[0]).toMatchObject({ backlogTubes: 1200, hoursToClear: 9.6, overCapacity: true });
	});

	it('counts follow-ups overdue from the cases that owe them, not from households under a measure (the old false alarm): none before 10:00, at most two a case after', async () => {
		const db = app.database.db;
		const [atHome] = await db.select({ n: count() }).from(households).where(and(ne(households.measure, 'none'), ne(households.measure, 'centralised')));
		const [cases] = await db.select({ n: count() }).from(quarantineCases).where(eq(quarantineCases.status, 'active'));
		expect(atHome.n).toBeGreaterThan(2 * cases.n);
		const today = serviceDay(Date.now());
		const at = (hour: number) => serviceDayStart(today) + hour * 3_600_000;
		expect((await computeOverview(db, null, at(9))).quarantine.overdueCheckIns).toBe(0);
		for (const hour of [11, 23]) expect((await computeOverview(db, null, at(hour))).quarantine.overdueCheckIns).toBeLessThanOrEqual(2 * cases.n);
	});

	it('gives a township’s wall only that township’s households', async () => {
		// A township of the county with none of the demo's households; a wall is bound only to a township that exists.
		await app.database.db.insert(regions).values({ id: 't:黄宅镇', parentId: null, level: 'township', name: '黄宅镇' });
		const elsewhere = (await createDisplayToken({ db: app.database.db, input: { label: 'other township', regionId: 't:黄宅镇' }, actor: 'test' })).token;
		const chengmen = (await createDisplayToken({ db: app.database.db, input: { label: 'chengmen', regionId: 't:城门街道' }, actor: 'test' })).token;
		expect((await overviewAs(elsewhere)).householdsByVillage).toEqual([]);
		expect((await overviewAs(elsewhere)).quarantine.byMeasure).toEqual({ home_quarantine: 0, home_monitoring: 0, health_monitoring: 0, centralised: 0 });
		expect((await overviewAs(elsewhere)).quarantine.returnees).toEqual({ today: 0, total: 0, byMeasure: {}, byTownship: [] });
		expect((await overviewAs(chengmen)).householdsByVillage.length).toBe((await overviewAs(countyWall)).householdsByVillage.length);
		const [inChengmen] = await app.database.db.select({ n: count() }).from(quarantineCases).where(and(eq(quarantineCases.measure, 'home_quarantine'), eq(quarantineCases.status, 'active'), like(quarantineCases.villageId, 'v:城门街道/%')));
		expect((await overviewAs(chengmen)).quarantine.byMeasure.home_quarantine).toBe(inChengmen.n);
	});

	it('counts a case once, whatever the household ledger’s measure says, and returnees today and in total by measure and township; tests overdue and positive per village', async () => {
		const db = app.database.db;
		const today = serviceDay(Date.now());
		const [home] = await db.select().from(households).where(eq(households.measure, 'none')).limit(1);
		const before = await computeOverview(db, null, Date.now());
		// The ledger saying the household is under home quarantine adds nothing: only cases count.
		await db.update(households).set({ measure: 'home_quarantine', startDate: today }).where(eq(households.id, home.id));
		const ledgerOnly = await computeOverview(db, null, Date.now());
		expect(ledgerOnly.quarantine.byMeasure).toEqual(before.quarantine.byMeasure);
		expect(ledgerOnly.quarantine.endingToday).toBe(before.quarantine.endingToday);

		const now = Date.now();
		await db.insert(returnees).values({ id: 'r_wall_1', personId: 'p_wall_1', householdId: home.id, villageId: home.villageId, arrivalAt: new Date(now - 60_000), originPlace: '外地', originRisk: 'high', transportMode: 'car', measure: 'home_quarantine', source: 'officer', registeredBy: 'test', registeredAt: new Date(now) });
		await db.insert(quarantineCases).values({ id: 'qc_wall_1', personId: 'p_wall_1', householdId: home.id, villageId: home.villageId, returneeId: 'r_wall_1', measure: 'home_quarantine', placeKind: 'home', startDate: addDays(today, -13), plannedEndDate: today, status: 'active', createdAt: new Date(now), createdBy: 'test', updatedAt: new Date(now) });
		await db.insert(scheduledTests).values([
			{ caseId: 'qc_wall_1', personId: 'p_wall_1', kind: 'day_7', dueDate: addDays(today, -7) },
			{ caseId: 'qc_wall_1', personId: 'p_wall_1', kind: 'arrival_24h', dueDate: addDays(today, -13), result: 'positive', recordedAt: new Date(now), doneAt: new Date(now) }
		]);
		const after = await computeOverview(db, null, Date.now());
		expect(after.quarantine.byMeasure.home_quarantine).toBe(before.quarantine.byMeasure.home_quarantine + 1);
		expect(after.quarantine.byPlace.home).toBe(before.quarantine.byPlace.home + 1);
		expect(after.quarantine.endingToday).toBe(before.quarantine.endingToday + 1);
		expect(after.quarantine.returnees.today).toBe(before.quarantine.returnees.today + 1);
		expect(after.quarantine.returnees.total).toBe(before.quarantine.returnees.total + 1);
		expect(after.quarantine.returnees.byMeasure.home_quarantine.today).toBe((before.quarantine.returnees.byMeasure.home_quarantine?.today ?? 0) + 1);
		const township = home.villageId.split('/')[0].slice(2);
		expect(after.quarantine.returnees.byTownship.find((each) => each.township === township)?.today).toBe((before.quarantine.returnees.byTownship.find((each) => each.township === township)?.today ?? 0) + 1);
		expect(after.quarantine.tests.find((each) => each.villageId === home.villageId)).toMatchObject({ overdue: (before.quarantine.tests.find((each) => each.villageId === home.villageId)?.overdue ?? 0) + 1, positive: 1 });
		const text = JSON.stringify(after);
		for (const personal of ['qc_wall_1', 'p_wall_1', 'r_wall_1', home.id]) expect(text).not.toContain(personal);
	});
});
