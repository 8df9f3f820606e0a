import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Secrets every node of a cluster must share, made once by the first node that needs them
 * (32 random bytes, base64). `person_match_key` keys the people's match keys; see
 * docs/security.md for why it may live beside the data it keys.
 */
export const serverSecrets = pgTable('server_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
