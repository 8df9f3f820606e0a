import { doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Sampling sites (采样点). The id is the site's code in the ledger. */
export const sites = pgTable('sites', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	kind: text('kind', { enum: ['fixed', 'mobile_van', 'temporary', 'fever_clinic_24h', 'door_to_door'] }).notNull().default('fixed'),
	townshipId: text('township_id').notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	desks: integer('desks').notNull(),
	pooling: text('pooling', { enum: ['1:1', 'household', '10:1', '20:1'] }).notNull(),
	status: text('status', { enum: ['open', 'busy', 'paused', 'closed'] }).notNull().default('open'),
	/** Local opening hours, HH:MM (China time); a 24-hour site opens 00:00 and closes 24:00. */
	opensAt: text('opens_at').notNull().default('08:00'),
	closesAt: text('closes_at').notNull().default('12:00')
});
