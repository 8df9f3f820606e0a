import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Alerts people handle: each derived alert (src/lib/domain/alerts.ts) raised as a record, then
 * acknowledged (who, when, a note), escalated to the command centre when nobody acknowledged it in
 * time, and closed when its condition clears. A condition that returns is a new record. Subjects
 * name sites, vehicles, labs, villages and tasks, never a person.
 */
export const alertRecords = pgTable(
	'alert_records',
	{
		id: serial('id').primaryKey(),
		alertId: text('alert_id').notNull(),
		kind: text('kind').notNull(),
		severity: text('severity', { enum: ['critical', 'warning'] }).notNull(),
		subject: text('subject').notNull(),
		townshipId: text('township_id'),
		/** The alert's text when raised, { zh, en }, for the history page. */
		title: jsonb('title').$type<{ zh: string; en: string }>(),
		/** Service day (China time) of raisedAt, for the history filter. */
		day: text('day').notNull(),
		raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
		escalatedAt: timestamp('escalated_at', { withTimezone: true }),
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
		acknowledgedBy: text('acknowledged_by'),
		note: text('note'),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(table) => [
		// One open record per alert: raising twice is idempotent.
		uniqueIndex('alert_records_open_idx').on(table.alertId).where(sql`${table.closedAt} is null`),
		index('alert_records_day_idx').on(table.day, table.kind)
	]
);
