import { jsonb, pgTable, serial, text, timestamp, index } from 'drizzle-orm/pg-core';
import type { DailyReport, ReportChange } from '../../../src/lib/domain/daily-report';

/**
 * The 24:00 daily report (日报) of each service day, locked at 24:00 China time as it stood: the
 * original is never rewritten. A late correction is an amendment row.
 */
export const dailyReports = pgTable('daily_reports', {
	day: text('day').primaryKey(),
	report: jsonb('report').$type<DailyReport>().notNull(),
	lockedAt: timestamp('locked_at', { withTimezone: true }).notNull(),
	lockedBy: text('locked_by').notNull(),
	eventId: text('event_id').notNull()
});

/** A recorded correction of a locked day's report: who, when, why, what changed, and the report as it makes it. */
export const reportAmendments = pgTable(
	'report_amendments',
	{
		id: serial('id').primaryKey(),
		day: text('day').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		by: text('by').notNull(),
		reason: text('reason').notNull(),
		changes: jsonb('changes').$type<ReportChange[]>().notNull(),
		report: jsonb('report').$type<DailyReport>().notNull(),
		eventId: text('event_id').notNull()
	},
	(table) => [index('report_amendments_day_idx').on(table.day, table.at)]
);
