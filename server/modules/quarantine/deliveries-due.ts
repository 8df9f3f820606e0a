/**
 * Supplies due today to home-quarantine households (物资配送), per village, for the officers who
 * deliver them and the desk: each active home-quarantine case at home whose next delivery by the
 * rule (src/lib/domain/supplies.ts) is today or owed from before. Case ids only (opaque); the
 * household's address stays behind the reveal.
 */
import { and, eq, isNotNull, max } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCases, supplyDeliveries } from '../../db/schema/index';
import type { UserScope } from '../../auth/user-scope';
import { deliveryDue, nextDeliveryDay } from '../../../src/lib/domain/supplies';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { villageInScope } from './village-scope';

export interface DeliveriesDue {
	day: string;
	byVillage: { villageId: string; due: number }[];
	cases: { caseId: string; villageId: string; dueDate: string }[];
}

export async function deliveriesDue(db: Db, scope: UserScope, now = Date.now()): Promise<DeliveriesDue> {
	const day = serviceDay(now);
	const [cases, delivered] = await Promise.all([
		db
			.select({ id: quarantineCases.id, villageId: quarantineCases.villageId, measure: quarantineCases.measure, startDate: quarantineCases.startDate, endDate: quarantineCases.plannedEndDate })
			.from(quarantineCases)
			.where(and(eq(quarantineCases.status, 'active'), eq(quarantineCases.measure, 'home_quarantine'), eq(quarantineCases.placeKind, 'home'))),
		db.select({ caseId: supplyDeliveries.caseId, last: max(supplyDeliveries.doneAt) }).from(supplyDeliveries).where(isNotNull(supplyDeliveries.doneAt)).groupBy(supplyDeliveries.caseId)
	]);
	const lastDay = new Map(delivered.map((row) => [row.caseId, row.last ? serviceDay(new Date(row.last).getTime()) : null]));
	const due = cases
		.filter((c) => villageInScope(scope, c.villageId))
		.map((c) => ({ c, household: { measure: c.measure, startDate: c.startDate, endDate: c.endDate, lastDeliveredDay: lastDay.get(c.id) ?? null } }))
		.filter(({ household }) => deliveryDue(household, day))
		.map(({ c, household }) => ({ caseId: c.id, villageId: c.villageId, dueDate: nextDeliveryDay(household)! }))
		.sort((a, b) => a.villageId.localeCompare(b.villageId) || a.dueDate.localeCompare(b.dueDate) || a.caseId.localeCompare(b.caseId));
	const counts = new Map<string, number>();
	for (const entry of due) counts.set(entry.villageId, (counts.get(entry.villageId) ?? 0) + 1);
	return { day, byVillage: [...counts].map(([villageId, n]) => ({ villageId, due: n })), cases: due };
}
