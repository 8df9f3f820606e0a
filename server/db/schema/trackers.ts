import { doublePrecision, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * GPS trackers speaking the OsmAnd protocol (the Traccar Client app): the app sends only its
 * device id, so an id counts only once an admin has registered it to a vehicle.
 */
export const trackers = pgTable('trackers', {
	id: text('id').primaryKey(),
	vehicleId: text('vehicle_id').notNull(),
	registeredBy: text('registered_by').notNull(),
	registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow()
});

/** Ids that sent positions before anyone registered them, listed for an admin to register or ignore. */
export const unknownTrackers = pgTable('unknown_trackers', {
	id: text('id').primaryKey(),
	firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
	lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
	attempts: integer('attempts').notNull().default(1),
	lastLat: doublePrecision('last_lat'),
	lastLon: doublePrecision('last_lon')
});
