import { doublePrecision, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Position history, WGS-84, with the raw reading kept for audit. Late fixes are stored too.
 * Append-only and partitioned by day (China time) in migration 0003, so a day's history is one
 * table to scan or drop; the key includes the time because a partitioned table's key must.
 * server/db/position-partitions.ts creates the days ahead. The latest fix per vehicle is in
 * vehicle_latest.
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
		rawLon: doublePrecision('raw_lon').notNull()
	},
	(table) => [primaryKey({ name: 'positions_pkey', columns: [table.eventId, table.at] }), index('positions_vehicle_at_idx').on(table.vehicleId, table.at)]
);
