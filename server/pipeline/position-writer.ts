/**
 * The hot path of persistence: a batch's courier positions, one row each in positions (nothing in
 * device_events: the row holds all the device sent), and the newest fix of each vehicle in
 * vehicle_latest. bench/persist.ts measures it against the three rows a fix took up to 0017.
 *
 * Both by INSERT … SELECT FROM unnest (unnest-insert.ts), ON CONFLICT DO NOTHING on positions'
 * key, so a replayed fix is not stored twice. COPY was weighed and left out: measured here it
 * saved nothing on the server (the time goes to the heap, the key and vehicle_latest's updates,
 * not to parsing), it has no ON CONFLICT (a staging table and a second INSERT are needed), and
 * postgres.js 3.4.9 never settles a COPY's stream when the COPY fails after its end (an error or
 * a dropped connection then hangs the persister).
 */
import type { NormalizedPosition } from './normalized-event';
import { insertUnnest, type UnnestColumn } from './unnest-insert';

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

/** fixes: each id once; latest: the newest of fixes per vehicle. */
export async function writePositions(tx: Tx, fixes: NormalizedPosition[], latest: NormalizedPosition[]): Promise<void> {
	await insertUnnest(tx, 'positions', POSITION_COLUMNS, fixes);
	// In vehicle order, so that two writers (an old and a new projector during a handover) lock rows alike.
	await insertUnnest(tx, 'vehicle_latest', LATEST_FIX_COLUMNS, [...latest].sort((a, b) => (a.vehicleId < b.vehicleId ? -1 : a.vehicleId > b.vehicleId ? 1 : 0)), LATEST_CONFLICT);
}
