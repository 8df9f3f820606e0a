import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * site_tablet, courier_phone and lab_system report for themselves; a platform_gateway (a fleet or
 * sampling platform integration, 平台接入) forwards the events of many registered devices. A
 * quarantine_device (a village quarantine team's phone without a sign-in, or a connected
 * thermometer) records follow-ups for the cases of its villages only.
 */
export const DEVICE_KINDS = ['site_tablet', 'courier_phone', 'lab_system', 'platform_gateway', 'quarantine_device'] as const;

/**
 * Each field device has its own credential, scoped to what it may report: a site tablet its site,
 * a courier phone its vehicle, a lab system its lab.
 */
export const deviceCredentials = pgTable(
	'device_credentials',
	{
		deviceId: text('device_id').primaryKey(),
		kind: text('kind', { enum: DEVICE_KINDS }).notNull(),
		/** The site, vehicle or lab id the device reports for ("*" for a platform gateway; a quarantine device: its village ids, comma-separated). */
		scopeId: text('scope_id').notNull(),
		tokenHash: text('token_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(table) => [uniqueIndex('device_credentials_hash_idx').on(table.tokenHash)]
);
