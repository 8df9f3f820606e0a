import { doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Centralised quarantine sites (集中隔离点, designated hotels) with their beds. */
export const quarantineSites = pgTable('quarantine_sites', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	beds: integer('beds').notNull(),
	occupied: integer('occupied').notNull().default(0)
});
