import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';

/** A household's home: personal data, never on a wall, masked elsewhere. */
export const householdPrivate = pgTable('household_private', {
	householdId: text('household_id').primaryKey(),
	headPersonId: text('head_person_id'),
	address: text('address'),
	lat: doublePrecision('lat'),
	lon: doublePrecision('lon')
});
