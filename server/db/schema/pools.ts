import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Which households went into which tube (pool) of a box, as the site's registration desk scanned
 * them. By reference only: the households' people and homes stay in their own tables.
 */
export const poolMembers = pgTable(
	'pool_members',
	{
		boxId: text('box_id').notNull(),
		tube: text('tube').notNull(),
		householdId: text('household_id').notNull()
	},
	(table) => [primaryKey({ columns: [table.boxId, table.tube, table.householdId] })]
);

/** A lab's result per tube; the newest result of a tube stands (a re-run replaces it). */
export const poolResults = pgTable(
	'pool_results',
	{
		boxId: text('box_id').notNull(),
		tube: text('tube').notNull(),
		labId: text('lab_id').notNull(),
		result: text('result', { enum: ['positive', 'negative'] }).notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		eventId: text('event_id').notNull()
	},
	(table) => [primaryKey({ columns: [table.boxId, table.tube] }), index('pool_results_result_at_idx').on(table.result, table.at)]
);
