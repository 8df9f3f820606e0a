/**
 * The wall's zone, bed and case counts follow their events as the fever alert does: an event that
 * changes them moves the live KPI's overviewChanges in the next delta (real Socket.io client), and
 * the overview read with it is computed after the event, not served from a cache up to 10 s old.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNotNull } from 'drizzle-orm';
import { householdPrivate, households } from '../../server/db/schema/index';
import type { WallOverview } from '../../src/lib/protocol/index';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';
import { openWall, type WallView } from '../fixtures/wall-socket';
import { until } from '../fixtures/wait';

let q: QuarantineApp;
let commander: string;
let wall: WallView;

beforeAll(async () => {
	q = await startQuarantineApp(['commander']);
	commander = q.cookies.commander!;
	wall = await openWall(q.app);
}, 180_000);
afterAll(async () => {
	wall?.close();
	await q?.app.close();
});

const overview = async (changes: number) => (await (await fetch(`${q.app.url}/api/wall/overview?changes=${changes}`, { headers: { cookie: commander } })).json()) as WallOverview;
/** The next overviewChanges the wall's socket receives after `seen`. */
const nextChange = (seen: number | undefined) => until(() => { const now = wall.kpi().overviewChanges; return now !== undefined && now !== seen ? now : undefined; }, 'the KPI delta saying the overview changed');

describe('risk zone counts on the wall', () => {
	it('shows a zone added and then lifted with the delta that follows each event, not after the overview’s cache runs out', async () => {
		const [home] = await q.app.database.db.select({ lat: householdPrivate.lat, lon: householdPrivate.lon }).from(householdPrivate).innerJoin(households, eq(households.id, householdPrivate.householdId)).where(isNotNull(householdPrivate.lat)).limit(1);
		const [lon, lat] = [home.lon! - 0.0001, home.lat! - 0.0001];
		const polygon = { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.0002, lat], [lon + 0.0002, lat + 0.0002], [lon, lat + 0.0002], [lon, lat]]] };
		// The wall has read its overview (cached now), before the zone exists.
		const before = wall.kpi().overviewChanges;
		await overview(before ?? 0);

		const added = await postAs(q.app, commander, '/api/risk-zones', { name: '实时封控区', level: 'sealed', polygon });
		expect(added.status).toBe(201);
		const { zoneId } = (await added.json()) as { zoneId: string };
		const afterAdd = await nextChange(before);
		expect((await overview(afterAdd)).riskZones.find((zone) => zone.id === zoneId)).toMatchObject({ households: expect.any(Number) });

		expect((await postAs(q.app, commander, `/api/risk-zones/${zoneId}/lift`, { reason: '连续14天无新增' })).status).toBe(200);
		const afterLift = await nextChange(afterAdd);
		expect((await overview(afterLift)).riskZones.map((zone) => zone.id)).not.toContain(zoneId);
	});
});
