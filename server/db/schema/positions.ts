import { doublePrecision, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Position history, WGS-84, with the raw reading kept for audit. Late fixes are stored too.
 * Append-only and partitioned by day (China time) in migration 0003, so a day's history is one
 * table to scan or drop; the key includes the time because a partitioned table's key must.
 * server/db/position-partitions.ts creates the days ahead. The latest fix per vehicle is in
 * vehicle_latest.
 *
 * Since 0017 a courier.position is stored here only, one row: everything the device sent is in
 * it (device, accuracy, the raw reading), so device_events keeps every other kind of event and no
 * copy of a fix. One key serves both what needs one: (vehicle, time) is a track's range scan, and
 * the event id after them keeps a replayed fix from being stored twice (an id stands for its
 * content, server/pipeline/README.md, so a resent fix has the same vehicle and time).
 */
export const positions = pgTable(
	'positions',
	{
		eventId: text('event_id').notNull(),
		vehicleId: text('vehicle_id').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		lat: doublePrecision('lat').notNull(),
		lon: doublePrecision('lon').notNull(),
		speedKmh: doublePrecision('speed_kmh'),
		heading: doublePrecision('heading'),
		rawCrs: text('raw_crs').notNull(),
		rawLat: doublePrecision('raw_lat').notNull(),
		rawLon: doublePrecision('raw_lon').notNull(),
		/** The device that sent the fix; null only for a fix stored before 0017 whose device event was gone. */
		deviceId: text('device_id'),
		accuracyM: doublePrecision('accuracy_m')
	},
	(table) => [primaryKey({ name: 'positions_pkey', columns: [table.vehicleId, table.at, table.eventId] })]
);
