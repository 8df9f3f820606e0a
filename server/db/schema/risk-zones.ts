import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sealed (封控区), controlled (管控区) and precaution (防范区) areas; the polygon is GeoJSON in
 * WGS-84. Redrawn in place (updated_*); lifted (解封) by setting lifted_* and ends_at, never deleted.
 */
export const riskZones = pgTable('risk_zones', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	level: text('level', { enum: ['sealed', 'controlled', 'precaution'] }).notNull(),
	regionId: text('region_id'),
	polygon: jsonb('polygon').notNull(),
	startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
	endsAt: timestamp('ends_at', { withTimezone: true }),
	createdBy: text('created_by'),
	updatedAt: timestamp('updated_at', { withTimezone: true }),
	updatedBy: text('updated_by'),
	liftedAt: timestamp('lifted_at', { withTimezone: true }),
	liftedBy: text('lifted_by'),
	liftReason: text('lift_reason')
});
