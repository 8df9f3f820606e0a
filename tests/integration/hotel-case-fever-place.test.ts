/**
 * A fever in a hotel case is placed where the person is, the hotel, not their home village: the
 * wall's live fever alert and the overview's, and the dispatcher's transfer proposal, are at the
 * hotel's village (the village nearest the hotel), not the case's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { quarantineCases, quarantineSites, regions } from '../../server/db/schema/index';
import { villagePlaces } from '../../server/modules/quarantine/village-places';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import { distanceMetres, type LatLon } from '../../src/lib/domain/coordinates';
import { serviceDay } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { signedIn, startTestApp } from '../fixtures/app';
import { openWall, type WallView } from '../fixtures/wall-socket';
import { until } from '../fixtures/wait';

let app: App;
let wall: WallView;
let hotel: LatLon & { id: string };
/** The case's own village: the one whose centre is farthest from the hotel. */
let home: { id: string } & LatLon;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	[hotel] = await db.select({ id: quarantineSites.id, lat: quarantineSites.lat, lon: quarantineSites.lon }).from(quarantineSites).orderBy(asc(quarantineSites.id)).limit(1);
	const villageIds = (await db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'village'))).map((row) => row.id);
	const placed = [...(await villagePlaces(db, villageIds))].flatMap(([id, place]) => (place.lat !== null && place.lon !== null ? [{ id, lat: place.lat, lon: place.lon }] : []));
	home = placed.sort((a, b) => distanceMetres(hotel, b) - distanceMetres(hotel, a))[0];
	const startDate = addDays(serviceDay(Date.now()), -1);
	await db.insert(quarantineCases).values({
		id: 'qc_hotelfever1', personId: 'p_hotelfever1', villageId: home.id, measure: 'centralised', placeKind: 'hotel', quarantineSiteId: hotel.id, startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
		createdAt: new Date(Date.now() - 86_400_000), createdBy: 'test', updatedAt: new Date(Date.now() - 86_400_000)
	});
	wall = await openWall(app);
}, 180_000);
afterAll(async () => {
	wall?.close();
	await app?.close();
});

describe('a fever in a hotel case', () => {
	it('is placed at the hotel\'s village on the wall and in the dispatcher\'s proposal, not the home village', async () => {
		const officer = await signedIn(app, 'quarantine_officer', { villageIds: [home.id] });
		const response = await fetch(`${app.url}/api/quarantine/follow-ups`, {
			method: 'POST', headers: { cookie: officer.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ caseId: 'qc_hotelfever1', reportId: 'hotel-fever-report-1', takenAt: new Date(Date.now() - 60_000).toISOString(), temperatureC: 38.2, symptoms: [] })
		});
		expect(response.status).toBe(201);

		const live = await until(() => wall.kpi().fevers?.[0], 'the fever on the wall');
		expect(live.villageId).not.toBe(home.id);
		// Nearer the hotel than the home village is: the alert is where the person is.
		expect(distanceMetres(hotel, { lat: live.lat!, lon: live.lon! })).toBeLessThan(distanceMetres(hotel, home));

		const overview = await computeOverview(app.database.db, null, Date.now());
		expect(overview.quarantine.fevers.map((fever) => fever.villageId)).toEqual([live.villageId]);

		const dispatcher = await signedIn(app, 'dispatcher');
		const { proposals } = (await (await fetch(`${app.url}/api/quarantine/transfer-proposals`, { headers: { cookie: dispatcher.cookie } })).json()) as { proposals: { caseId: string; villageId: string }[] };
		expect(proposals.find((proposal) => proposal.caseId === 'qc_hotelfever1')?.villageId).toBe(live.villageId);
	});
});
