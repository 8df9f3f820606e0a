import { doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every handover of a box (交接登记): who to whom, when, where, and the tubes counted there. */
export const boxHandovers = pgTable(
	'box_handovers',
	{
		id: text('id').primaryKey(),
		boxId: text('box_id').notNull(),
		kind: text('kind', { enum: ['pickup', 'transfer', 'receipt'] }).notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		fromParty: text('from_party').notNull(),
		toParty: text('to_party').notNull(),
		vehicleId: text('vehicle_id'),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		tubesCounted: integer('tubes_counted').notNull()
	},
	(table) => [index('box_handovers_box_idx').on(table.boxId, table.at)]
);
