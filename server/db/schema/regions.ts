import { doublePrecision, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The administrative tree: county → township/subdistrict (街道/乡镇) → village/community (村/社区)
 * → grid (网格). Population and households are what coverage is measured against.
 */
export const regions = pgTable(
	'regions',
	{
		id: text('id').primaryKey(),
		parentId: text('parent_id'),
		level: text('level', { enum: ['county', 'township', 'village', 'grid'] }).notNull(),
		name: text('name').notNull(),
		population: integer('population').notNull().default(0),
		households: integer('households').notNull().default(0),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon')
	},
	(table) => [uniqueIndex('regions_parent_name_idx').on(table.parentId, table.name)]
);
