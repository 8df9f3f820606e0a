import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Read-only credentials of wall displays, bound to a region, revocable; they never see personal data. */
export const displayTokens = pgTable(
	'display_tokens',
	{
		id: text('id').primaryKey(),
		tokenHash: text('token_hash').notNull(),
		label: text('label').notNull(),
		regionId: text('region_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(table) => [uniqueIndex('display_tokens_hash_idx').on(table.tokenHash)]
);
