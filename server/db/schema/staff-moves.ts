import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Moves of samplers between sites, as a shift leader applied them (a recommendation or by hand):
 * who moved whom, from where to where, why; undone moves keep their row with who undid them.
 * The assignments themselves are in staff_assignments: the one at the new site starts when the
 * samplers arrive (at + travel, or earlier when arrived_at is confirmed), so until then they count
 * at neither site.
 */
export const staffMoves = pgTable('staff_moves', {
	id: serial('id').primaryKey(),
	staffIds: jsonb('staff_ids').$type<string[]>().notNull(),
	fromSiteId: text('from_site_id').notNull(),
	toSiteId: text('to_site_id').notNull(),
	travelMinutes: integer('travel_minutes').notNull(),
	movedBy: text('moved_by').notNull(),
	reason: text('reason').notNull(),
	at: timestamp('at', { withTimezone: true }).notNull(),
	/** When the receiving site confirmed the samplers there (its tablet, or a leader); null: due at at + travel. */
	arrivedAt: timestamp('arrived_at', { withTimezone: true }),
	arrivedBy: text('arrived_by'),
	undoneAt: timestamp('undone_at', { withTimezone: true }),
	undoneBy: text('undone_by')
});
