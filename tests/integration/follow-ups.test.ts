/**
 * Follow-ups, supply deliveries and risk zones through the command path and the HTTP API: each
 * event on the log with its rows, each refusal changing nothing, a resend after a network loss
 * counted once, and the wall: a fever raises a critical alert for the village (never a person),
 * overdue follow-ups are those due and not done, and zones carry their households and people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';
import { until } from '../fixtures/wait';
import { openWall } from '../fixtures/wall-socket';
import { auditLog, checkIns, eventLog, householdPrivate, households, quarantineCaseEvents, quarantineCases, riskZones, supplyDeliveries } from '../../server/db/schema/index';
import { createDisplayToken } from '../../server/modules/identity/credentials';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import type { WallOverview } from '../../src/lib/protocol/index';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';

let app: App;
let officer: string;
let otherOfficer: string;
let commander: string;
let dispatcher: string;
let wall: string;
let villageA: string;
let villageB: string;

const HOUR = 3_600_000;
// Today's figures are compared with the server's (which reads the real clock): run on one side of China midnight.
await clearOfChinaMidnight();
const today = serviceDay(Date.now());
const at = (hour: number) => serviceDayStart(today) + hour * HOUR;

beforeAll(async () => {
	let cookies: QuarantineApp['cookies'];
	({ app, villageA, villageB, officer, otherOfficer, cookies } = await startQuarantineApp(['commander', 'dispatcher']));
	[commander, dispatcher] = [cookies.commander!, cookies.dispatcher!];
	wall = (await createDisplayToken({ db: app.database.db, input: { label: 'county wall' }, actor: 'test' })).token;
}, 180_000);
afterAll(async () => {
	await app?.close();
});

const post = (cookie: string, path: string, body: unknown) => postAs(app, cookie, path, body);
const eventsOf = async (type: string) => (await app.database.db.select({ payload: eventLog.payload }).from(eventLog).where(sql`${eventLog.payload}->>'type' = ${type}`)).map((row) => row.payload as Record<string, unknown>);

let cases = 0;
/** A case on the register, begun yesterday (so both of today's follow-ups are owed). */
async function openCase(overrides: Partial<typeof quarantineCases.$inferInsert> = {}): Promise<string> {
	const id = `qc_test${String(++cases).padStart(4, '0')}`;
	const startDate = addDays(today, -1);
	await app.database.db.insert(quarantineCases).values({
		id, personId: `p_test${cases}`, villageId: villageA, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
		createdAt: new Date(serviceDayStart(startDate) + 9 * HOUR), createdBy: 'test', updatedAt: new Date(serviceDayStart(startDate) + 9 * HOUR), ...overrides
	});
	return id;
}
let reports = 0;
const followUp = (caseId: string, overrides: Record<string, unknown> = {}) => ({ caseId, reportId: `phone-1:report-${++reports}`, takenAt: new Date(Date.now() - 60_000).toISOString(), temperatureC: 36.6, symptoms: [], ...overrides });
const checkInsOf = async (caseId: string) => app.database.db.select().from(checkIns).where(eq(checkIns.caseId, caseId));

describe('recording a follow-up', () => {
	it('a fever follow-up: the wall overview has a critical alert for that village with no personal data, and dispatch sees the proposed transfer', async () => {
		const caseId = await openCase({ personId: 'p_fever_person' });
		const liveWall = await openWall(app, wall);
		const response = await post(officer, '/api/quarantine/follow-ups', followUp(caseId, { temperatureC: 38.2, symptoms: ['dry_cough'] }));
		expect(response.status).toBe(201);
		const recorded = await response.json();
		expect(recorded).toMatchObject({ caseId, fever: true, critical: true, duplicate: false, proposedTransfer: expect.objectContaining({ kind: expect.stringMatching(/fever_clinic|hotel/) }) });

		// The overview is shared and may be up to its TTL old (the alert watcher reads it too): the wall's poll sees the fever within it.
		const overview = await until(async () => {
			const read: WallOverview = await (await fetch(`${app.url}/api/wall/overview`, { headers: { authorization: `Bearer ${wall}` } })).json();
			return read.quarantine.fevers.length > 0 ? read : undefined;
		}, 'the fever on the wall overview', 20_000);
		expect(overview.quarantine.fevers).toEqual([expect.objectContaining({ villageId: villageA, cases: 1 })]);
		expect(overview.quarantine.fevers[0].lat).not.toBeNull();
		expect(Object.keys(overview.alertsSince)).toContain(`fever:${villageA}`);
		// Without its timestamps: a generatedAt at hh:mm:38.2xx is no temperature.
		const text = JSON.stringify(overview).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '""');
		for (const personal of [caseId, 'p_fever_person', '38.2', 'dry_cough']) expect(text).not.toContain(personal);

		// Live: a wall's socket gets it in the projector's next tick, at the village only.
		const kpi = await until(() => ((liveWall.kpi().fevers ?? []).length > 0 ? liveWall.kpi() : undefined), 'the fever on the wall’s live KPI layer');
		liveWall.close();
		expect(kpi.fevers).toEqual([expect.objectContaining({ villageId: villageA, cases: 1 })]);
		expect(JSON.stringify(kpi)).not.toContain(caseId);

		// On the log: the case by its opaque id, never the reading.
		const [event] = (await eventsOf('case.follow_up')).filter((payload) => payload.caseId === caseId);
		expect(event).toMatchObject({ fever: true, critical: true, villageId: villageA, slot: expect.any(String) });
		expect(JSON.stringify(event)).not.toContain('38.2');
		expect((await eventsOf('case.transfer_proposed')).filter((payload) => payload.caseId === caseId)).toHaveLength(1);

		const proposals = await (await fetch(`${app.url}/api/quarantine/transfer-proposals`, { headers: { cookie: dispatcher } })).json();
		expect(proposals.proposals).toEqual([expect.objectContaining({ caseId, villageId: villageA, reason: 'fever' })]);
		expect(JSON.stringify(proposals)).not.toContain('p_fever_person');
		// A re-check that finds fever again proposes no second transfer.
		await post(officer, '/api/quarantine/follow-ups', followUp(caseId, { temperatureC: 38.0, takenAt: new Date(Date.now() - 30_000).toISOString() }));
		expect((await eventsOf('case.transfer_proposed')).filter((payload) => payload.caseId === caseId)).toHaveLength(1);
	});

	it('counts a resend after a network loss once: same report id, same answer, one row, one event', async () => {
		const caseId = await openCase();
		const body = followUp(caseId);
		const first = await post(officer, '/api/quarantine/follow-ups', body);
		expect(first.status).toBe(201);
		const again = await post(officer, '/api/quarantine/follow-ups', body);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ caseId, duplicate: true, fever: false, critical: false });
		expect(await checkInsOf(caseId)).toHaveLength(1);
		expect((await eventsOf('case.follow_up')).filter((payload) => payload.caseId === caseId)).toHaveLength(1);
		const history = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'follow_up')));
		expect(history).toHaveLength(1);
		expect(history[0].actor).toMatch(/^user:/);
	});

	it('refuses the same report id with other content, changing nothing', async () => {
		const caseId = await openCase();
		const body = followUp(caseId);
		await post(officer, '/api/quarantine/follow-ups', body);
		const response = await post(officer, '/api/quarantine/follow-ups', { ...body, temperatureC: 37.9 });
		expect(response.status).toBe(409);
		expect((await response.json()).code).toBe('report_conflict');
		expect((await checkInsOf(caseId))[0].temperatureC).toBeCloseTo(36.6);
	});

	it('refuses an officer of another village, a dispatcher, and an unknown case, writing nothing', async () => {
		const caseId = await openCase();
		const outside = await post(otherOfficer, '/api/quarantine/follow-ups', followUp(caseId));
		expect(outside.status).toBe(403);
		expect((await outside.json()).code).toBe('outside_villages');
		expect((await post(dispatcher, '/api/quarantine/follow-ups', followUp(caseId))).status).toBe(403);
		const unknown = await post(officer, '/api/quarantine/follow-ups', followUp('qc_nobody'));
		expect(unknown.status).toBe(404);
		expect(await checkInsOf(caseId)).toEqual([]);
	});

	it('refuses an evening follow-up of a once-a-day measure, a released case, a reading out of range and a time in the future', async () => {
		const monitored = await openCase({ measure: 'home_monitoring' });
		const evening = await post(officer, '/api/quarantine/follow-ups', followUp(monitored, { slot: 'evening' }));
		expect([evening.status, (await evening.json()).code]).toEqual([400, 'slot_not_for_measure']);
		const released = await openCase({ status: 'released', releasedAt: new Date(Date.now() - 3 * 86_400_000), updatedAt: new Date(Date.now() - 3 * 86_400_000) });
		const late = await post(officer, '/api/quarantine/follow-ups', followUp(released));
		expect([late.status, (await late.json()).code]).toEqual([409, 'case_not_active']);
		const hot = await post(officer, '/api/quarantine/follow-ups', followUp(monitored, { temperatureC: 48 }));
		expect(hot.status).toBe(400);
		expect((await hot.json()).message.zh).toBeTruthy();
		const future = await post(officer, '/api/quarantine/follow-ups', followUp(monitored, { takenAt: new Date(Date.now() + HOUR).toISOString() }));
		expect([future.status, (await future.json()).code]).toEqual([400, 'taken_in_future']);
		const stale = await post(officer, '/api/quarantine/follow-ups', followUp(monitored, { takenAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }));
		expect([stale.status, (await stale.json()).code]).toEqual([400, 'taken_too_long_ago']);
		expect(await checkInsOf(monitored)).toEqual([]);
	});
});

describe('follow-ups overdue on the wall', () => {
	it('counts only the follow-ups due by now and not done, per village: none before 10:00, the morning one after, none once done', async () => {
		const db = app.database.db;
		const before = await computeOverview(db, null, at(9));
		const after = await computeOverview(db, null, at(11));
		// Every active home case of village A without a morning follow-up today owes one from 10:00.
		const owing = await db
			.select({ id: quarantineCases.id })
			.from(quarantineCases)
			.where(and(eq(quarantineCases.status, 'active'), eq(quarantineCases.villageId, villageA), sql`not exists (select 1 from ${checkIns} where ${checkIns.caseId} = ${quarantineCases.id} and ${checkIns.day} = ${today} and ${checkIns.slot} = 'morning')`));
		expect(before.quarantine.overdueCheckIns).toBe(0);
		expect(after.quarantine.overdueByVillage.find((village) => village.villageId === villageA)?.overdue ?? 0).toBe(owing.length);
		const caseId = await openCase();
		expect((await computeOverview(db, null, at(11))).quarantine.overdueCheckIns).toBe(after.quarantine.overdueCheckIns + 1);
		await app.database.db.insert(checkIns).values({ caseId, day: today, slot: 'morning', at: new Date(at(8)), temperatureC: 36.5, source: 'officer', eventId: `seed-${caseId}` });
		expect((await computeOverview(db, null, at(11))).quarantine.overdueCheckIns).toBe(after.quarantine.overdueCheckIns);
		// The evening one falls due at 20:00.
		expect((await computeOverview(db, null, at(21))).quarantine.overdueByVillage.find((village) => village.villageId === villageA)!.overdue).toBeGreaterThan(0);
	});
});

describe('supplies', () => {
	it('lists the delivery due to a new home-quarantine household in its officer’s villages only, marks it done once, and says when the next one is due', async () => {
		const caseId = await openCase({ startDate: today, plannedEndDate: addDays(today, 13), createdAt: new Date(at(7)) });
		const dueList = async (cookie: string) => (await (await fetch(`${app.url}/api/quarantine/deliveries`, { headers: { cookie } })).json()).cases.map((entry: { caseId: string }) => entry.caseId);
		expect(await dueList(officer)).toContain(caseId);
		expect(await dueList(otherOfficer)).not.toContain(caseId);
		const first = await post(officer, '/api/quarantine/deliveries', { caseId });
		expect(first.status).toBe(201);
		expect(await first.json()).toMatchObject({ dueDate: today, nextDue: addDays(today, 3), duplicate: false });
		const again = await post(officer, '/api/quarantine/deliveries', { caseId });
		expect([again.status, (await again.json()).duplicate]).toEqual([200, true]);
		const rows = await app.database.db.select().from(supplyDeliveries).where(and(eq(supplyDeliveries.caseId, caseId), isNotNull(supplyDeliveries.doneAt)));
		expect(rows).toHaveLength(1);
		expect((await eventsOf('supply.delivered')).filter((payload) => payload.caseId === caseId)).toHaveLength(1);
		expect(await dueList(officer)).not.toContain(caseId);
	});
	it('refuses a household not in home quarantine and an officer of another village', async () => {
		const hotel = await openCase({ measure: 'centralised', placeKind: 'hotel' });
		const refused = await post(officer, '/api/quarantine/deliveries', { caseId: hotel });
		expect([refused.status, (await refused.json()).code]).toEqual([422, 'not_home_quarantine']);
		const home = await openCase();
		expect((await post(otherOfficer, '/api/quarantine/deliveries', { caseId: home })).status).toBe(403);
	});
	it('refuses a delivery before the next one is due (three days after the last one made)', async () => {
		const caseId = await openCase();
		await app.database.db.insert(supplyDeliveries).values({ caseId, villageId: villageA, dueDate: addDays(today, -1), doneAt: new Date(Date.now() - 86_400_000), doneBy: 'test', createdAt: new Date(Date.now() - 86_400_000) });
		const early = await post(officer, '/api/quarantine/deliveries', { caseId });
		expect(early.status).toBe(409);
		expect(await early.json()).toMatchObject({ code: 'delivery_not_due', message: { zh: expect.stringContaining(addDays(today, 2)) } });
		expect((await app.database.db.select().from(supplyDeliveries).where(eq(supplyDeliveries.caseId, caseId)))).toHaveLength(1);
	});
});

describe('risk zones', () => {
	const square = (lon: number, lat: number, size: number) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] });

	it('adds, redraws and lifts a zone, each audited and on the log, with households and people counted inside on the wall', async () => {
		const db = app.database.db;
		const [home] = await db.select({ lat: householdPrivate.lat, lon: householdPrivate.lon, id: households.id, members: households.members }).from(householdPrivate).innerJoin(households, eq(households.id, householdPrivate.householdId)).where(isNotNull(householdPrivate.lat)).limit(1);
		const tiny = square(home.lon! - 0.0001, home.lat! - 0.0001, 0.0002);
		const added = await post(commander, '/api/risk-zones', { name: '测试封控区', level: 'sealed', polygon: tiny });
		expect(added.status).toBe(201);
		const { zoneId } = await added.json();
		const zone = (await computeOverview(db, null, Date.now())).riskZones.find((each) => each.id === zoneId)!;
		const [inside] = await db.select({ n: count() }).from(householdPrivate).where(sql`${householdPrivate.lat} between ${home.lat! - 0.0001} and ${home.lat! + 0.0001} and ${householdPrivate.lon} between ${home.lon! - 0.0001} and ${home.lon! + 0.0001}`);
		expect(zone).toMatchObject({ level: 'sealed', households: inside.n });
		expect(zone.people).toBeGreaterThanOrEqual(home.members);
		expect(JSON.stringify(zone)).not.toContain(home.id);

		const redrawn = await post(commander, `/api/risk-zones/${zoneId}/redraw`, { level: 'controlled' });
		expect(redrawn.status).toBe(200);
		const unchanged = await post(commander, `/api/risk-zones/${zoneId}/redraw`, { level: 'controlled' });
		expect([unchanged.status, (await unchanged.json()).code]).toEqual([409, 'zone_unchanged']);
		const lifted = await post(commander, `/api/risk-zones/${zoneId}/lift`, { reason: '连续14天无新增' });
		expect(lifted.status).toBe(200);
		const twice = await post(commander, `/api/risk-zones/${zoneId}/lift`, { reason: '连续14天无新增' });
		expect([twice.status, (await twice.json()).code]).toEqual([409, 'zone_lifted']);
		expect((await computeOverview(db, null, Date.now() + 1000)).riskZones.map((each) => each.id)).not.toContain(zoneId);

		for (const type of ['zone.added', 'zone.redrawn', 'zone.lifted']) expect((await eventsOf(type)).filter((payload) => payload.zoneId === zoneId)).toHaveLength(1);
		const [liftEvent] = (await eventsOf('zone.lifted')).filter((payload) => payload.zoneId === zoneId);
		expect(JSON.stringify(liftEvent)).not.toContain('连续14天');
		const audits = await db.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.subject, `zone:${zoneId}`));
		expect(audits.map((entry) => entry.action).sort()).toEqual(['zone.add', 'zone.lift', 'zone.redraw']);
		expect(audits.find((entry) => entry.action === 'zone.lift')?.reason).toBe('连续14天无新增');
		const [row] = await db.select().from(riskZones).where(eq(riskZones.id, zoneId));
		expect(row).toMatchObject({ level: 'controlled', liftReason: '连续14天无新增' });
	});

	it('refuses an officer, an open ring, an unknown region or zone, and a lift without a reason, writing nothing', async () => {
		const before = (await app.database.db.select({ n: count() }).from(riskZones))[0].n;
		const byOfficer = await post(officer, '/api/risk-zones', { name: '村封控', level: 'sealed', polygon: square(115.8, 29.6, 0.01) });
		expect([byOfficer.status, (await byOfficer.json()).code]).toEqual([403, 'zones_not_allowed']);
		const open = square(115.8, 29.6, 0.01);
		open.coordinates[0][4] = [115.9, 29.7];
		const badRing = await post(commander, '/api/risk-zones', { name: '坏边界', level: 'sealed', polygon: open });
		expect([badRing.status, (await badRing.json()).code]).toEqual([400, 'zone_polygon_invalid']);
		expect((await app.database.db.select({ n: count() }).from(riskZones))[0].n).toBe(before);
		const unknownRegion = await post(commander, '/api/risk-zones', { name: '无此区划', level: 'precaution', regionId: 'v:无此街道/无此村', polygon: square(115.8, 29.6, 0.01) });
		expect([unknownRegion.status, (await unknownRegion.json()).code]).toEqual([400, 'region_unknown']);
		expect((await app.database.db.select({ n: count() }).from(riskZones))[0].n).toBe(before);
		const missing = await post(commander, '/api/risk-zones/rz_nothing/redraw', { level: 'sealed' });
		expect([missing.status, (await missing.json()).code]).toEqual([404, 'zone_not_found']);
		const [standing] = await app.database.db.select({ id: riskZones.id }).from(riskZones).where(isNull(riskZones.liftedAt)).limit(1);
		const noReason = await post(commander, `/api/risk-zones/${standing.id}/lift`, {});
		expect(noReason.status).toBe(400);
		expect((await app.database.db.select().from(riskZones).where(eq(riskZones.id, standing.id)))[0].liftedAt).toBeNull();
	});
});
