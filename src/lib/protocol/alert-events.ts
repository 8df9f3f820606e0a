/**
 * Alerts that people handle (issue 15): a derived alert raised as a record, escalated to the
 * command centre when nobody acknowledged it in time, acknowledged by someone, closed when its
 * condition cleared. Past-tense command events on the log like every command
 * (server/modules/command-events.ts). They carry the record's id, the alert's id (kind and
 * subject: a site, vehicle, lab, village or task, never a person) and its township; never the
 * acknowledger's note, which stays in alert_records and the audit log.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const recordId = z.number().int().positive();
const alertId = z.string().min(1).max(200);
const townshipId = z.string().max(64).nullable();

export const alertRaised = z.strictObject({
	...commandEnvelope,
	type: z.literal('alert.raised'),
	recordId,
	alertId,
	kind: z.string().min(1).max(64),
	severity: z.enum(['critical', 'warning']),
	townshipId
});

export const alertEscalated = z.strictObject({ ...commandEnvelope, type: z.literal('alert.escalated'), recordId, alertId, townshipId });
export const alertAcknowledged = z.strictObject({ ...commandEnvelope, type: z.literal('alert.acknowledged'), recordId, alertId, townshipId });
export const alertClosed = z.strictObject({ ...commandEnvelope, type: z.literal('alert.closed'), recordId, alertId, townshipId });

export const alertEvent = z.discriminatedUnion('type', [alertRaised, alertEscalated, alertAcknowledged, alertClosed]);
export type AlertEvent = z.infer<typeof alertEvent>;

/**
 * What a page shows of an alert's record beside the live alert: its state, and who acknowledged
 * it as a role and a masked account name (never a resident), when, and the note (pages, not the wall).
 */
export const alertRecordView = z.object({
	recordId: z.number().int(),
	alertId: z.string(),
	kind: z.string(),
	severity: z.enum(['critical', 'warning']),
	subject: z.string(),
	townshipId: z.string().nullable(),
	title: z.object({ zh: z.string(), en: z.string() }).nullable(),
	state: z.enum(['open', 'escalated', 'acknowledged', 'closed']),
	raisedAt: z.string(),
	escalatedAt: z.string().nullable(),
	acknowledgedAt: z.string().nullable(),
	/** The acknowledger's role (e.g. dispatcher) and masked account name (张*, d***), or null. */
	acknowledgedBy: z.object({ role: z.string(), masked: z.string() }).nullable(),
	note: z.string().nullable(),
	closedAt: z.string().nullable()
});
export type AlertRecordView = z.infer<typeof alertRecordView>;

/** The wall's part: no note, and the acknowledger by role only. */
export type WallAlertRecord = Pick<AlertRecordView, 'recordId' | 'state' | 'acknowledgedAt'> & { acknowledgedRole: string | null };

export const ALERT_NOTE_MAX = 200;
export const acknowledgeAlertRequest = z.strictObject({
	note: z.string().max(ALERT_NOTE_MAX, `at most ${ALERT_NOTE_MAX} characters`).default('')
});
