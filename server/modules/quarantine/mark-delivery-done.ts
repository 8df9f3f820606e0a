/**
 * markDeliveryDone: the village delivered supplies (物资配送) to a home-quarantine household. The
 * delivery due by the rule (src/lib/domain/supplies.ts: the first day, then every 3 days after the
 * last one made) is marked done today; the next one falls due from today. Marking it again the
 * same day changes nothing (a phone's resend); a household with nothing due is refused.
 */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { quarantineCaseEvents, quarantineCases, supplyDeliveries } from '../../db/schema/index';
import { nextDeliveryDay } from '../../../src/lib/domain/supplies';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { commitCommand } from '../command-events';
import { deliveryRequest, refuseFollowUp } from './follow-up-refusals';
import { villageInScope } from './village-scope';
import type { FollowUpContext } from './record-follow-up';
import type { z } from 'zod';

const KIND = 'daily_goods';

export interface DeliveryDone {
	deliveryId: number;
	dueDate: string;
	doneDay: string;
	/** When the next one falls due (null: none before the measure ends). */
	nextDue: string | null;
	duplicate: boolean;
	eventId: string | null;
}

export async function markDeliveryDone({ ctx, input }: { ctx: FollowUpContext; input: z.input<typeof deliveryRequest> }): Promise<DeliveryDone> {
	const { caseId, note } = deliveryRequest.parse(input);
	const now = ctx.now ?? Date.now();
	const today = serviceDay(now);
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, caseId)).for('update');
		if (!found) throw refuseFollowUp('case_not_found');
		if (!villageInScope(ctx.scope, found.villageId)) throw refuseFollowUp('outside_villages');
		if (found.measure !== 'home_quarantine' || found.placeKind !== 'home') throw refuseFollowUp('not_home_quarantine');
		if (found.status !== 'active') throw refuseFollowUp('case_not_active', { status: found.status });
		const [last] = await tx
			.select()
			.from(supplyDeliveries)
			.where(and(eq(supplyDeliveries.caseId, found.id), eq(supplyDeliveries.kind, KIND), isNotNull(supplyDeliveries.doneAt)))
			.orderBy(desc(supplyDeliveries.doneAt))
			.limit(1);
		const lastDay = last?.doneAt ? serviceDay(last.doneAt.getTime()) : null;
		const household = { measure: found.measure, startDate: found.startDate, endDate: found.plannedEndDate };
		if (last && lastDay === today) return { deliveryId: last.id, dueDate: last.dueDate, doneDay: today, nextDue: nextDeliveryDay({ ...household, lastDeliveredDay: today }), duplicate: true };
		const due = nextDeliveryDay({ ...household, lastDeliveredDay: lastDay });
		if (due === null || due > today || today < found.startDate) throw refuseFollowUp('delivery_not_due', { next: due });
		const [row] = await tx
			.insert(supplyDeliveries)
			.values({ caseId: found.id, householdId: found.householdId, villageId: found.villageId, kind: KIND, dueDate: due, doneAt: new Date(now), doneBy: ctx.actor, note: note ?? null, createdAt: new Date(now) })
			.onConflictDoUpdate({ target: [supplyDeliveries.caseId, supplyDeliveries.kind, supplyDeliveries.dueDate], set: { doneAt: new Date(now), doneBy: ctx.actor, note: note ?? null } })
			.returning({ id: supplyDeliveries.id });
		const event = emit({ type: 'supply.delivered', deliveryId: row.id, caseId: found.id, householdId: found.householdId, villageId: found.villageId, dueDate: due });
		await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at: new Date(now), actor: ctx.actor, kind: 'supply_delivered', reason: note ?? null, eventId: event.id, details: { deliveryId: row.id, dueDate: due } });
		return { deliveryId: row.id, dueDate: due, doneDay: today, nextDue: nextDeliveryDay({ ...household, lastDeliveredDay: today }), duplicate: false };
	});
	return { ...result, eventId: events[0]?.id ?? null };
}
