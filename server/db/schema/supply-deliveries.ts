import { index, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Supplies delivered to home-quarantine households (物资配送): due per village and day, marked done. */
export const supplyDeliveries = pgTable(
	'supply_deliveries',
	{
		id: serial('id').primaryKey(),
		caseId: text('case_id'),
		householdId: text('household_id'),
		villageId: text('village_id').notNull(),
		/** What is delivered (e.g. 'daily_goods', 'medicine'). */
		kind: text('kind').notNull().default('daily_goods'),
		dueDate: text('due_date').notNull(),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneBy: text('done_by'),
		note: text('note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(table) => [
		index('supply_deliveries_village_due_idx').on(table.villageId, table.dueDate),
		uniqueIndex('supply_deliveries_case_kind_due_idx').on(table.caseId, table.kind, table.dueDate)
	]
);
