/**
 * amendDayReport: a commander corrects a locked day's report with a reason. Recorded as a
 * report_amendments row (who, when, why, what changed, the report it makes), a `report.amended`
 * event and an audit entry, in one transaction; the locked original is never touched.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dailyReports, reportAmendments } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { amendReport, isLocked, type LockedReport } from '../../../src/lib/domain/daily-report';
import { applyReportFixes } from '../../../src/lib/domain/daily-report-fixes';
import { amendmentRequest, DAY, refuseReport, type AmendmentRequest } from './report-refusals';

/** A locked day with its amendments in order, read in the caller's transaction; null when not locked. */
export async function loadLockedReport(db: Db, day: string): Promise<(LockedReport & { lockedBy: string }) | null> {
	const [row] = await db.select().from(dailyReports).where(eq(dailyReports.day, day));
	if (!row) return null;
	const amendments = await db.select().from(reportAmendments).where(eq(reportAmendments.day, day)).orderBy(asc(reportAmendments.id));
	return {
		lockedAt: row.lockedAt.getTime(),
		lockedBy: row.lockedBy,
		original: row.report,
		amendments: amendments.map((each) => ({ at: each.at.getTime(), by: each.by, reason: each.reason, changes: each.changes, report: each.report }))
	};
}

export async function amendDayReport({ ctx, input }: { ctx: CommandContext; input: { day: string } & AmendmentRequest }): Promise<{ day: string; amendment: number; changes: number }> {
	if (!DAY.test(input.day)) throw refuseReport('bad_day', { day: input.day });
	const { reason, changes: fixes } = amendmentRequest.parse({ reason: input.reason, changes: input.changes });
	const now = ctx.now ?? Date.now();
	if (reason.trim() === '') throw refuseReport('no_reason');
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		// Serialises two amendments of the same day: each is made on top of the version in force.
		const [locked] = await tx.select({ day: dailyReports.day }).from(dailyReports).where(eq(dailyReports.day, input.day)).for('update');
		if (!locked) throw isLocked(input.day, now) ? refuseReport('no_report', { day: input.day }) : refuseReport('day_not_over', { day: input.day });
		const current = (await loadLockedReport(tx, input.day))!;
		const inForce = current.amendments.at(-1)?.report ?? current.original;
		const corrected = applyReportFixes(inForce, fixes);
		if ('refusal' in corrected) throw corrected.refusal === 'bad_field' ? refuseReport('bad_field', { field: corrected.field }) : refuseReport('no_such_row', { section: corrected.section, key: corrected.key });
		const amended = amendReport(current, corrected, { by: ctx.actor, at: now, reason });
		if ('refusal' in amended) throw amended.refusal === 'no_change' ? refuseReport('no_change') : refuseReport('no_reason');
		const number = current.amendments.length + 1;
		const event = emit({ type: 'report.amended', day: input.day, amendment: number, changes: amended.amendment.changes.length });
		await tx.insert(reportAmendments).values({ day: input.day, at: new Date(now), by: ctx.actor, reason: amended.amendment.reason, changes: amended.amendment.changes, report: corrected, eventId: event.id });
		// The reason is free text: on the audit log and the amendment row, never on the event.
		await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'report.amend', subject: `report:${input.day}`, reason: amended.amendment.reason, details: { amendment: number, changes: amended.amendment.changes } } });
		return { day: input.day, amendment: number, changes: amended.amendment.changes.length };
	});
	return result;
}
