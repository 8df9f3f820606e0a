import { boolean, pgTable, real, text } from 'drizzle-orm/pg-core';

/** Field staff. The id is the staff code (工号); the person's name and numbers live in people. */
export const staff = pgTable('staff', {
	id: text('id').primaryKey(),
	personId: text('person_id').notNull(),
	role: text('role', { enum: ['sampler', 'registrar', 'marshal', 'courier', 'driver', 'quarantine_officer'] }).notNull(),
	homeTownshipId: text('home_township_id').notNull(),
	/** Hours one may work in level-2 PPE in one shift (domain: 2–4 h). */
	ppeLimitHours: real('ppe_limit_hours').notNull().default(4),
	active: boolean('active').notNull().default(true)
});
