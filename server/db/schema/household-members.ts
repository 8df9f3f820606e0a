import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** Who lives in a household (personal data by reference). */
export const householdMembers = pgTable(
	'household_members',
	{
		householdId: text('household_id').notNull(),
		personId: text('person_id').notNull(),
		relation: text('relation').notNull()
	},
	(table) => [primaryKey({ columns: [table.householdId, table.personId] })]
);
