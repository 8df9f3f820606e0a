import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/** How far a consumer of the embedded log has persisted; written in the same transaction as its data. */
export const logOffsets = pgTable('log_offsets', {
	consumer: text('consumer').primaryKey(),
	seq: bigint('seq', { mode: 'number' }).notNull()
});
