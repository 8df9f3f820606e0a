/**
 * The hot path of persistence: a batch's courier positions, one row each in positions (nothing in
 * device_events: the row holds all the device sent), and the newest fix of each vehicle in
 * vehicle_latest. bench/persist.ts measures it against the three rows a fix took up to 0017.
 *
 * Two ways, one per backend and case (persistence.ts chooses):
 * - copy (Postgres, first try): positions by COPY straight into the table, which refuses a fix
 *   already stored (positions' key), so the batch is then redone the other way; the newest fixes
 *   by COPY into a temporary table and one UPDATE … FROM it (plus an INSERT of vehicles not yet
 *   there). Measured, backend CPU per 10,000 vehicles: the upsert below 45 ms, UPDATE … FROM
 *   unnest 60 ms, COPY + UPDATE 29 ms (an upsert locks each row before updating it, a WAL record
 *   more; the unnest's parsing goes too).
 * - idempotent (PGlite always; Postgres for a refused batch): INSERT … SELECT FROM unnest
 *   (unnest-insert.ts), ON CONFLICT DO NOTHING on positions' key, so a replayed fix is not stored
 *   twice, and an upsert of vehicle_latest in vehicle order.
 */
import type { NormalizedPosition } from './normalized-event';
import { insertUnnest, type UnnestColumn } from './unnest-insert';
import { copyInto, type copyClient } from './copy-insert';

type Tx = Parameters<typeof insertUnnest>[0];

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
	{ name: 'raw_lon', type: 'float8', value: (fix) => fix.raw.lon },
	{ name: 'device_id', type: 'text', value: (fix) => fix.deviceId },
	{ name: 'accuracy_m', type: 'float8', value: (fix) => fix.accuracyM ?? null }
];

const LATEST_FIX_COLUMNS: UnnestColumn<NormalizedPosition>[] = [
	{ name: 'vehicle_id', type: 'text', value: (fix) => fix.vehicleId },
	{ name: 'at', type: 'timestamptz', value: (fix) => fix.at },
	{ name: 'lat', type: 'float8', value: (fix) => fix.lat },
	{ name: 'lon', type: 'float8', value: (fix) => fix.lon },
	{ name: 'speed_kmh', type: 'float8', value: (fix) => fix.speedKmh ?? null },
	{ name: 'heading', type: 'float8', value: (fix) => fix.heading ?? null }
];

/** The latest fix per vehicle moves only forward in device time; one statement for the whole fleet. */
const LATEST_CONFLICT = '(vehicle_id) do update set at = excluded.at, lat = excluded.lat, lon = excluded.lon, speed_kmh = excluded.speed_kmh, heading = excluded.heading where vehicle_latest.at < excluded.at';

/**
 * The batch's newest fixes, then each applied where newer. A temporary table of the session
 * (the persister's connection), emptied at every commit. Two writers at once (an old and a new
 * projector during a handover) update in the same order, the plan's; a deadlock or any other
 * failure sends the batch to the idempotent way.
 */
const LATEST_BATCH = 'create temp table if not exists vehicle_latest_batch (like vehicle_latest) on commit delete rows';
const LATEST_UPDATE = 'update vehicle_latest set at = b.at, lat = b.lat, lon = b.lon, speed_kmh = b.speed_kmh, heading = b.heading from vehicle_latest_batch b where vehicle_latest.vehicle_id = b.vehicle_id and vehicle_latest.at < b.at';
const LATEST_NEW = `insert into vehicle_latest select * from vehicle_latest_batch b where not exists (select 1 from vehicle_latest v where v.vehicle_id = b.vehicle_id) order by b.vehicle_id on conflict ${LATEST_CONFLICT}`;

/**
 * fixes: each id once; latest: the newest of fixes per vehicle; copy: the transaction's client to
 * COPY with, or null (the idempotent way). On the copy way the temporary table's creation goes
 * ahead of its COPY, and the UPDATE and INSERT together, without waiting for each (postgres.js
 * pipelines them on the transaction's connection): round trips are what a busy machine makes dear.
 */
export async function writePositions(tx: Tx, fixes: NormalizedPosition[], latest: NormalizedPosition[], copy: ReturnType<typeof copyClient> = null): Promise<void> {
	if (copy) {
		await copyInto(copy, 'positions', POSITION_COLUMNS, fixes);
		if (latest.length === 0) return;
		// Queries are lazy in postgres.js: execute() sends each now, ahead of what follows.
		await Promise.all([copy.unsafe(LATEST_BATCH).execute(), copyInto(copy, 'vehicle_latest_batch', LATEST_FIX_COLUMNS, latest)]);
		await Promise.all([copy.unsafe(LATEST_UPDATE).execute(), copy.unsafe(LATEST_NEW).execute()]);
		return;
	}
	await insertUnnest(tx, 'positions', POSITION_COLUMNS, fixes);
	// In vehicle order, so that two writers (an old and a new projector during a handover) lock rows alike.
	await insertUnnest(tx, 'vehicle_latest', LATEST_FIX_COLUMNS, [...latest].sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : a.vehicleId > b.vehicleId ? 1 : 0)), LATEST_CONFLICT);
}
