/**
 * Alert records as pages and the wall read them (src/lib/protocol/alert-events.ts): the state at
 * `now` (alert-lifecycle.ts), and the acknowledger as a role and a masked account name, never a
 * whole name. The wall gets less: no note, the acknowledger by role only.
 */
import { inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alertRecords, users } from '../../db/schema/index';
import { chinaClock } from '../../../src/lib/china-time';
import { maskAccount } from '../../../src/lib/domain/alert-scope';
import type { AlertRecordView, WallAlertRecord } from '../../../src/lib/protocol/alert-events';

type Row = typeof alertRecords.$inferSelect;

export const chinaClockText = (at: Date) => chinaClock(at.getTime(), { seconds: false });

/** Each acknowledging actor (`user:<name>`) as { role, masked }; a user since deleted reads as its masked name. */
export async function acknowledgers(db: Db, actors: (string | null)[]): Promise<Map<string, { role: string; masked: string }>> {
	const names = [...new Set(actors.filter((actor): actor is string => !!actor && actor.startsWith('user:')).map((actor) => actor.slice(5)))];
	const found = names.length ? await db.select({ username: users.username, role: users.role }).from(users).where(inArray(users.username, names)) : [];
	const roles = new Map(found.map((user) => [user.username, user.role]));
	return new Map(actors.filter((actor): actor is string => !!actor).map((actor) => [actor, { role: roles.get(actor.slice(5)) ?? 'unknown', masked: maskAccount(actor) }]));
}

function stateOf(row: Row): AlertRecordView['state'] {
	if (row.closedAt) return 'closed';
	if (row.acknowledgedAt) return 'acknowledged';
	return row.escalatedAt ? 'escalated' : 'open';
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export async function toViews(db: Db, rows: Row[]): Promise<AlertRecordView[]> {
	const by = await acknowledgers(db, rows.map((row) => row.acknowledgedBy));
	return rows.map((row) => ({
		recordId: row.id, alertId: row.alertId, kind: row.kind, severity: row.severity, subject: row.subject, townshipId: row.townshipId, title: row.title ?? null,
		state: stateOf(row), raisedAt: row.raisedAt.toISOString(), escalatedAt: iso(row.escalatedAt), acknowledgedAt: iso(row.acknowledgedAt),
		acknowledgedBy: row.acknowledgedBy ? (by.get(row.acknowledgedBy) ?? null) : null, note: row.note, closedAt: iso(row.closedAt)
	}));
}

/** The open records, for the pages' panels (filtered to what the reader may handle by the route). */
export async function openAlertViews(db: Db): Promise<AlertRecordView[]> {
	const rows = await db.select().from(alertRecords).where(isNull(alertRecords.closedAt));
	return toViews(db, rows.sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime()));
}

/** The wall's part of each open record, by alert id. */
export async function wallAlertRecords(db: Db): Promise<Record<string, WallAlertRecord>> {
	const rows = await db.select().from(alertRecords).where(isNull(alertRecords.closedAt));
	const by = await acknowledgers(db, rows.map((row) => row.acknowledgedBy));
	return Object.fromEntries(
		rows.map((row) => [row.alertId, { recordId: row.id, state: stateOf(row), acknowledgedAt: iso(row.acknowledgedAt), acknowledgedRole: row.acknowledgedBy ? (by.get(row.acknowledgedBy)?.role ?? null) : null }])
	);
}
