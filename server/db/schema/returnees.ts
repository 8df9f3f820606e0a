import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const RETURNEE_MEASURES = ['health_monitoring', 'home_quarantine', 'centralised_quarantine', 'test_and_hold', 'closed_loop_transfer'] as const;

/**
 * Returnees (返乡人员) registered on arrival, and the measure their facts lead to. The person's
 * name, ID number and phone are in people, the address in returnee_private. `rule_measure` is
 * what the rules gave and `measure_reason` why; `measure` is what stands, which an officer may
 * override with a reason (override_*, also in the audit log).
 */
export const returnees = pgTable(
	'returnees',
	{
		id: text('id').primaryKey(),
		personId: text('person_id').notNull(),
		householdId: text('household_id'),
		/** Home village (regions.id); null only for rows from before migration 0014 without a household. */
		villageId: text('village_id'),
		arrivalAt: timestamp('arrival_at', { withTimezone: true }).notNull(),
		originPlace: text('origin_place').notNull(),
		originRisk: text('origin_risk', { enum: ['low', 'medium', 'high'] }).notNull(),
		workPlace: text('work_place'),
		transportMode: text('transport_mode', { enum: ['flight', 'train', 'coach', 'car', 'other'] }).notNull(),
		transportNumber: text('transport_number'),
		lastNegativeTestAt: timestamp('last_negative_test_at', { withTimezone: true }),
		healthCode: text('health_code', { enum: ['green', 'yellow', 'red'] }).notNull().default('green'),
		/** A close (密接) or secondary (次密接) contact, as the flow-tracing team said. */
		contactKind: text('contact_kind', { enum: ['close', 'secondary'] }),
		measure: text('measure', { enum: RETURNEE_MEASURES }).notNull(),
		ruleMeasure: text('rule_measure', { enum: RETURNEE_MEASURES }),
		/** Why the rules gave that measure: a reason code the pages word in zh and en. */
		measureReason: text('measure_reason'),
		overrideMeasure: text('override_measure', { enum: RETURNEE_MEASURES }),
		overrideReason: text('override_reason'),
		overrideBy: text('override_by'),
		overrideAt: timestamp('override_at', { withTimezone: true }),
		/**
		 * The same person arriving on the same day, as a keyed hash (HMAC with the person match key's
		 * secret, server/db/person-match-keys.ts): a second registration is refused, never duplicated.
		 * No ID number, phone or name in it.
		 */
		duplicateKey: text('duplicate_key'),
		source: text('source', { enum: ['ledger', 'officer', 'legacy'] }).notNull().default('legacy'),
		registeredBy: text('registered_by'),
		registeredAt: timestamp('registered_at', { withTimezone: true })
	},
	(table) => [uniqueIndex('returnees_duplicate_key_idx').on(table.duplicateKey), index('returnees_village_arrival_idx').on(table.villageId, table.arrivalAt)]
);
