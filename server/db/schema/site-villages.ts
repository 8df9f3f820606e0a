import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** The villages a site serves (a group's desks may serve several villages in turn). */
export const siteVillages = pgTable('site_villages', { siteId: text('site_id').notNull(), villageId: text('village_id').notNull() }, (table) => [
	primaryKey({ columns: [table.siteId, table.villageId] })
]);
