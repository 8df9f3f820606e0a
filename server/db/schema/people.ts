import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Personal data, and only here (plus household_private): names, national ID numbers, phones.
 * Kept apart so that access can be granted, masked and audited in one place.
 */
export const people = pgTable(
	'people',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		idNumber: text('id_number'),
		phone: text('phone')
	},
	(table) => [uniqueIndex('people_id_number_idx').on(table.idNumber)]
);
