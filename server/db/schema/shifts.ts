import { index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Shifts worked (in PPE for samplers): the basis of the 2–4 hour limit. */
export const shifts = pgTable(
	'shifts',
	{
		id: serial('id').primaryKey(),
		staffId: text('staff_id').notNull(),
		siteId: text('site_id'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true })
	},
	(table) => [index('shifts_staff_idx').on(table.staffId, table.startsAt)]
);
