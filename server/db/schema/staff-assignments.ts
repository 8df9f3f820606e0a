import { index, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Where each staff member works: a site or a vehicle, from when until when, who decided and why. The open row is the current one. */
export const staffAssignments = pgTable(
	'staff_assignments',
	{
		id: serial('id').primaryKey(),
		staffId: text('staff_id').notNull(),
		siteId: text('site_id'),
		vehicleId: text('vehicle_id'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }),
		assignedBy: text('assigned_by').notNull(),
		reason: text('reason').notNull()
	},
	(table) => [index('staff_assignments_staff_idx').on(table.staffId, table.startsAt)]
);
