import { doublePrecision, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The newest fix of each vehicle by device time; restores the live map after a restart. */
export const vehicleLatest = pgTable('vehicle_latest', {
	vehicleId: text('vehicle_id').primaryKey(),
	at: timestamp('at', { withTimezone: true }).notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	speedKmh: doublePrecision('speed_kmh'),
	heading: doublePrecision('heading')
});
