/**
 * acknowledgeAlert: someone answers for an alert (who, when, a note). Refused when the alert has
 * closed, was acknowledged already, or is not the person's to handle (alert-scope.ts: a shift
 * leader their township, a dispatcher the vehicles, pickups and labs, the quarantine desk and
 * officers their township's or villages' quarantine alerts, commanders and admins all). Audited;
 * `alert.acknowledged` goes on the log (without the note, which stays in the record and the
 * audit), so walls and pages show it within a tick.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alertRecords } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { mayHandleAlert, type AlertActor } from '../../../src/lib/domain/alert-scope';
import { acknowledge } from '../../../src/lib/domain/alert-lifecycle';
import { acknowledgers, chinaClockText } from './alert-views';
import { refuseAlert } from './alert-refusals';
import { toLifecycle } from './reconcile-alert-records';

export interface AlertContext extends CommandContext {
	who: AlertActor;
}

export async function acknowledgeAlert({ ctx, input }: { ctx: AlertContext; input: { recordId: number; note: string } }): Promise<{ recordId: number; acknowledgedAt: string }> {
	const now = ctx.now ?? Date.now();
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [row] = Number.isSafeInteger(input.recordId) ? await tx.select().from(alertRecords).where(eq(alertRecords.id, input.recordId)).for('update') : [];
		if (!row) throw refuseAlert('alert_not_found');
		if (!mayHandleAlert(ctx.who, { kind: row.kind, alertId: row.alertId, townshipId: row.townshipId })) throw refuseAlert('alert_not_yours');
		const outcome = acknowledge(toLifecycle(row), { by: ctx.actor, at: now, note: input.note });
		if ('refusal' in outcome) {
			if (outcome.refusal === 'closed') throw refuseAlert('alert_closed');
			if (outcome.refusal === 'already_acknowledged') throw refuseAlert('alert_already_acknowledged', { who: await whoText(tx, row.acknowledgedBy), time: chinaClockText(row.acknowledgedAt!) });
			throw refuseAlert('alert_not_yours');
		}
		const ack = outcome.record.acknowledgement!;
		await tx.update(alertRecords).set({ acknowledgedAt: new Date(ack.at), acknowledgedBy: ack.by, note: ack.note }).where(eq(alertRecords.id, row.id));
		emit({ type: 'alert.acknowledged', recordId: row.id, alertId: row.alertId, townshipId: row.townshipId });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'alert.acknowledge', subject: `alert:${row.id}`, reason: ack.note || undefined, details: { alertId: row.alertId, kind: row.kind } } });
		return { recordId: row.id, acknowledgedAt: new Date(ack.at).toISOString() };
	});
	return result;
}

async function whoText(db: Db, actor: string | null): Promise<string> {
	const by = (await acknowledgers(db, [actor])).get(actor ?? '');
	return by ? by.masked : '?';
}
