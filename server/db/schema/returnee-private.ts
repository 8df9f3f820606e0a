import { pgTable, text } from 'drizzle-orm/pg-core';

/** A returnee's home address as registered (住址): personal data, never on a wall, masked elsewhere. */
export const returneePrivate = pgTable('returnee_private', {
	returneeId: text('returnee_id').primaryKey(),
	address: text('address')
});
