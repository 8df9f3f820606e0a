import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const CASE_MEASURES = ['home_quarantine', 'home_monitoring', 'health_monitoring', 'centralised'] as const;
export const CASE_STATUSES = ['awaiting_transfer', 'active', 'released', 'transferred', 'cancelled'] as const;

/**
 * A person under a measure (隔离/监测): where (home, or a hotel's room block), from when, until
 * when by the rules, and where it stands. By reference only: the person's name, ID number and
 * home stay in people / household_private. The id is opaque (`qc_` + hex) because it travels in
 * events and URLs. A hotel case released hands over to a new home-monitoring case in the home
 * village (follows_case_id), so the receiving village sees the person arrive.
 */
export const quarantineCases = pgTable(
	'quarantine_cases',
	{
		id: text('id').primaryKey(),
		personId: text('person_id').notNull(),
		householdId: text('household_id'),
		/** The home village (regions.id, level village): whose officers follow the case. */
		villageId: text('village_id').notNull(),
		returneeId: text('returnee_id'),
		measure: text('measure', { enum: CASE_MEASURES }).notNull(),
		placeKind: text('place_kind', { enum: ['home', 'hotel'] }).notNull(),
		quarantineSiteId: text('quarantine_site_id'),
		/** When the person arrived (the 24 h test counts from it). */
		arrivalAt: timestamp('arrival_at', { withTimezone: true }),
		/** Local dates (YYYY-MM-DD, China time); the start day is day 1. */
		startDate: text('start_date').notNull(),
		plannedEndDate: text('planned_end_date').notNull(),
		/** Days added by extensions (追加隔离), already included in planned_end_date. */
		extendedDays: integer('extended_days').notNull().default(0),
		status: text('status', { enum: CASE_STATUSES }).notNull().default('active'),
		followsCaseId: text('follows_case_id'),
		releasedAt: timestamp('released_at', { withTimezone: true }),
		releasedBy: text('released_by'),
		releaseNote: text('release_note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		createdBy: text('created_by').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(table) => [
		index('quarantine_cases_village_status_idx').on(table.villageId, table.status),
		index('quarantine_cases_site_status_idx').on(table.quarantineSiteId, table.status),
		index('quarantine_cases_person_idx').on(table.personId)
	]
);

/**
 * The audited history of a case: every change (opened, test result, extension, override,
 * release, follow-up …) with who did it, when and why. Append-only; details hold the change's
 * facts by reference (never a name, ID number or phone).
 */
export const quarantineCaseEvents = pgTable(
	'quarantine_case_events',
	{
		id: serial('id').primaryKey(),
		caseId: text('case_id').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		/** A user id, `device:<id>` or `system`. */
		actor: text('actor').notNull(),
		kind: text('kind').notNull(),
		reason: text('reason'),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		/** The log event this change was part of, if any. */
		eventId: text('event_id')
	},
	(table) => [index('quarantine_case_events_case_idx').on(table.caseId, table.at)]
);
