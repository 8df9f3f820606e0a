import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What the screens were shown, kept across restarts so a restart does not reshuffle them: the
 * staffing plan and suggested runs on show (hysteresis compares a new plan with the shown one),
 * and when each standing alert was first seen (an alert keeps its first time). One row per key
 * (e.g. `staffing-plan:<township>`, `suggested-runs`, `alerts-first-seen`); no personal data.
 */
export const keptScreenState = pgTable('kept_screen_state', {
	key: text('key').primaryKey(),
	value: jsonb('value').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
});
