import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Signed-in sessions. Only a hash of the cookie's token is stored, so a database leak signs nobody in. */
export const sessions = pgTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);
