/**
 * recordFollowUp: a quarantine case's temperature and symptoms, from the officer's phone or a
 * device. It fills the day's slot (home quarantine: morning and evening; others: morning), writes
 * the check-in and the case's history, and appends `case.follow_up`. Fever (≥ 37.3 °C) or any
 * symptom also proposes a closed-loop transfer (propose-fever-transfer.ts) and the wall shows a
 * critical alert for the village (the live state counts it; never the person).
 *
 * Idempotent on the phone's report id: a phone that lost the network resends the same report with
 * the same id and gets the first answer back, with nothing written or appended twice; the same id
 * with other content is refused. A second report for a slot already filled (a re-check) replaces
 * the reading if it was taken later, and is history either way.
 */
import { and, eq } from 'drizzle-orm';
import { checkIns, quarantineCaseEvents, quarantineCases } from '../../db/schema/index';
import { villagePlace } from './village-places';
import { assessFollowUp, followUpsDue, slotAt, slotFits, type FollowUpSlot, type Symptom } from '../../../src/lib/domain/follow-up';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { commitCommand } from '../command-events';
import { followUpRequest, refuseFollowUp, type FollowUpRequest } from './follow-up-refusals';
import { villageInScope } from './village-scope';
import type { QuarantineContext } from './case-refusals';
import { proposeFeverTransfer } from './propose-fever-transfer';
import { caseVillage } from './case-villages';

/** The actor and their villages (an officer: theirs; a commander: the county). */
export type FollowUpContext = QuarantineContext;

export interface FollowUpRecorded {
	caseId: string;
	day: string;
	slot: FollowUpSlot;
	fever: boolean;
	critical: boolean;
	/** True when this was a resend of a report already recorded: nothing was written again. */
	duplicate: boolean;
	/** The transfer proposed for dispatch, when this follow-up found fever or symptoms. */
	proposedTransfer: { kind: 'fever_clinic' | 'hotel'; id: string; name: string } | null;
	eventId: string | null;
}

/** How long after the fact a follow-up may still be recorded (a phone offline overnight). */
const BACKFILL_DAYS = 2;
/** A phone's clock a little ahead is not a report from the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

function sameReading(row: { caseId: string | null; temperatureC: number | null; symptoms: string[] }, input: { caseId: string; temperatureC: number | null; symptoms: readonly string[] }): boolean {
	const temperatureMatches = row.temperatureC === null || input.temperatureC === null ? row.temperatureC === input.temperatureC : Math.abs(row.temperatureC - input.temperatureC) < 0.05;
	return row.caseId === input.caseId && temperatureMatches && [...row.symptoms].sort().join() === [...input.symptoms].sort().join();
}

export async function recordFollowUp({ ctx, input: raw }: { ctx: FollowUpContext; input: FollowUpRequest }): Promise<FollowUpRecorded> {
	const input = followUpRequest.parse(raw);
	const now = ctx.now ?? Date.now();
	const takenAt = Date.parse(input.takenAt);
	if (takenAt > now + CLOCK_SKEW_MS) throw refuseFollowUp('taken_in_future');
	if (takenAt < now - BACKFILL_DAYS * 86_400_000) throw refuseFollowUp('taken_too_long_ago', { days: BACKFILL_DAYS });
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, input.caseId)).for('update');
		if (!found) throw refuseFollowUp('case_not_found');
		// Scope before anything else: an officer of another village learns nothing of the case.
		if (!villageInScope(ctx.scope, found.villageId)) throw refuseFollowUp('outside_villages');

		const [resent] = await tx.select().from(checkIns).where(eq(checkIns.eventId, input.reportId)).limit(1);
		if (resent) {
			if (!sameReading(resent, input)) throw refuseFollowUp('report_conflict');
			const assessment = { fever: resent.fever, critical: resent.fever || resent.symptoms.length > 0 };
			return { caseId: found.id, day: resent.day, slot: resent.slot, ...assessment, duplicate: true, proposedTransfer: null };
		}

		const day = serviceDay(takenAt);
		const slot = input.slot ?? slotAt(found.measure, takenAt);
		if (!slotFits(found.measure, slot)) throw refuseFollowUp('slot_not_for_measure');
		const startedAt = Math.max(found.createdAt.getTime(), serviceDayStart(found.startDate));
		const endedAt = found.status === 'active' ? null : (found.releasedAt?.getTime() ?? found.updatedAt.getTime());
		const stands = found.status === 'active' && day >= found.startDate && day <= found.plannedEndDate && takenAt >= serviceDayStart(found.startDate);
		// A report for a case that ended after it was taken (the phone was offline) still counts.
		const endedLater = endedAt !== null && takenAt <= endedAt && followUpsDue({ measure: found.measure, startedAt, endDate: found.plannedEndDate, endedAt }, day).length > 0;
		if (!stands && !endedLater) throw refuseFollowUp('case_not_active', { status: found.status });

		const assessment = assessFollowUp({ temperatureC: input.temperatureC, symptoms: input.symptoms as Symptom[] });
		const row = {
			caseId: found.id, householdId: found.householdId, day, slot, at: new Date(takenAt), temperatureC: input.temperatureC, fever: assessment.fever,
			symptoms: input.symptoms, source: input.source, recordedBy: ctx.actor, eventId: input.reportId
		};
		const [filled] = await tx.select({ id: checkIns.id, at: checkIns.at }).from(checkIns).where(and(eq(checkIns.caseId, found.id), eq(checkIns.day, day), eq(checkIns.slot, slot))).for('update');
		if (!filled) await tx.insert(checkIns).values(row);
		else if (filled.at.getTime() <= takenAt) await tx.update(checkIns).set(row).where(eq(checkIns.id, filled.id));

		// Placed where the person is: a hotel case at its hotel's village, not at home (case-villages.ts).
		const placedIn = await caseVillage(tx, found);
		const village = await villagePlace(tx, placedIn);
		const event = emit({
			type: 'case.follow_up', caseId: found.id, villageId: placedIn, village, day, slot, source: input.source, reportId: input.reportId,
			takenAt: new Date(takenAt).toISOString(), fever: assessment.fever, critical: assessment.critical
		});
		await tx.insert(quarantineCaseEvents).values({
			caseId: found.id, at: new Date(now), actor: ctx.actor, kind: 'follow_up', reason: input.note ?? null, eventId: event.id,
			details: { day, slot, source: input.source, reportId: input.reportId, takenAt: new Date(takenAt).toISOString(), temperatureC: input.temperatureC, symptoms: input.symptoms, fever: assessment.fever, critical: assessment.critical, replaced: Boolean(filled) }
		});
		const proposedTransfer = assessment.critical ? await proposeFeverTransfer(tx, emit, { ctx, found, village, now, reason: assessment.fever ? 'fever' : 'symptoms' }) : null;
		return { caseId: found.id, day, slot, ...assessment, duplicate: false, proposedTransfer };
	});
	return { ...result, eventId: events.find((event) => event.type === 'case.follow_up')?.id ?? null };
}
