import { index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Tests due during quarantine: within 24 h of arrival, then day 7 and day 14. */
export const scheduledTests = pgTable(
	'scheduled_tests',
	{
		id: serial('id').primaryKey(),
		householdId: text('household_id').notNull(),
		personId: text('person_id'),
		kind: text('kind', { enum: ['arrival_24h', 'day_7', 'day_14'] }).notNull(),
		dueDate: text('due_date').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		result: text('result', { enum: ['negative', 'positive', 'pending'] })
	},
	(table) => [index('scheduled_tests_due_idx').on(table.dueDate)]
);
