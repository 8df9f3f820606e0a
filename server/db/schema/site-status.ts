import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The newest queue reading of each site by device time. */
export const siteStatus = pgTable('site_status', {
	siteId: text('site_id').primaryKey(),
	queueLength: integer('queue_length').notNull(),
	queueAt: timestamp('queue_at', { withTimezone: true }).notNull(),
	/**
	 * People sampled at the site on the service day of sampledAt, as its tablet last counted them
	 * (null: its tablet does not count). A newer reading without a count keeps the last one.
	 */
	sampledToday: integer('sampled_today'),
	sampledAt: timestamp('sampled_at', { withTimezone: true })
});
