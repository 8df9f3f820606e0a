import { doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Testing labs and sample transfer stations (样本中转站), with capacity in tubes per day. */
export const labs = pgTable('labs', {
	id: text('id').primaryKey(),
	kind: text('kind', { enum: ['lab', 'transfer_station'] }).notNull(),
	name: text('name').notNull(),
	lat: doublePrecision('lat').notNull(),
	lon: doublePrecision('lon').notNull(),
	capacityTubesPerDay: integer('capacity_tubes_per_day').notNull()
});
