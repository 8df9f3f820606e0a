import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The roster (花名册) of a mass-testing round: every resident to be sampled, by a roster code that
 * is printed as the member's QR and typed or scanned at the registration desk. The code is made
 * from the household code and the member's number in it (`CM010001-2`); it is never an ID number,
 * so it may travel on the wire, in events and in logs. A name, when the roster names the member,
 * stays in `people` (person_id); the gap list shows it masked.
 */
export const rosterMembers = pgTable(
	'roster_members',
	{
		code: text('code').primaryKey(),
		householdId: text('household_id').notNull(),
		villageId: text('village_id').notNull(),
		townshipId: text('township_id').notNull(),
		/** 1 is the household head. */
		memberNo: integer('member_no').notNull(),
		personId: text('person_id'),
		/** Why the member cannot come to a site (aged, disabled, bedridden, care_home); empty when they can. */
		cannotCome: text('cannot_come').array().notNull().default([]),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(table) => [index('roster_members_village_idx').on(table.villageId), index('roster_members_household_idx').on(table.householdId)]
);

/**
 * Who was sampled in a round (the service day, China time), from `site.sampled` events: at a site
 * desk or at home (door_to_door). The first sample of a member in a day stands; a resent event or
 * a second scan changes nothing.
 */
export const sampledMembers = pgTable(
	'sampled_members',
	{
		day: text('day').notNull(),
		memberCode: text('member_code').notNull(),
		/** The site whose desk sampled them; null for a door-to-door team. */
		siteId: text('site_id'),
		via: text('via', { enum: ['site', 'door_to_door'] }).notNull(),
		tube: text('tube').notNull(),
		sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
		eventId: text('event_id').notNull(),
		deviceId: text('device_id').notNull()
	},
	(table) => [primaryKey({ columns: [table.day, table.memberCode] }), index('sampled_members_day_site_idx').on(table.day, table.siteId)]
);

/**
 * 各村时间安排表: which village is sampled at which site when, per round. Edited by the command
 * centre or the township, shown to village officers, exported; the simulator and the finish
 * forecast read it.
 */
export const villageTimetable = pgTable(
	'village_timetable',
	{
		villageId: text('village_id').notNull(),
		siteId: text('site_id').notNull(),
		/** Local time HH:MM (China time). */
		startsAt: text('starts_at').notNull(),
		endsAt: text('ends_at').notNull(),
		note: text('note'),
		updatedBy: text('updated_by').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(table) => [primaryKey({ columns: [table.villageId, table.siteId] })]
);
