import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One-time links that create the first admin; printed at start-up while no admin exists, valid one hour. */
export const setupTokens = pgTable('setup_tokens', {
	tokenHash: text('token_hash').primaryKey(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});
