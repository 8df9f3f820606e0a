/**
 * Who awaits a closed-loop transfer: the one definition the dispatcher's transfer board lists by,
 * the quarantine desk counts by (待转运, server/modules/quarantine/desk-summary.ts), and task
 * creation refuses by, so the two screens give the same people and numbers. Two cases:
 *
 * - a returnee whose quarantine case waits for its transfer (status awaiting_transfer: a measure of
 *   closed-loop transfer or centralised quarantine opened it; the handover starts it at the hotel);
 * - a household from the ledger on centralised quarantine with no hotel yet.
 *
 * Either one leaves the list once a transfer task for it is assigned (and comes back if that task
 * is cancelled): from then on it is the dispatcher's task, not a wait.
 */
import { and, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, households, people, quarantineCases, regions, returnees, transferTasks } from '../../db/schema/index';
import { maskName } from '../../../src/lib/domain/masking';
import { nameOfRegionId } from '../ledgers/region-ids';

/** A household awaits transfer while on centralised quarantine with no hotel yet. */
export const HOUSEHOLD_MEASURE_AWAITING = 'centralised';

/** A returnee's measures whose case waits for a transfer (casePlanFor in src/lib/domain/quarantine-case.ts). */
export const RETURNEE_MEASURES_AWAITING = ['closed_loop_transfer', 'centralised_quarantine'] as const;

export function householdAwaitsTransfer(household: { measure: string; quarantineSiteId: string | null }): boolean {
	return household.measure === HOUSEHOLD_MEASURE_AWAITING && household.quarantineSiteId === null;
}

export function returneeAwaitsTransfer(returnee: { measure: string }): boolean {
	return (RETURNEE_MEASURES_AWAITING as readonly string[]).includes(returnee.measure);
}

/** One who awaits transfer, as either screen shows it: kind, village, origin (a returnee's), masked name; the id only to act on. */
export interface AwaitingSubject {
	kind: 'household' | 'returnee';
	id: string;
	villageId: string;
	villageName: string;
	/** Where a returnee came from; null for a household. */
	origin: string | null;
	passengers: number;
	nameMasked: string | null;
}

export async function loadAwaitingTransfer(db: Db): Promise<AwaitingSubject[]> {
	const [waitingHouseholds, waitingReturnees, tasks] = await Promise.all([
		db
			.select({ id: households.id, villageId: households.villageId, members: households.members, head: people.name })
			.from(households)
			.leftJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
			.leftJoin(people, eq(people.id, householdPrivate.headPersonId))
			.where(and(eq(households.measure, HOUSEHOLD_MEASURE_AWAITING), isNull(households.quarantineSiteId))),
		db
			.select({ id: returnees.id, villageId: quarantineCases.villageId, originPlace: returnees.originPlace, name: people.name })
			.from(quarantineCases)
			.innerJoin(returnees, eq(returnees.id, quarantineCases.returneeId))
			.leftJoin(people, eq(people.id, quarantineCases.personId))
			.where(and(eq(quarantineCases.status, 'awaiting_transfer'), isNotNull(quarantineCases.returneeId))),
		db.select({ householdId: transferTasks.householdId, returneeId: transferTasks.returneeId }).from(transferTasks).where(ne(transferTasks.status, 'cancelled'))
	]);
	const taken = new Set(tasks.flatMap((task) => [task.householdId, task.returneeId]));
	// A village by its name in the regions table (a ledger's code names itself if it is not there).
	const villageIds = [...new Set([...waitingHouseholds, ...waitingReturnees].map((each) => each.villageId))];
	const named = villageIds.length === 0 ? [] : await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, villageIds));
	const names = new Map(named.map((row) => [row.id, row.name]));
	const villageName = (id: string) => names.get(id) ?? nameOfRegionId(id);
	return [
		...waitingHouseholds
			.filter((household) => !taken.has(household.id))
			.map((household) => ({ kind: 'household' as const, id: household.id, villageId: household.villageId, villageName: villageName(household.villageId), origin: null, passengers: household.members, nameMasked: maskName(household.head) })),
		...waitingReturnees
			.filter((returnee) => !taken.has(returnee.id))
			.map((returnee) => ({ kind: 'returnee' as const, id: returnee.id, villageId: returnee.villageId, villageName: villageName(returnee.villageId), origin: returnee.originPlace, passengers: 1, nameMasked: maskName(returnee.name) }))
	];
}
