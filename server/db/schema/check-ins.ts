import { index, jsonb, pgTable, real, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** Daily follow-up of a quarantined household: temperature and symptoms (fever, fatigue, dry cough are reported at once). */
export const checkIns = pgTable(
	'check_ins',
	{
		id: serial('id').primaryKey(),
		householdId: text('household_id').notNull(),
		day: text('day').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		temperatureC: real('temperature_c'),
		symptoms: jsonb('symptoms').$type<string[]>().notNull().default([]),
		byStaffId: text('by_staff_id')
	},
	(table) => [index('check_ins_household_day_idx').on(table.householdId, table.day)]
);
