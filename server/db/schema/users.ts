import { jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** People who sign in. No self-registration: an admin creates them (the first admin by CLI or setup link). */
export const users = pgTable(
	'users',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: ['admin', 'commander', 'shift_leader', 'dispatcher', 'quarantine_desk', 'quarantine_officer', 'lab_operator', 'viewer'] }).notNull(),
		/** The township a shift leader leads (region id), if any. */
		townshipId: text('township_id'),
		/** The villages a quarantine officer looks after (region ids). */
		villageIds: jsonb('village_ids').$type<string[]>().notNull().default([]),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		disabledAt: timestamp('disabled_at', { withTimezone: true })
	},
	(table) => [uniqueIndex('users_username_idx').on(table.username)]
);
