import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Closed-loop transfer tasks (闭环转运): a household or a returnee taken by a transfer vehicle
 * from the pickup point to a quarantine hotel with no stop on the way. The pickup point is a home
 * or an arrival point: personal data, kept here for the vehicle's fence and never sent to a page
 * (pages get pickup_label, the village or station). The milestones are written at handover, as
 * the track showed them; until then they are computed from the vehicle's fixes.
 *
 * A fever follow-up's proposal (case_id) may go to a 24-hour fever clinic (destination_site_id, a
 * sites row) instead of a hotel: exactly one of the two destinations is set, checked by the
 * database, so no task can hold beds nowhere or at two places.
 */
export const transferTasks = pgTable(
	'transfer_tasks',
	{
		id: serial('id').primaryKey(),
		vehicleId: text('vehicle_id').notNull(),
		/** The hotel, or null when the destination is a fever clinic (destination_site_id). */
		quarantineSiteId: text('quarantine_site_id'),
		/** A 24-hour fever clinic (sites.id, kind fever_clinic_24h), or null for a hotel. */
		destinationSiteId: text('destination_site_id'),
		/** The quarantine case whose proposal (transfer_proposed) this task confirms, if any. */
		caseId: text('case_id'),
		householdId: text('household_id'),
		returneeId: text('returnee_id'),
		/** People on board, by reference (people.id); the count holds beds at the hotel. */
		personIds: jsonb('person_ids').$type<string[]>().notNull(),
		passengers: integer('passengers').notNull(),
		pickupLabel: text('pickup_label').notNull(),
		pickupLat: doublePrecision('pickup_lat').notNull(),
		pickupLon: doublePrecision('pickup_lon').notNull(),
		status: text('status', { enum: ['open', 'handed_over', 'cancelled'] }).notNull().default('open'),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
		arrivedAt: timestamp('arrived_at', { withTimezone: true }),
		/** Halts on the way as the track showed them at handover: {from, to, minutes, lat, lon}. */
		stopsOnTheWay: jsonb('stops_on_the_way').$type<{ from: string; to: string; minutes: number; lat: number; lon: number }[]>(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		closedBy: text('closed_by')
	},
	(table) => [
		index('transfer_tasks_status_idx').on(table.status, table.createdAt),
		index('transfer_tasks_case_idx').on(table.caseId),
		check('transfer_tasks_one_destination', sql`(${table.quarantineSiteId} is null) <> (${table.destinationSiteId} is null)`)
	]
);
