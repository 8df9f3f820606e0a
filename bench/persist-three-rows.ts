/**
 * The write of positions as it was up to migration 0016, kept to measure against: each
 * courier.position as three rows (device_events with the whole event as jsonb, positions,
 * vehicle_latest), each by INSERT … SELECT FROM unnest, and queue readings by Drizzle's multi-row
 * upsert (500 a statement), as then. The rest of the batch goes through the real persistBatch in
 * the same transaction. bench/persist.ts gives its database 0016's keys on
 * positions back (restoreThreeRowKeys) so that the comparison is of the whole old way.
 */
import { sql, type SQL } from 'drizzle-orm';
import { siteStatus } from '../server/db/schema/index';
import type { Db } from '../server/db/client';
import type { LogEntry, NormalizedEvent, NormalizedPosition } from '../server/pipeline/normalized-event';
import { persistBatch } from '../server/pipeline/persistence';
import type { UnnestColumn } from '../server/pipeline/unnest-insert';

/** unnest-insert.ts as it was: every column a text[] parameter, serialised by the driver. */
async function insertUnnest<R>(tx: { execute: (query: SQL) => Promise<unknown> }, table: string, columns: UnnestColumn<R>[], rows: R[], conflict = 'do nothing'): Promise<void> {
	if (rows.length === 0) return;
	const arrays = columns.map((column) => sql`${sql.param(rows.map((row) => { const value = column.value(row); return value === null ? null : String(value); }))}::text[]`);
	const names = sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
	const casts = sql.raw(columns.map((column, index) => `c${index}::${column.type}`).join(', '));
	const aliases = sql.raw(columns.map((_, index) => `c${index}`).join(', '));
	await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${names}) select ${casts} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases}) on conflict ${sql.raw(conflict)}`);
}

const DEVICE_EVENT_COLUMNS: UnnestColumn<NormalizedEvent>[] = [
	{ name: 'id', type: 'text', value: (event) => event.id },
	{ name: 'type', type: 'text', value: (event) => event.type },
	{ name: 'device_id', type: 'text', value: (event) => event.deviceId },
	{ name: 'at', type: 'timestamptz', value: (event) => event.at },
	{ name: 'payload', type: 'jsonb', value: (event) => JSON.stringify(event) }
];

const POSITION_COLUMNS: UnnestColumn<NormalizedPosition>[] = [
	{ name: 'event_id', type: 'text', value: (fix) => fix.id },
	{ name: 'vehicle_id', type: 'text', value: (fix) => fix.vehicleId },
	{ name: 'at', type: 'timestamptz', value: (fix) => fix.at },
	{ name: 'lat', type: 'float8', value: (fix) => fix.lat },
	{ name: 'lon', type: 'float8', value: (fix) => fix.lon },
	{ name: 'speed_kmh', type: 'float8', value: (fix) => fix.speedKmh ?? null },
	{ name: 'heading', type: 'float8', value: (fix) => fix.heading ?? null },
	{ name: 'raw_crs', type: 'text', value: (fix) => fix.raw.crs },
	{ name: 'raw_lat', type: 'float8', value: (fix) => fix.raw.lat },
	{ name: 'raw_lon', type: 'float8', value: (fix) => fix.raw.lon }
];

const LATEST_FIX_COLUMNS: UnnestColumn<NormalizedPosition>[] = [
	{ name: 'vehicle_id', type: 'text', value: (fix) => fix.vehicleId },
	{ name: 'at', type: 'timestamptz', value: (fix) => fix.at },
	{ name: 'lat', type: 'float8', value: (fix) => fix.lat },
	{ name: 'lon', type: 'float8', value: (fix) => fix.lon },
	{ name: 'speed_kmh', type: 'float8', value: (fix) => fix.speedKmh ?? null },
	{ name: 'heading', type: 'float8', value: (fix) => fix.heading ?? null }
];

type QueueReading = Extract<NormalizedEvent, { type: 'site.queue' }>;

function newestBy<T extends { at: string }>(items: T[], key: (item: T) => string): T[] {
	const newest = new Map<string, T>();
	for (const item of items) {
		const current = newest.get(key(item));
		if (!current || Date.parse(item.at) > Date.parse(current.at)) newest.set(key(item), item);
	}
	return [...newest.values()];
}

/** Positions and queue readings as 0016 wrote them; the rest of the batch by today's persistBatch. */
export async function persistBatchThreeRows(db: Db, entries: LogEntry[]): Promise<void> {
	const byId = new Map<string, NormalizedEvent>();
	for (const { event } of entries) if ((event.type === 'courier.position' || event.type === 'site.queue') && !byId.has(event.id)) byId.set(event.id, event as NormalizedEvent);
	const fixes = [...byId.values()].filter((event): event is NormalizedPosition => event.type === 'courier.position');
	const queues = newestBy([...byId.values()].filter((event): event is QueueReading => event.type === 'site.queue'), (queue) => queue.siteId);
	const newest = new Map(newestBy(fixes, (fix) => fix.vehicleId).map((fix) => [fix.vehicleId, fix]));
	await db.transaction(async (tx) => {
		await insertUnnest(tx, 'device_events', DEVICE_EVENT_COLUMNS, [...byId.values()]);
		await insertUnnest(tx, 'positions', POSITION_COLUMNS, fixes);
		await insertUnnest(
			tx,
			'vehicle_latest',
			LATEST_FIX_COLUMNS,
			[...newest.values()],
			'(vehicle_id) do update set at = excluded.at, lat = excluded.lat, lon = excluded.lon, speed_kmh = excluded.speed_kmh, heading = excluded.heading where vehicle_latest.at < excluded.at'
		);
		for (let start = 0; start < queues.length; start += 500) {
			await tx
				.insert(siteStatus)
				.values(queues.slice(start, start + 500).map((queue) => ({ siteId: queue.siteId, queueLength: queue.queueLength, queueAt: new Date(queue.at), sampledToday: queue.sampledToday ?? null, sampledAt: queue.sampledToday === undefined ? null : new Date(queue.at) })))
				.onConflictDoUpdate({
					target: siteStatus.siteId,
					set: { queueLength: sql`excluded.queue_length`, queueAt: sql`excluded.queue_at`, sampledToday: sql`coalesce(excluded.sampled_today, ${siteStatus.sampledToday})`, sampledAt: sql`coalesce(excluded.sampled_at, ${siteStatus.sampledAt})` },
					setWhere: sql`${siteStatus.queueAt} < excluded.queue_at`
				});
		}
		await persistBatch(
			tx as unknown as Db,
			entries.filter((entry) => entry.event.type !== 'courier.position' && entry.event.type !== 'site.queue')
		);
	});
}

/** Migration 0016's keys on positions, for the old way's database. */
export async function restoreThreeRowKeys(db: Db): Promise<void> {
	await db.execute(sql.raw('alter table "positions" drop constraint "positions_pkey"'));
	await db.execute(sql.raw('alter table "positions" add constraint "positions_pkey" primary key ("event_id", "at")'));
	await db.execute(sql.raw('create index "positions_vehicle_at_idx" on "positions" using btree ("vehicle_id", "at")'));
	await db.execute(sql.raw('alter table "vehicle_latest" reset (fillfactor)'));
}
