import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Each lab's daily report (日报): tubes received and tested on a service day. Backlog = received − tested. */
export const labCounters = pgTable(
	'lab_counters',
	{
		labId: text('lab_id').notNull(),
		day: text('day').notNull(),
		receivedTubes: integer('received_tubes').notNull().default(0),
		testedTubes: integer('tested_tubes').notNull().default(0),
		/** Device time of the newest report, and of the first report with tubes tested: today's testing rate. */
		reportedAt: timestamp('reported_at', { withTimezone: true }),
		firstTestedAt: timestamp('first_tested_at', { withTimezone: true })
	},
	(table) => [primaryKey({ columns: [table.labId, table.day] })]
);
