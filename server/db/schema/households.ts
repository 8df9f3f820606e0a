import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The household register (户) of each village, for coverage, with the household's quarantine
 * measure if any. No personal data here: the address, exact location and members are in
 * household_private and household_members. The id is the household code of the ledger.
 */
export const households = pgTable(
	'households',
	{
		id: text('id').primaryKey(),
		villageId: text('village_id').notNull(),
		grid: text('grid'),
		measure: text('measure', { enum: ['none', 'home_quarantine', 'home_monitoring', 'centralised'] }).notNull().default('none'),
		members: integer('members').notNull(),
		/** Local dates (YYYY-MM-DD) of the measure. */
		startDate: text('start_date'),
		plannedEndDate: text('planned_end_date'),
		separateRoom: boolean('separate_room'),
		separateBathroom: boolean('separate_bathroom'),
		/** One of the five special categories that allow home quarantine, if any. */
		specialCategory: text('special_category', { enum: ['aged_70_plus', 'aged_14_or_under', 'pregnant', 'severe_illness', 'relative_critical'] }),
		officerStaffId: text('officer_staff_id'),
		quarantineSiteId: text('quarantine_site_id')
	},
	(table) => [index('households_village_idx').on(table.villageId)]
);
