import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Returnees (返乡人员) registered on arrival, and the measure their facts lead to. */
export const returnees = pgTable('returnees', {
	id: text('id').primaryKey(),
	personId: text('person_id').notNull(),
	householdId: text('household_id'),
	arrivalAt: timestamp('arrival_at', { withTimezone: true }).notNull(),
	originPlace: text('origin_place').notNull(),
	originRisk: text('origin_risk', { enum: ['low', 'medium', 'high'] }).notNull(),
	transportMode: text('transport_mode', { enum: ['flight', 'train', 'coach', 'car', 'other'] }).notNull(),
	transportNumber: text('transport_number'),
	lastNegativeTestAt: timestamp('last_negative_test_at', { withTimezone: true }),
	healthCode: text('health_code', { enum: ['green', 'yellow', 'red'] }).notNull(),
	measure: text('measure', { enum: ['health_monitoring', 'home_quarantine', 'centralised_quarantine', 'test_and_hold', 'closed_loop_transfer'] }).notNull()
});
