import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sealed sample boxes (样本箱). Counters of the day are sums over these, so a resent box counts
 * once. The deadline is the seal time plus the room-temperature limit (4 h by default).
 */
export const sampleBoxes = pgTable(
	'sample_boxes',
	{
		id: text('id').primaryKey(),
		siteId: text('site_id').notNull(),
		sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull(),
		deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
		tubes: integer('tubes').notNull(),
		people: integer('people').notNull(),
		pooling: text('pooling').notNull(),
		eventId: text('event_id').notNull(),
		courierVehicleId: text('courier_vehicle_id'),
		labId: text('lab_id'),
		receivedAt: timestamp('received_at', { withTimezone: true }),
		receivedTubes: integer('received_tubes')
	},
	(table) => [index('sample_boxes_sealed_at_idx').on(table.sealedAt)]
);
