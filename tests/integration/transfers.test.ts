/** Closed-loop transfer tasks: assigned, tracked from the vehicle's fixes, a stop on the way flagged, handed over to the quarantine register. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import type { DispatchBoard, TransferBoard, WallOverview } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { position } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { auditLog, eventLog, householdPrivate, households, quarantineSites } from '../../server/db/schema/index';
import { assignTransfer } from '../../server/modules/transfers/assign-transfer';
import { computeOverview } from '../../server/modules/wall/wall-overview';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import { distanceMetres } from '../../src/lib/domain/coordinates';

let app: App;
let cookie: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	cookie = (await signedIn(app, 'dispatcher')).cookie;
});
afterAll(async () => {
	await app.close();
});

const MIN = 60_000;
/**
 * A task made in the past, so that the vehicle's fixes since can be posted with their device times:
 * the operation itself, with a log that takes the event (the test app does not expose its own).
 */
const takesAll = { append: async (events: unknown[]) => events.map(() => 'appended' as const) } as unknown as EventLog;
const assignBackdated = (householdId: string, at: number) => assignTransfer({ ctx: { db: app.database.db, log: takesAll, actor: 'user:test', now: at }, input: { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', householdId } });
/** The polls below can spend the dispatcher's request budget; a 429 is only a reason to wait its Retry-After and ask again. */
async function patiently(path: string, init: RequestInit = {}): Promise<Response> {
	for (let attempt = 0; ; attempt++) {
		const response = await fetch(`${app.url}${path}`, { ...init, headers: { cookie, ...init.headers } });
		if (response.status !== 429 || attempt === 10) return response;
		await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
	}
}
const get = async <T>(path: string) => (await (await patiently(path)).json()) as T;
const post = (path: string, body?: unknown) => patiently(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('closed-loop transfers', () => {
	it('lists households on centralised quarantine awaiting a hotel, without their homes or full names', async () => {
		const board = await get<TransferBoard>('/api/transfers');
		expect(board.awaiting.length).toBeGreaterThan(0);
		expect(board.awaiting.every((each) => each.kind === 'household' && /^.\*+$/.test(each.nameMasked ?? '') && !/号/.test(each.label))).toBe(true);
		expect(board.hotels).toEqual([{ id: 'qs-chaisang-hotel', name: '柴桑区集中隔离点', beds: 120, occupied: 0, held: 0, free: 120 }]);
		expect(board.vehicles.map((vehicle) => vehicle.id)).toEqual(['transfer-1', 'transfer-2']);
	});

	it('refuses a task with a reason: a courier as transfer vehicle, two subjects, an unknown hotel', async () => {
		const { awaiting } = await get<TransferBoard>('/api/transfers');
		const householdId = awaiting[0].id;
		const courier = await post('/api/transfers', { vehicleId: 'courier-1', quarantineSiteId: 'qs-chaisang-hotel', householdId });
		expect([courier.status, (await courier.json()).error]).toEqual([404, 'vehicleId: no transfer vehicle "courier-1"']);
		const both = await post('/api/transfers', { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', householdId, returneeId: 'r-1' });
		expect([both.status, (await both.json()).error]).toEqual([400, 'body: name exactly one of householdId, returneeId and caseId']);
		const hotel = await post('/api/transfers', { vehicleId: 'transfer-1', quarantineSiteId: 'qs-nowhere', householdId });
		expect(hotel.status).toBe(404);
		expect((await get<TransferBoard>('/api/transfers')).hotels[0].held).toBe(0);
	});

	it('refuses a transfer for anyone not awaiting one, or already on an open task, and writes nothing', async () => {
		const { awaiting } = await get<TransferBoard>('/api/transfers');
		const waiting = new Set(awaiting.map((each) => each.id));
		const [atHome] = await app.database.db.select({ id: households.id }).from(households).where(eq(households.measure, 'none')).limit(1);
		expect(waiting.has(atHome.id)).toBe(false);
		const tasksBefore = (await get<TransferBoard>('/api/transfers')).tasks.length;
		const refused = await post('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: atHome.id });
		expect([refused.status, (await refused.json()).error]).toEqual([409, `household ${atHome.id} is not awaiting transfer (measure none); only households on centralised quarantine without a hotel can be transferred`]);
		const returnee = await post('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', returneeId: 'r-nobody' });
		expect(returnee.status).toBe(404);

		const first = await post('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: awaiting[0].id });
		expect(first.status).toBe(201);
		const { taskId } = (await first.json()) as { taskId: number };
		const twice = await post('/api/transfers', { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', householdId: awaiting[0].id });
		expect([twice.status, (await twice.json()).error]).toEqual([409, `transfer ${taskId} is already taking them`]);
		const after = await get<TransferBoard>('/api/transfers');
		expect(after.tasks.length).toBe(tasksBefore + 1);
		expect(after.hotels[0].held).toBe(awaiting[0].passengers);
		expect((await post(`/api/transfers/${taskId}/cancel`, { reason: '测试：撤回' })).status).toBe(200);
		const audit = await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'transfer.create'));
		expect(audit.filter((entry) => (entry.details as { householdId?: string } | null)?.householdId === atHome.id)).toHaveLength(0);
	});

	it('follows a transfer from pickup to the hotel, flags a stop on the way, and hands the household to the register', async () => {
		const { awaiting } = await get<TransferBoard>('/api/transfers');
		const household = awaiting[0];
		// Created 40 minutes ago, so that the vehicle's fixes since then can be posted with their device times.
		const startedAt = Date.now() - 40 * MIN;
		const { taskId } = await assignBackdated(household.id, startedAt);

		const second = await post('/api/transfers', { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', householdId: awaiting[1].id });
		expect([second.status, (await second.json()).error]).toEqual([409, `转运车1 is on transfer ${taskId}; close or cancel it first`]);
		const early = await post(`/api/transfers/${taskId}/handover`);
		expect([early.status, (await early.json()).error]).toEqual([409, 'the vehicle has not arrived at the hotel yet (still on its way to the pickup point); hand over on arrival']);

		const [home] = await app.database.db.select().from(householdPrivate).where(eq(householdPrivate.householdId, household.id));
		const [hotel] = await app.database.db.select().from(quarantineSites).where(eq(quarantineSites.id, 'qs-chaisang-hotel'));
		const pickup = { lat: home.lat!, lon: home.lon! };
		const along = (f: number) => ({ lat: pickup.lat + (hotel.lat - pickup.lat) * f, lon: pickup.lon + (hotel.lon - pickup.lon) * f });
		// Every 30 s: 4 minutes at the door, 10 minutes' drive with a 5-minute halt halfway, then parked at the hotel.
		const plan: { minute: number; at: { lat: number; lon: number } }[] = [];
		for (let m = 2; m <= 6; m += 0.5) plan.push({ minute: m, at: pickup });
		for (let m = 6.5; m < 11; m += 0.5) plan.push({ minute: m, at: along((m - 6) / 10) });
		for (let m = 11; m <= 16; m += 0.5) plan.push({ minute: m, at: along(0.5) });
		for (let m = 16.5; m < 22; m += 0.5) plan.push({ minute: m, at: along(Math.min(1, 0.5 + (m - 16) / 10)) });
		for (let m = 22; m <= 30; m += 0.5) plan.push({ minute: m, at: { lat: hotel.lat, lon: hotel.lon } });
		const events = plan.map(({ minute, at }) => position({ vehicleId: 'transfer-1', at: new Date(startedAt + minute * MIN).toISOString(), lat: at.lat, lon: at.lon }));
		expect((await postEvents(app, { events })).status).toBe(200);

		const task = await until(async () => {
			const fresh = (await get<TransferBoard>('/api/transfers')).tasks.find((each) => each.id === taskId);
			return fresh?.phase === 'arrived' && fresh;
		}, 'the fixes to be stored and the arrival seen');
		expect(task).toMatchObject({ status: 'open', passengers: household.passengers, pickupLabel: household.label, atPickupAt: new Date(startedAt + 2 * MIN).toISOString() });
		// Left the door at 6 minutes: seen at the first fix clear of the fence and its margin.
		expect(Date.parse(task.pickedUpAt!)).toBeGreaterThan(startedAt + 6 * MIN);
		expect(Date.parse(task.pickedUpAt!)).toBeLessThan(startedAt + 8 * MIN);
		expect(task.stopsOnTheWay).toHaveLength(1);
		expect(task.stopsOnTheWay[0].minutes).toBeGreaterThanOrEqual(5);
		expect((await get<TransferBoard>('/api/transfers')).hotels[0]).toMatchObject({ held: household.passengers, free: 120 - household.passengers });
		// The wall's 空床 is the same number: beds held for the transfer on its way are not free there either.
		expect((await computeOverview(app.database.db, null, Date.now())).quarantineSites.find((hotel) => hotel.id === 'qs-chaisang-hotel')).toMatchObject({ held: household.passengers, free: 120 - household.passengers });
		const vehicle = (await get<DispatchBoard>('/api/dispatch/board')).vehicles.find((each) => each.id === 'transfer-1');
		// At the hotel, but its task still open: the whole trip is shown at the household's village, with no place named.
		expect(vehicle).toMatchObject({ state: 'transfer', coarse: true, placeName: null });

		// The wall hears of the broken loop: the vehicle, where and how long, nothing of the household.
		const wall = (await get<WallOverview>('/api/wall/overview')).transferStops;
		expect(wall).toEqual([expect.objectContaining({ taskId, vehicleName: '转运车1', at: task.stopsOnTheWay[0].from, minutes: Math.round(task.stopsOnTheWay[0].minutes), lat: task.stopsOnTheWay[0].lat, lon: task.stopsOnTheWay[0].lon })]);

		const handover = await post(`/api/transfers/${taskId}/handover`);
		expect(handover.status).toBe(200);
		// The handover travels the event log with its actor, as device events do.
		const { eventId } = (await handover.json()) as { eventId: string };
		const [logged] = await app.database.db.select().from(eventLog).where(eq(eventLog.eventId, eventId));
		expect(logged.payload).toMatchObject({ type: 'transfer.handed_over', taskId, quarantineSiteId: 'qs-chaisang-hotel', passengers: household.passengers, actor: expect.stringMatching(/^user:/) });
		const [registered] = await app.database.db.select().from(households).where(eq(households.id, household.id));
		expect(registered).toMatchObject({ measure: 'centralised', quarantineSiteId: 'qs-chaisang-hotel' });
		const after = await get<TransferBoard>('/api/transfers');
		expect(after.hotels[0]).toMatchObject({ occupied: household.passengers, held: 0 });
		expect(after.awaiting.some((each) => each.id === household.id)).toBe(false);
		expect(after.tasks.find((each) => each.id === taskId)).toMatchObject({ status: 'handed_over', stopsOnTheWay: [{ minutes: task.stopsOnTheWay[0].minutes }] });
		const audit = await app.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'transfer.handover'), eq(auditLog.subject, `transfer:${taskId}`)));
		expect(audit).toHaveLength(1);
		expect((await post(`/api/transfers/${taskId}/handover`)).status).toBe(404);
	});

	it('cancels an open task only with a reason, and frees its beds', async () => {
		const { awaiting } = await get<TransferBoard>('/api/transfers');
		const created = await post('/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', householdId: awaiting[0].id });
		expect(created.status).toBe(201);
		const { taskId } = (await created.json()) as { taskId: number };
		expect((await get<TransferBoard>('/api/transfers')).hotels[0].held).toBe(awaiting[0].passengers);
		const bare = await post(`/api/transfers/${taskId}/cancel`, {});
		expect([bare.status, (await bare.json()).error]).toEqual([400, 'reason: reason is required: say why the transfer is cancelled']);
		expect((await post(`/api/transfers/${taskId}/cancel`, { reason: '家属核酸阳性，改派负压车' })).status).toBe(200);
		const after = await get<TransferBoard>('/api/transfers');
		expect(after.hotels[0].held).toBe(0);
		expect(after.awaiting.some((each) => each.id === awaiting[0].id)).toBe(true);
	});

	it('places a halt within 500 m of the home at the village, on the transfer board and on the wall, with its minutes', async () => {
		const { awaiting } = await get<TransferBoard>('/api/transfers');
		const household = awaiting[0];
		const startedAt = Date.now() - 9 * MIN;
		const { taskId } = await assignBackdated(household.id, startedAt);
		const [home] = await app.database.db.select().from(householdPrivate).where(eq(householdPrivate.householdId, household.id));
		const [hotel] = await app.database.db.select().from(quarantineSites).where(eq(quarantineSites.id, 'qs-chaisang-hotel'));
		const pickup = { lat: home.lat!, lon: home.lon! };
		const away = (metres: number) => {
			const f = metres / distanceMetres(pickup, hotel);
			return { lat: pickup.lat + (hotel.lat - pickup.lat) * f, lon: pickup.lon + (hotel.lon - pickup.lon) * f };
		};
		// Every 20 s: 2 minutes at the door, then a 4-minute halt 300 m down the road, then on to the hotel.
		const plan: { minute: number; at: { lat: number; lon: number } }[] = [];
		for (let m = 0.5; m <= 2.5; m += 1 / 3) plan.push({ minute: m, at: pickup });
		for (let m = 3; m <= 7; m += 1 / 3) plan.push({ minute: m, at: away(300) });
		for (const [m, metres] of [[7.5, 800], [8, 1500]]) plan.push({ minute: m, at: away(metres) });
		for (const m of [8.5, 8.7, 8.9]) plan.push({ minute: m, at: { lat: hotel.lat, lon: hotel.lon } });
		const events = plan.map(({ minute, at }) => position({ vehicleId: 'transfer-1', at: new Date(startedAt + minute * MIN).toISOString(), lat: at.lat, lon: at.lon }));
		expect((await postEvents(app, { events })).status).toBe(200);

		const polled = async <T>(path: string) => {
			const response = await patiently(path);
			return response.ok ? ((await response.json()) as T) : undefined;
		};
		const task = await until(async () => (await polled<TransferBoard>('/api/transfers'))?.tasks.find((each) => each.id === taskId && each.phase === 'arrived'), 'the arrival to be seen');
		expect(task.stopsOnTheWay).toHaveLength(1);
		const [halt] = task.stopsOnTheWay;
		expect(halt.minutes).toBeGreaterThanOrEqual(3);
		expect(halt.coarse).toBe(true);
		expect(distanceMetres(pickup, halt)).toBeGreaterThan(300);
		const wall = await until(async () => (await polled<WallOverview>('/api/wall/overview'))?.transferStops.find((stop) => stop.taskId === taskId), 'the halt on the wall', 15_000);
		expect(wall).toMatchObject({ lat: halt.lat, lon: halt.lon, coarse: true, minutes: Math.round(halt.minutes) });
		expect((await post(`/api/transfers/${taskId}/handover`)).status).toBe(200);
		expect((await get<TransferBoard>('/api/transfers')).tasks.find((each) => each.id === taskId)?.stopsOnTheWay).toEqual([expect.objectContaining({ lat: halt.lat, lon: halt.lon, coarse: true })]);
	});
});
