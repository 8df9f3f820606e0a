import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Personal data, and only here (plus household_private): names, national ID numbers, phones.
 * Kept apart so that access can be granted, masked and audited in one place.
 *
 * The id is opaque (`p_` and 32 random hex digits) because it travels: audit subjects, other
 * tables, URLs, logs. Ledgers find a person again through match_key, a keyed hash (HMAC-SHA256
 * with the secret in server_secrets) of the ID number, or of the ledger row that names a person
 * without one (server/db/person-match-keys.ts).
 */
export const people = pgTable(
	'people',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		idNumber: text('id_number'),
		phone: text('phone'),
		/** Null only between migration 0010 and the start-up step that computes it. */
		matchKey: text('match_key')
	},
	(table) => [
		uniqueIndex('people_id_number_idx').on(table.idNumber),
		uniqueIndex('people_match_key_idx').on(table.matchKey),
		uniqueIndex('people_match_key_pending_idx').on(table.id).where(sql`${table.matchKey} is null`)
	]
);

/**
 * The ledger row that named a person without an ID number before ids became opaque (migration
 * 0010 keeps `household:<code>:head` or `staff:<code>` here); the start-up step turns it into
 * the person's match key and deletes the row.
 */
export const personRowKeys = pgTable('person_row_keys', {
	personId: text('person_id').primaryKey(),
	rowKey: text('row_key').notNull()
});
