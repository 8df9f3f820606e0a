/** GET /api/wall/overview: the wall's counts, from the registers, boxes and lab reports, with no person in them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, ne, sum } from 'drizzle-orm';
import type { App } from '../../server/app';
import { households, quarantineCases, regions } from '../../server/db/schema/index';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import type { WallOverview } from '../../src/lib/protocol/index';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { chinaHour } from '../../src/lib/domain/follow-up';
import { postEvents, startTestApp } from '../fixtures/app';
import { box, labCounts } from '../fixtures/events';
import { until } from '../fixtures/wait';

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

	it('counts residents, quarantined households per measure and per village, beds, zones and labs', async () => {
		const overview = await overviewAs(countyWall);
		const db = app.database.db;
		const [members] = await db.select({ n: sum(households.members) }).from(households);
		expect(overview.coverage.registeredResidents).toBe(Number(members.n));
		const byMeasure = await db.select({ measure: households.measure, n: count() }).from(households).where(ne(households.measure, 'none')).groupBy(households.measure);
		for (const row of byMeasure) expect(overview.quarantine.byMeasure[row.measure as keyof WallOverview['quarantine']['byMeasure']]).toBe(row.n);
		const perVillageTotal = overview.householdsByVillage.reduce((total, village) => total + village.home_quarantine + village.home_monitoring + village.centralised, 0);
		expect(perVillageTotal).toBe(byMeasure.reduce((total, row) => total + row.n, 0));
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
		expect((await overviewAs(elsewhere)).quarantine.byMeasure).toEqual({ home_quarantine: 0, home_monitoring: 0, centralised: 0 });
		expect((await overviewAs(chengmen)).householdsByVillage.length).toBe((await overviewAs(countyWall)).householdsByVillage.length);
		const [inChengmen] = await app.database.db.select({ n: count() }).from(households).where(eq(households.measure, 'home_monitoring'));
		expect((await overviewAs(chengmen)).quarantine.byMeasure.home_monitoring).toBe(inChengmen.n);
	});
});
