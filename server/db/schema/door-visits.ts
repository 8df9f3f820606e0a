import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Door-to-door sampling (上门采样) of one roster member: someone who cannot come to a site, or the
 * single-tube re-test (单采复核) of a member of a positive pool's household. Grouped into routes
 * for a mobile team (route, stop order), shown on the officers' phones and the dispatch map at
 * village level. No name or home here: the member code, the household and the village.
 */
export const doorVisits = pgTable(
	'door_visits',
	{
		id: serial('id').primaryKey(),
		day: text('day').notNull(),
		memberCode: text('member_code').notNull(),
		householdId: text('household_id').notNull(),
		villageId: text('village_id').notNull(),
		reason: text('reason', { enum: ['cannot_come', 'retest'] }).notNull(),
		/** The positive-pool playbook a re-test belongs to. */
		playbookId: text('playbook_id'),
		status: text('status', { enum: ['open', 'sampled', 'cancelled'] }).notNull().default('open'),
		/** The mobile team's route this visit is on, and its place in it. */
		route: integer('route'),
		stopOrder: integer('stop_order'),
		/** A re-test's own result, once the lab has it. */
		result: text('result', { enum: ['positive', 'negative'] }),
		resultAt: timestamp('result_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		createdBy: text('created_by').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: text('done_by')
	},
	(table) => [uniqueIndex('door_visits_day_member_reason_idx').on(table.day, table.memberCode, table.reason), index('door_visits_village_idx').on(table.villageId, table.day)]
);

/**
 * A positive pool's playbook (第一时间报告、复检、处置): opened at once by the positive result, it
 * holds the pool's households under control pending the re-test. Its steps are door_visits and
 * the events on the log; closed when every re-test is negative or every positive is proposed a transfer.
 */
export const positivePlaybooks = pgTable(
	'positive_playbooks',
	{
		id: text('id').primaryKey(),
		boxId: text('box_id').notNull(),
		tube: text('tube').notNull(),
		positiveAt: timestamp('positive_at', { withTimezone: true }).notNull(),
		householdIds: text('household_ids').array().notNull(),
		villageIds: text('village_ids').array().notNull(),
		notifiedAt: timestamp('notified_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		eventId: text('event_id').notNull()
	},
	(table) => [uniqueIndex('positive_playbooks_pool_idx').on(table.boxId, table.tube)]
);
