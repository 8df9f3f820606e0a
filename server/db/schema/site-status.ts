import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The newest queue reading of each site by device time. */
export const siteStatus = pgTable('site_status', {
	siteId: text('site_id').primaryKey(),
	queueLength: integer('queue_length').notNull(),
	queueAt: timestamp('queue_at', { withTimezone: true }).notNull()
});
