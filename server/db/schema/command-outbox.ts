import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox of people's commands (server/modules/command-events.ts): an operation
 * writes its event here in the same transaction as its rows, then appends it to the event log
 * with the same id and stamps appended_at. A row still unstamped (the process died between the
 * commit and the append, or the log was away) is appended again by the relay; the log and every
 * consumer are idempotent on event_id. With their actor, rows are the commands' history: kept for the
 * personal-data retention period once appended, then deleted (server/modules/identity/retention.ts).
 */
export const commandOutbox = pgTable(
	'command_outbox',
	{
		eventId: text('event_id').primaryKey(),
		type: text('type').notNull(),
		actor: text('actor').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		payload: jsonb('payload').notNull(),
		appendedAt: timestamp('appended_at', { withTimezone: true })
	},
	(table) => [index('command_outbox_unappended_idx').on(table.appendedAt, table.at)]
);
