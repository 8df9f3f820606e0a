/**
 * Alerts that people handle (issue 15): an alert derived by alerts.ts is raised as a record, is
 * acknowledged by someone (who, when, a note), escalates to the command centre when nobody
 * acknowledges it within a time set per kind, and closes when its condition clears. A condition
 * that comes back after closing is a new record. The wall shows unacknowledged critical alerts
 * first. Pure: the server keeps the records and feeds each change through the event log.
 */
import type { Alert, AlertKind, AlertSeverity } from './alerts';
import { serviceDay } from './service-day';

/**
 * Minutes an alert may stand unacknowledged before it escalates, per kind; kinds not listed use
 * the severity's default. A halted transfer or a positive cannot wait; an overdue follow-up can a while.
 */
export const ESCALATION_MINUTES: Partial<Record<AlertKind | string, number>> & { critical: number; warning: number } = {
	critical: 10,
	warning: 30,
	transfer_stop: 5,
	test_positive: 10,
	fever: 15,
	site_crowded: 15,
	vehicle_silent: 15,
	lab_over_capacity: 30,
	check_ins_overdue: 60,
	test_overdue: 60,
	// A result already past its 8 hours: the lab must act now; a box waiting for pickup has 2 h left of its 4.
	results_overdue: 15,
	pickup_overdue: 15
};

export interface Acknowledgement {
	/** The user's id (staff, not a resident). */
	by: string;
	at: number;
	note: string;
}

export interface AlertRecord {
	/** The derived alert's id (kind and subject) and when this record was raised: together, unique. */
	alertId: string;
	kind: AlertKind | string;
	severity: AlertSeverity;
	subject: string;
	/** Township of the subject, for the history page's filter and scoping; null county-wide. */
	townshipId: string | null;
	raisedAt: number;
	acknowledgement: Acknowledgement | null;
	/** When its condition cleared: the record is closed. */
	closedAt: number | null;
}

export type AlertLifecycleState = 'open' | 'escalated' | 'acknowledged' | 'closed';

export interface AlertStatus {
	state: AlertLifecycleState;
	/** When it escalated (or will, while open): raisedAt + the kind's minutes; null once acknowledged in time. */
	escalatesAt: number | null;
	/** Whether it went to the command centre (even if acknowledged or closed since). */
	escalated: boolean;
}

type Escalation = Partial<Record<string, number>> & { critical: number; warning: number };

export function escalationMinutes(kind: string, severity: AlertSeverity, rules: Escalation = ESCALATION_MINUTES): number {
	return rules[kind] ?? rules[severity];
}

/** Where an alert stands at `now`. Escalation happens at its time unless acknowledged or closed before. */
export function alertStatus(record: AlertRecord, now: number, rules: Escalation = ESCALATION_MINUTES): AlertStatus {
	const escalatesAt = record.raisedAt + escalationMinutes(record.kind, record.severity, rules) * 60_000;
	const handledAt = Math.min(record.acknowledgement?.at ?? Infinity, record.closedAt ?? Infinity);
	// Escalated once its time came with nobody having acknowledged (or the condition cleared) before.
	const escalated = escalatesAt <= now && escalatesAt <= handledAt;
	const state: AlertLifecycleState = record.closedAt !== null && record.closedAt <= now ? 'closed' : record.acknowledgement && record.acknowledgement.at <= now ? 'acknowledged' : escalated ? 'escalated' : 'open';
	return { state, escalatesAt: escalated || handledAt > now ? escalatesAt : null, escalated };
}

export type AcknowledgeRefusal = 'closed' | 'already_acknowledged' | 'empty_by';

/** Acknowledges an alert: a new record, or why not. A note may be empty; the person may not. */
export function acknowledge(record: AlertRecord, ack: Acknowledgement): { record: AlertRecord } | { refusal: AcknowledgeRefusal } {
	if (record.closedAt !== null) return { refusal: 'closed' };
	if (record.acknowledgement) return { refusal: 'already_acknowledged' };
	if (ack.by.trim() === '') return { refusal: 'empty_by' };
	return { record: { ...record, acknowledgement: { by: ack.by, at: Math.max(ack.at, record.raisedAt), note: ack.note.trim() } } };
}

/**
 * Records against the alerts derived now: a derived alert with no open record is raised; an open
 * record whose alert is no longer derived is closed at `now`. Closed records are kept (history).
 */
export function reconcileAlerts(records: readonly AlertRecord[], derived: readonly Pick<Alert, 'id' | 'kind' | 'severity' | 'subject'>[], now: number, townshipOf: (alert: Pick<Alert, 'id' | 'subject'>) => string | null = () => null): { records: AlertRecord[]; raised: AlertRecord[]; closed: AlertRecord[] } {
	const current = new Map(derived.map((alert) => [alert.id, alert]));
	const openIds = new Set<string>();
	const closed: AlertRecord[] = [];
	const kept = records.map((record) => {
		if (record.closedAt !== null) return record;
		const alert = current.get(record.alertId);
		if (alert) {
			openIds.add(record.alertId);
			// A warning that turns critical stays one record, now critical.
			return alert.severity === record.severity ? record : { ...record, severity: alert.severity };
		}
		const done = { ...record, closedAt: now };
		closed.push(done);
		return done;
	});
	const raised = derived.filter((alert) => !openIds.has(alert.id)).map((alert): AlertRecord => ({ alertId: alert.id, kind: alert.kind, severity: alert.severity, subject: alert.subject, townshipId: townshipOf(alert), raisedAt: now, acknowledgement: null, closedAt: null }));
	return { records: [...kept, ...raised], raised, closed };
}

const RANK: Record<AlertLifecycleState, number> = { escalated: 0, open: 1, acknowledged: 2, closed: 3 };

/**
 * The wall's order of the alerts not closed: unacknowledged critical first (escalated before
 * open), then unacknowledged warnings, then acknowledged ones; oldest first within each, since
 * the longest standing needs someone most.
 */
export function wallOrder(records: readonly AlertRecord[], now: number, rules: Escalation = ESCALATION_MINUTES): (AlertRecord & AlertStatus)[] {
	const unacknowledged = (state: AlertLifecycleState) => state === 'open' || state === 'escalated';
	return records
		.map((record) => ({ ...record, ...alertStatus(record, now, rules) }))
		.filter((record) => record.state !== 'closed')
		.sort((a, b) =>
			Number(!unacknowledged(a.state)) - Number(!unacknowledged(b.state)) ||
			Number(a.severity !== 'critical') - Number(b.severity !== 'critical') ||
			RANK[a.state] - RANK[b.state] ||
			a.raisedAt - b.raisedAt ||
			a.alertId.localeCompare(b.alertId)
		);
}

/** The history page's filter: by kind, township and China-time day (service-day.ts), each optional. */
export function filterHistory(records: readonly AlertRecord[], { kind, townshipId, day }: { kind?: string; townshipId?: string; day?: string }, dayOf: (epochMs: number) => string = serviceDay): AlertRecord[] {
	return records.filter((record) => (kind === undefined || record.kind === kind) && (townshipId === undefined || record.townshipId === townshipId) && (day === undefined || dayOf(record.raisedAt) === day));
}
