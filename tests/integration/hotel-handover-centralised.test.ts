/**
 * A home-quarantine case handed over at a hotel at the end of its transfer is centralised there:
 * its measure and place change (on its history), the wall counts it by its new measure and place,
 * and the evening home follow-up is no longer asked of the village officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import { householdPrivate, households, quarantineCaseEvents, quarantineCases, quarantineSites } from '../../server/db/schema/index';
import { assignTransfer } from '../../server/modules/transfers/assign-transfer';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import { officerRounds } from '../../server/modules/quarantine/officer-rounds';
import type { TransferBoard } from '../../src/lib/protocol/index';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';
import { postEvents } from '../fixtures/app';
import { position } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';

const MIN = 60_000;
let q: QuarantineApp;
let dispatcher: string;

beforeAll(async () => {
	q = await startQuarantineApp(['dispatcher']);
	dispatcher = q.cookies.dispatcher!;
}, 180_000);
afterAll(async () => {
	await q?.app.close();
});

describe('a handover at a hotel', () => {
	it('centralises the case at the hotel: measure, place, history, wall counts and follow-ups due', async () => {
		const db = q.app.database.db;
		const [home] = await db
			.select({ id: households.id, villageId: households.villageId, lat: householdPrivate.lat, lon: householdPrivate.lon })
			.from(households)
			.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
			.where(and(eq(households.villageId, q.villageA), eq(households.measure, 'none'), isNotNull(householdPrivate.lat)))
			.orderBy(asc(households.id))
			.limit(1);
		const [hotel] = await db.select().from(quarantineSites).where(ne(quarantineSites.beds, 0)).orderBy(asc(quarantineSites.id)).limit(1);
		const caseId = 'qc_hotelhandover1';
		const startDate = addDays(serviceDay(Date.now()), -2);
		await db.insert(quarantineCases).values({
			id: caseId, personId: 'p_hotelhandover1', householdId: home.id, villageId: home.villageId, measure: 'home_quarantine', placeKind: 'home', startDate, plannedEndDate: addDays(startDate, 13), status: 'active',
			createdAt: new Date(Date.now() - 2 * 86_400_000), createdBy: 'test', updatedAt: new Date(Date.now() - 2 * 86_400_000)
		});
		const startedAt = Date.now() - 30 * MIN;
		await db.insert(quarantineCaseEvents).values({ caseId, at: new Date(startedAt - MIN), actor: 'test', kind: 'transfer_proposed', reason: 'symptoms', details: { destination: { kind: 'hotel', id: hotel.id, name: hotel.name } } });
		const takesAll = { append: async (events: unknown[]) => events.map(() => 'appended' as const) } as unknown as EventLog;
		const { taskId } = await assignTransfer({ ctx: { db, log: takesAll, actor: 'user:test', now: startedAt }, input: { vehicleId: 'transfer-2', caseId, quarantineSiteId: hotel.id } });
		const events = [];
		for (let m = 2; m <= 5; m += 0.5) events.push(position({ vehicleId: 'transfer-2', at: new Date(startedAt + m * MIN).toISOString(), lat: home.lat!, lon: home.lon! }));
		for (let m = 5.5; m < 15; m += 0.5) {
			const f = (m - 5) / 10;
			events.push(position({ vehicleId: 'transfer-2', at: new Date(startedAt + m * MIN).toISOString(), lat: home.lat! + (hotel.lat - home.lat!) * f, lon: home.lon! + (hotel.lon - home.lon!) * f }));
		}
		for (let m = 15; m <= 20; m += 0.5) events.push(position({ vehicleId: 'transfer-2', at: new Date(startedAt + m * MIN).toISOString(), lat: hotel.lat, lon: hotel.lon }));
		expect((await postEvents(q.app, { events }, { as: 'phone-transfer-2' })).status).toBe(200);
		const board = async () => (await (await fetch(`${q.app.url}/api/transfers`, { headers: { cookie: dispatcher } })).json()) as TransferBoard;
		await until(async () => (await board()).tasks.find((each) => each.id === taskId && each.phase === 'arrived'), 'the arrival at the hotel');

		const before = (await computeOverview(db, null, Date.now())).quarantine;
		expect((await postAs(q.app, dispatcher, `/api/transfers/${taskId}/handover`, {})).status).toBe(200);

		const [moved] = await db.select().from(quarantineCases).where(eq(quarantineCases.id, caseId));
		expect(moved).toMatchObject({ measure: 'centralised', placeKind: 'hotel', quarantineSiteId: hotel.id, status: 'active' });
		const [history] = await db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'transferred')));
		expect(history.details).toMatchObject({ measure: { from: 'home_quarantine', to: 'centralised' }, place: { from: 'home', to: 'hotel' } });

		const after = (await computeOverview(db, null, Date.now())).quarantine;
		expect(after.byMeasure.home_quarantine).toBe(before.byMeasure.home_quarantine - 1);
		expect(after.byMeasure.centralised).toBe(before.byMeasure.centralised + 1);
		expect(after.byPlace.hotel).toBe(before.byPlace.hotel + 1);

		// The phone: no evening home follow-up at 21:00 today, the hotel's once-a-day morning slot only.
		const evening = serviceDayStart(serviceDay(Date.now())) + 21 * 3_600_000;
		const onPhone = (await officerRounds(db, { kind: 'villages', villageIds: [q.villageA] }, { now: evening })).cases.find((found) => found.id === caseId)!;
		expect(onPhone.measure).toBe('centralised');
		expect(onPhone.followUps.map((slot) => slot.slot)).toEqual(['morning']);
	});
});
