import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { ensurePositionPartitions, positionPartitionName } from '../../server/db/position-partitions';
import { serviceDay } from '../../src/lib/domain/service-day';
import { deviceEvents, positions, sampleBoxes, siteStatus, vehicleLatest } from '../../server/db/schema/index';
import { MemoryDeltaBus, MemoryLiveStore } from '../../server/live/memory-live';
import { loadRegistry } from '../../server/modules/registry/load-registry';
import { persistBatch } from '../../server/pipeline/persistence';
import { countStoredEvents, storedEventIds } from '../../server/pipeline/stored-events';
import { Projector } from '../../server/pipeline/projector';
import type { KpiEntity, SiteEntity, VehicleEntity } from '../../src/lib/protocol/index';
import { until } from '../fixtures/wait';
import { backends, type Stack } from '../fixtures/backends';
import { box, normalized, position, queue } from '../fixtures/events';

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const entries = (...events: ReturnType<typeof normalized>[]) => events.map((event, index) => ({ logId: String(index + 1), event }));


describe.each(backends('persistence'))('persistence ($name)', (backend) => {
	let stack: Stack;
	beforeEach(async () => {
		stack = await backend.open();
	});
	afterEach(async () => {
		await stack.teardown();
	});

	const rows = async () => {
		const { db } = stack.database;
		const [events] = await db.select({ n: count() }).from(deviceEvents);
		const [fixes] = await db.select({ n: count() }).from(positions);
		const [boxes] = await db.select({ n: count() }).from(sampleBoxes);
		return { events: events.n, fixes: fixes.n, boxes: boxes.n };
	};

	it('writes a batch twice as once: idempotent on event id and box id', async () => {
		const batch = entries(normalized(position({ at: ago(5) })), normalized(queue({ at: ago(5) })), normalized(box({ at: ago(5) })));
		await persistBatch(stack.database.db, batch);
		await persistBatch(stack.database.db, batch);
		// The position is a row of positions only; the queue reading and the box are device events.
		expect(await rows()).toEqual({ events: 2, fixes: 1, boxes: 1 });
		expect(await countStoredEvents(stack.database.db)).toBe(3);
	});

	it('writes a fresh batch by COPY on Postgres, and its replay, refused by COPY, the idempotent way (PGlite always so): stored once', async () => {
		const fixes = [position({ at: ago(6) }), position({ at: ago(5), vehicleId: 'courier-2' })].map(normalized);
		const batch = entries(...fixes, normalized(queue({ at: ago(5) })), normalized(box({ at: ago(5) })));
		const postgres = stack.database.kind === 'postgres';
		expect(await persistBatch(stack.database.db, batch)).toBe(postgres ? 'copy' : 'idempotent');
		expect(await persistBatch(stack.database.db, batch)).toBe('idempotent');
		// A batch of stored and new events is refused whole by COPY and written whole the other way.
		const later = normalized(position({ at: ago(1) }));
		expect(await persistBatch(stack.database.db, entries(later, ...fixes))).toBe('idempotent');
		expect(await rows()).toEqual({ events: 2, fixes: 3, boxes: 1 });
		const latest = await stack.database.db.select().from(vehicleLatest);
		expect(Object.fromEntries(latest.map((row) => [row.vehicleId, row.at.toISOString()]))).toEqual({ 'courier-1': new Date(later.at).toISOString(), 'courier-2': new Date(fixes[1].at).toISOString() });
		expect(await persistBatch(stack.database.db, entries())).toBe('none');
	});

	it('keeps a position as one row holding all its device sent: the device, the accuracy, the raw reading', async () => {
		const fix = normalized(position({ at: ago(3), lat: 29.65, lon: 115.85, crs: 'gcj02', accuracyM: 12 }));
		await persistBatch(stack.database.db, entries(fix));
		const [row] = await stack.database.db.select().from(positions).where(eq(positions.eventId, fix.id));
		expect(row).toMatchObject({ vehicleId: 'courier-1', deviceId: 'phone-courier-1', accuracyM: 12, rawCrs: 'gcj02', rawLat: 29.65, rawLon: 115.85, speedKmh: 30, heading: 90 });
		expect(row.lat).not.toBe(29.65);
		expect(await stack.database.db.select().from(deviceEvents).where(eq(deviceEvents.id, fix.id))).toEqual([]);
	});

	it('stores only the new fixes of a replay that regroups stored and unstored ones', async () => {
		const [a, b, c] = [position({ at: ago(9) }), position({ at: ago(8), vehicleId: 'courier-2' }), position({ at: ago(7) })].map(normalized);
		await persistBatch(stack.database.db, entries(a, b));
		await persistBatch(stack.database.db, entries(b, c, a, c));
		expect((await storedEventIds(stack.database.db, [a.id, b.id, c.id])).sort()).toEqual([a.id, b.id, c.id].sort());
		expect((await rows()).fixes).toBe(3);
	});

	it('stores today\'s fixes in today\'s partition of the history, and a fix of a day without one in the default partition', async () => {
		await ensurePositionPartitions(stack.database.db, Date.now());
		await persistBatch(stack.database.db, entries(normalized(position({ at: ago(1) })), normalized(position({ at: ago(40 * 24 * 3600) }))));
		// PGlite answers { rows }, postgres-js an array of rows.
		const countOf = async (table: string) => {
			const result = (await stack.database.db.execute(sql.raw(`select count(*)::int as n from "${table}"`))) as unknown as { rows?: { n: number }[] } & { n: number }[];
			return (result.rows ?? result)[0].n;
		};
		expect(await countOf(positionPartitionName(serviceDay(Date.now() - 1000)))).toBe(1);
		expect(await countOf('positions_default')).toBe(1);
		expect((await rows()).fixes).toBe(2);
	});

	it('keeps a late fix in the history but never moves the latest position back', async () => {
		await persistBatch(stack.database.db, entries(normalized(position({ at: ago(1), lat: 29.61 }))));
		await persistBatch(stack.database.db, entries(normalized(position({ at: ago(60), lat: 29.5 }))));
		const [latest] = await stack.database.db.select().from(vehicleLatest).where(eq(vehicleLatest.vehicleId, 'courier-1'));
		expect(latest.lat).toBe(29.61);
		expect((await rows()).fixes).toBe(2);
	});

	it('keeps the newest queue reading per site by device time', async () => {
		await persistBatch(stack.database.db, entries(normalized(queue({ at: ago(2), queueLength: 50 })), normalized(queue({ at: ago(9), queueLength: 5 }))));
		await persistBatch(stack.database.db, entries(normalized(queue({ at: ago(30), queueLength: 1 }))));
		const [status] = await stack.database.db.select().from(siteStatus).where(eq(siteStatus.siteId, 'site-baifan'));
		expect(status.queueLength).toBe(50);
	});

	it('projects logged events into the live store, persists them, and after a restart counts a replayed box once', async () => {
		const registry = await loadRegistry({ db: stack.database.db });
		const store = new MemoryLiveStore();
		const projector = new Projector({ log: stack.log, db: stack.database.db, store, bus: new MemoryDeltaBus(), registry, tickMs: 50 });
		await projector.start();
		const sealed = normalized(box({ at: ago(10), tubes: 12, people: 120 }));
		await stack.log.append([normalized(queue({ at: ago(3), queueLength: 33 })), normalized(position({ at: ago(2), lat: 29.62, lon: 115.84 })), sealed]);

		const site = await until(async () => {
			const found = ((await store.snapshot('sites')).entities as SiteEntity[]).find((each) => each.id === 'site-baifan');
			return found && found.queueLength === 33 && found.tubesToday === 12 ? found : undefined;
		}, 'the site in the live store');
		expect(site.boxesToday).toBe(1);
		const vehicle = ((await store.snapshot('vehicles')).entities as VehicleEntity[]).find((each) => each.id === 'courier-1')!;
		expect(vehicle).toMatchObject({ lat: 29.62, lon: 115.84 });
		await until(async () => ((await rows()).boxes === 1 && projector.status.unpersisted === 0 ? true : undefined), 'persistence');
		await projector.stop();

		// A new process: the state comes back from the database, and the same box resent counts once.
		const restartedStore = new MemoryLiveStore();
		const restarted = new Projector({ log: stack.reopenLog(), db: stack.database.db, store: restartedStore, bus: new MemoryDeltaBus(), registry, tickMs: 50 });
		await restarted.start();
		const kpi = (await restartedStore.snapshot('kpis')).entities[0] as KpiEntity;
		expect(kpi).toMatchObject({ tubesToday: 12, peopleQueueing: 33 });
		await stack.log.append([normalized({ ...box({ at: sealed.at }), boxId: (sealed as { boxId: string }).boxId, tubes: 12, people: 120 })]);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(((await restartedStore.snapshot('kpis')).entities[0] as KpiEntity).tubesToday).toBe(12);
		await restarted.stop();
	});
});
