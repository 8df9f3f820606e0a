import { doublePrecision, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Position history, WGS-84, with the raw reading kept for audit. Late fixes are stored too. */
export const positions = pgTable(
	'positions',
	{
		eventId: text('event_id').primaryKey(),
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
	(table) => [index('positions_vehicle_at_idx').on(table.vehicleId, table.at)]
);
