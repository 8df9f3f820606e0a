import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who did what to personal data and access, when and why. Append-only: a trigger (migration
 * audit_log_append_only) refuses UPDATE, DELETE and TRUNCATE, whoever asks.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		reason: text('reason'),
		details: jsonb('details').notNull().default({})
	},
	(table) => [index('audit_log_at_idx').on(table.at)]
);
