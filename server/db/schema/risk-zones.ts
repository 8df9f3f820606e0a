import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Sealed (封控区), controlled (管控区) and precaution (防范区) areas; the polygon is GeoJSON in WGS-84. */
export const riskZones = pgTable('risk_zones', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	level: text('level', { enum: ['sealed', 'controlled', 'precaution'] }).notNull(),
	regionId: text('region_id'),
	polygon: jsonb('polygon').notNull(),
	startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
	endsAt: timestamp('ends_at', { withTimezone: true })
});
