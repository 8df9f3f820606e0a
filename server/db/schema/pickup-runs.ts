import { jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Pickup runs a dispatcher accepted (a suggestion as it was, or edited): which courier collects
 * which sites in which order and delivers to which lab. The courier's page shows its open run.
 */
export const pickupRuns = pgTable('pickup_runs', {
	id: serial('id').primaryKey(),
	courierId: text('courier_id').notNull(),
	siteIds: jsonb('site_ids').$type<string[]>().notNull(),
	labId: text('lab_id').notNull(),
	acceptedBy: text('accepted_by').notNull(),
	acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull(),
	status: text('status', { enum: ['open', 'done', 'cancelled'] }).notNull().default('open'),
	closedAt: timestamp('closed_at', { withTimezone: true })
});
