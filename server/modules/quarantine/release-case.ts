/**
 * releaseCase (解除隔离): a case whose days are done and whose every scheduled test is negative
 * is released; otherwise refused with the reason (days left, the positive test, the tests without
 * a negative result). Released from a hotel, the person's bed is freed and their home village
 * takes over with 14 days of home monitoring from the next day ("送出去、接得住"): a new case,
 * following this one, that the village's officers see arrive.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, quarantineSites, scheduledTests } from '../../db/schema/index';
import { addDays } from '../../../src/lib/domain/quarantine';
import { releaseRefusal } from '../../../src/lib/domain/quarantine-case';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { releaseCaseRequest } from './case-requests';
import { openCase } from './open-case';

export interface CaseReleased {
	caseId: string;
	/** The home-monitoring case that follows a hotel's, in the home village. */
	handedToCaseId: string | null;
	freedBedAt: string | null;
	eventId: string;
}

export async function releaseCase({ ctx, input: raw }: { ctx: QuarantineContext; input: { caseId: string } & z.input<typeof releaseCaseRequest> }): Promise<CaseReleased> {
	const input = { caseId: raw.caseId, ...releaseCaseRequest.parse({ note: raw.note }) };
	const now = ctx.now ?? Date.now();
	const today = serviceDay(now);
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, input.caseId)).for('update');
		if (!found) throw refuseCase('case_not_found');
		assertVillage(ctx, found.villageId);
		if (found.status !== 'active') throw refuseCase('case_not_active', { status: found.status });
		const tests = await tx.select({ kind: scheduledTests.kind, dueDate: scheduledTests.dueDate, result: scheduledTests.result }).from(scheduledTests).where(eq(scheduledTests.caseId, found.id)).orderBy(asc(scheduledTests.dueDate));
		const refusal = releaseRefusal({ today, plannedEndDate: found.plannedEndDate, tests });
		if (refusal?.code === 'days_not_done') throw refuseCase('release_days_not_done', { daysLeft: refusal.daysLeft, plannedEndDate: refusal.plannedEndDate });
		if (refusal?.code === 'test_positive') throw refuseCase('release_test_positive', { kind: refusal.kind });
		if (refusal?.code === 'tests_not_negative') throw refuseCase('release_tests_not_negative', { kinds: refusal.kinds });

		const at = new Date(now);
		await tx.update(quarantineCases).set({ status: 'released', releasedAt: at, releasedBy: ctx.actor, releaseNote: input.note ?? null, updatedAt: at }).where(eq(quarantineCases.id, found.id));
		let handedToCaseId: string | null = null;
		const fromHotel = found.placeKind === 'hotel' && found.quarantineSiteId !== null;
		if (fromHotel) {
			// The bed the handover filled (hand-over-transfer.ts) is free again.
			await tx.update(quarantineSites).set({ occupied: sql`greatest(${quarantineSites.occupied} - 1, 0)` }).where(eq(quarantineSites.id, found.quarantineSiteId!));
			const followed = await openCase(tx, emit, { actor: ctx.actor, now }, {
				personId: found.personId, householdId: found.householdId, villageId: found.villageId, returneeId: found.returneeId, measure: 'home_monitoring', placeKind: 'home',
				quarantineSiteId: null, status: 'active', arrivalAt: null, startDate: addDays(today, 1), testsFromArrival: false, followsCaseId: found.id, reason: 'after_centralised'
			});
			handedToCaseId = followed.caseId;
		}
		const event = emit({ type: 'case.released', caseId: found.id, villageId: found.villageId, placeKind: found.placeKind, quarantineSiteId: found.quarantineSiteId, handedToCaseId });
		await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at, actor: ctx.actor, kind: 'released', reason: input.note ?? null, eventId: event.id, details: { day: today, quarantineSiteId: found.quarantineSiteId, handedToCaseId } });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'case.release', subject: `case:${found.id}`, details: { quarantineSiteId: found.quarantineSiteId, handedToCaseId } } });
		return { caseId: found.id, handedToCaseId, freedBedAt: fromHotel ? found.quarantineSiteId : null };
	});
	return { ...result, eventId: events.find((event) => event.type === 'case.released')!.id };
}
