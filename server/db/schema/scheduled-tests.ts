import { index, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Tests due during quarantine: within 24 h of arrival, then day 7 and day 14, per case. A result
 * comes from the lab (a pool result of the person's own tube, box_id + tube) or is recorded by
 * an officer (result_source, recorded_by).
 */
export const scheduledTests = pgTable(
	'scheduled_tests',
	{
		id: serial('id').primaryKey(),
		caseId: text('case_id'),
		householdId: text('household_id'),
		personId: text('person_id'),
		kind: text('kind', { enum: ['arrival_24h', 'day_7', 'day_14', 'extra'] }).notNull(),
		dueDate: text('due_date').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		result: text('result', { enum: ['negative', 'positive', 'pending'] }),
		resultSource: text('result_source', { enum: ['lab', 'officer'] }),
		recordedBy: text('recorded_by'),
		recordedAt: timestamp('recorded_at', { withTimezone: true }),
		/** The single-person tube (1:1) the sample went into, when it went to a lab. */
		boxId: text('box_id'),
		tube: text('tube')
	},
	(table) => [
		index('scheduled_tests_due_idx').on(table.dueDate),
		uniqueIndex('scheduled_tests_case_kind_due_idx').on(table.caseId, table.kind, table.dueDate),
		index('scheduled_tests_tube_idx').on(table.boxId, table.tube)
	]
);
