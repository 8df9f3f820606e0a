import { bigserial, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The embedded event log: in embedded mode an event is durable once it is a row here, and only
 * then acknowledged. The unique event id makes a resent event a no-op.
 */
export const eventLog = pgTable('event_log', {
	seq: bigserial('seq', { mode: 'number' }).primaryKey(),
	eventId: text('event_id').notNull().unique(),
	payload: jsonb('payload').notNull(),
	receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
});
