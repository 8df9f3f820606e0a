/**
 * reconcileAlertRecords: the alerts derived now against alert_records, each change a command
 * event on the log (command-events.ts): a derived alert with no open record is raised
 * (`alert.raised`), an open record whose alert is no longer derived is closed (`alert.closed`), an
 * open record nobody acknowledged within its kind's minutes escalates (`alert.escalated`,
 * ESCALATION_MINUTES in src/lib/domain/alert-lifecycle.ts). A condition back after closing is a
 * new record.
 *
 * Safe with several nodes: every change is conditional in the database (the partial unique index
 * allows one open record per alert, so a second raise inserts nothing; a close or an escalation
 * updates only a row still open, not yet escalated), and an event is emitted only for a row that
 * actually changed, so each transition happens once whoever runs the check.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alertRecords, sites } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { alertStatus, reconcileAlerts, type AlertRecord } from '../../../src/lib/domain/alert-lifecycle';
import { townshipOfAlert } from '../../../src/lib/domain/alert-scope';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { translator, type MessageKey } from '../../../src/lib/i18n/messages';

export const ALERTS_ACTOR = 'system:alerts';

/** A derived alert as any source gives it (alerts.ts, or another helper's kind): id, kind, severity, subject, value. */
export interface DerivedAlert {
	id: string;
	kind: string;
	severity: 'critical' | 'warning';
	subject: string;
	value?: number;
}

export interface ReconcileResult {
	raised: number[];
	closed: number[];
	escalated: number[];
}

type Row = typeof alertRecords.$inferSelect;

export function toLifecycle(row: Row): AlertRecord {
	return {
		alertId: row.alertId, kind: row.kind, severity: row.severity, subject: row.subject, townshipId: row.townshipId, raisedAt: row.raisedAt.getTime(),
		acknowledgement: row.acknowledgedAt ? { by: row.acknowledgedBy ?? '', at: row.acknowledgedAt.getTime(), note: row.note ?? '' } : null,
		closedAt: row.closedAt ? row.closedAt.getTime() : null
	};
}

const zh = translator('zh-CN');
const en = translator('en');
/** The alert's sentence when raised, for the history page; a kind without a message reads as kind and subject. */
function titleOf(alert: DerivedAlert): { zh: string; en: string } {
	const values = { subject: alert.subject, value: alert.value ?? '' };
	const key = `alert.${alert.kind}` as MessageKey;
	try {
		const [z, e] = [zh(key, values), en(key, values)];
		if (typeof z === 'string' && typeof e === 'string') return { zh: z, en: e };
	} catch {
		// No message for this kind: the fallback below.
	}
	return { zh: `${alert.subject} ${alert.kind}`.trim(), en: `${alert.kind} ${alert.subject}`.trim() };
}

export async function siteTownships(db: Db): Promise<Map<string, string>> {
	return new Map((await db.select({ id: sites.id, townshipId: sites.townshipId }).from(sites)).map((site) => [site.id, site.townshipId]));
}

export async function reconcileAlertRecords({ ctx, input }: { ctx: CommandContext; input: { derived: readonly DerivedAlert[]; now?: number } }): Promise<ReconcileResult> {
	const now = input.now ?? ctx.now ?? Date.now();
	const townships = await siteTownships(ctx.db);
	const townshipOf = (alert: { id: string; kind?: string }) => townshipOfAlert(alert.id, alert.kind ?? alert.id.split(':')[0], (id) => townships.get(id));
	const open = await ctx.db.select().from(alertRecords).where(isNull(alertRecords.closedAt));
	const derived = new Map(input.derived.map((alert) => [alert.id, alert]));
	const plan = reconcileAlerts(open.map(toLifecycle), [...derived.values()].map((alert) => ({ ...alert, kind: alert.kind as never })), now, (alert) => townshipOf({ id: alert.id, kind: derived.get(alert.id)?.kind }));
	const closing = new Set(plan.closed.map((record) => record.alertId));
	const result: ReconcileResult = { raised: [], closed: [], escalated: [] };
	const changesSeverity = open.filter((row) => derived.has(row.alertId) && derived.get(row.alertId)!.severity !== row.severity);
	const escalating = open.filter((row) => !closing.has(row.alertId) && row.escalatedAt === null && row.acknowledgedAt === null && alertStatus({ ...toLifecycle(row), severity: derived.get(row.alertId)?.severity ?? row.severity }, now).escalated);
	if (plan.raised.length === 0 && closing.size === 0 && escalating.length === 0 && changesSeverity.length === 0) return result;

	await commitCommand({ ...ctx, actor: ALERTS_ACTOR, now }, async (tx, emit) => {
		for (const row of open.filter((each) => closing.has(each.alertId))) {
			const [closed] = await tx.update(alertRecords).set({ closedAt: new Date(now) }).where(and(eq(alertRecords.id, row.id), isNull(alertRecords.closedAt))).returning({ id: alertRecords.id });
			if (!closed) continue;
			emit({ type: 'alert.closed', recordId: row.id, alertId: row.alertId, townshipId: row.townshipId });
			result.closed.push(row.id);
		}
		for (const row of changesSeverity) await tx.update(alertRecords).set({ severity: derived.get(row.alertId)!.severity }).where(and(eq(alertRecords.id, row.id), isNull(alertRecords.closedAt)));
		for (const row of escalating) {
			// Escalated at its due time (raised + the kind's minutes), even when the check runs later.
			const at = alertStatus(toLifecycle(row), now).escalatesAt ?? now;
			const [escalated] = await tx
				.update(alertRecords)
				.set({ escalatedAt: new Date(Math.min(at, now)) })
				.where(and(eq(alertRecords.id, row.id), isNull(alertRecords.closedAt), isNull(alertRecords.escalatedAt), isNull(alertRecords.acknowledgedAt)))
				.returning({ id: alertRecords.id });
			if (!escalated) continue;
			emit({ type: 'alert.escalated', recordId: row.id, alertId: row.alertId, townshipId: row.townshipId });
			result.escalated.push(row.id);
		}
		for (const record of plan.raised) {
			const alert = derived.get(record.alertId)!;
			const [raised] = await tx
				.insert(alertRecords)
				.values({ alertId: alert.id, kind: alert.kind, severity: alert.severity, subject: alert.subject, townshipId: record.townshipId, title: titleOf(alert), day: serviceDay(now), raisedAt: new Date(now) })
				// Another node raised it first: the partial unique index keeps one open record, and no second event.
				.onConflictDoNothing()
				.returning({ id: alertRecords.id });
			if (!raised) continue;
			emit({ type: 'alert.raised', recordId: raised.id, alertId: alert.id, kind: alert.kind, severity: alert.severity, townshipId: record.townshipId });
			result.raised.push(raised.id);
		}
	});
	return result;
}
