import { pgTable, text } from 'drizzle-orm/pg-core';

/** Courier vehicles and closed-loop transfer vehicles (闭环转运车). Crew are staff assigned to the vehicle. */
export const vehicles = pgTable('vehicles', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	kind: text('kind', { enum: ['courier', 'transfer'] }).notNull(),
	plate: text('plate'),
	/** Bio-sample transport permit (生物样本准运证), for couriers. */
	permitNumber: text('permit_number')
});
