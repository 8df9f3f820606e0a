import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every accepted device event, once, keyed by its device-made id (the audit trail of the field). */
export const deviceEvents = pgTable(
	'device_events',
	{
		id: text('id').primaryKey(),
		type: text('type').notNull(),
		deviceId: text('device_id').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		payload: jsonb('payload').notNull()
	},
	(table) => [index('device_events_device_at_idx').on(table.deviceId, table.at)]
);
