import { boolean, index, jsonb, pgTable, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Daily follow-up of a case (or, before migration 0014, of a household): temperature and
 * symptoms (fever, fatigue, dry cough are reported at once), twice a day for home quarantine
 * (slot morning/evening). One row per case, day and slot: a resend lands on the same row.
 */
export const checkIns = pgTable(
	'check_ins',
	{
		id: serial('id').primaryKey(),
		caseId: text('case_id'),
		householdId: text('household_id'),
		day: text('day').notNull(),
		slot: text('slot', { enum: ['morning', 'evening'] }).notNull().default('morning'),
		at: timestamp('at', { withTimezone: true }).notNull(),
		temperatureC: real('temperature_c'),
		/** Temperature ≥ 37.3 °C, as recorded (the rule's threshold at the time). */
		fever: boolean('fever').notNull().default(false),
		symptoms: jsonb('symptoms').$type<string[]>().notNull().default([]),
		source: text('source', { enum: ['officer', 'device'] }).notNull().default('officer'),
		byStaffId: text('by_staff_id'),
		/** The user id or `device:<id>` that recorded it. */
		recordedBy: text('recorded_by'),
		/** The phone's or device's report id: one report, one row (unique; null for rows from before it was kept). */
		eventId: text('event_id')
	},
	(table) => [index('check_ins_household_day_idx').on(table.householdId, table.day), uniqueIndex('check_ins_case_day_slot_idx').on(table.caseId, table.day, table.slot), uniqueIndex('check_ins_event_id_idx').on(table.eventId)]
);
