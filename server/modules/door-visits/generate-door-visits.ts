/**
 * 生成上门采样任务: every roster member who cannot come to a site (roster_members.cannot_come not
 * empty) and is not yet sampled today becomes a door visit for today (reason cannot_come), in the
 * actor's villages (an officer: theirs; a dispatcher or the command: the county, or the villages
 * named). Idempotent: a member already given a visit today keeps it (unique day+member+reason),
 * so running it again only adds whoever is new and re-routes the day's open visits.
 */
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { doorVisits, rosterMembers, sampledMembers } from '../../db/schema/index';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { commitCommand } from '../command-events';
import { villageInScope } from '../quarantine/village-scope';
import { refuseDoorVisit, type DoorVisitContext } from './door-visit-refusals';
import { routeDoorVisits } from './route-door-visits';

export async function generateDoorVisits({ ctx, input }: { ctx: DoorVisitContext; input: { villageIds?: string[] } }) {
	const now = ctx.now ?? Date.now();
	const day = serviceDay(now);
	const named = input.villageIds ?? (ctx.scope.kind === 'villages' ? ctx.scope.villageIds : null);
	if (named && named.length === 0) throw refuseDoorVisit('no_villages');
	if (named?.some((villageId) => !villageInScope(ctx.scope, villageId))) throw refuseDoorVisit('outside_villages');
	const township = ctx.scope.kind === 'township' ? ctx.scope.townshipId : null;
	return (
		await commitCommand(ctx, async (tx, emit) => {
			const due = await tx
				.select({ code: rosterMembers.code, householdId: rosterMembers.householdId, villageId: rosterMembers.villageId })
				.from(rosterMembers)
				.leftJoin(sampledMembers, and(eq(sampledMembers.day, day), eq(sampledMembers.memberCode, rosterMembers.code)))
				.where(and(gt(sql`cardinality(${rosterMembers.cannotCome})`, 0), isNull(sampledMembers.memberCode), named ? inArray(rosterMembers.villageId, named) : township ? eq(rosterMembers.townshipId, township) : undefined));
			const created = due.length === 0 ? [] : await tx
				.insert(doorVisits)
				.values(due.map((member) => ({ day, memberCode: member.code, householdId: member.householdId, villageId: member.villageId, reason: 'cannot_come' as const, createdAt: new Date(now), createdBy: ctx.actor })))
				.onConflictDoNothing()
				.returning({ id: doorVisits.id });
			// Whoever came to a site after all needs no visit: it leaves the route.
			await tx
				.update(doorVisits)
				.set({ status: 'cancelled', doneAt: new Date(now), doneBy: ctx.actor })
				.where(and(eq(doorVisits.day, day), eq(doorVisits.reason, 'cannot_come'), eq(doorVisits.status, 'open'), inArray(doorVisits.memberCode, tx.select({ code: sampledMembers.memberCode }).from(sampledMembers).where(eq(sampledMembers.day, day)))));
			const routes = await routeDoorVisits(tx, day, now);
			const villageIds = [...new Set(due.map((member) => member.villageId))].sort();
			emit({ type: 'door_visits.generated', day, villageIds, created: created.length, routes });
			return { day, created: created.length, due: due.length, routes, villageIds };
		})
	).result;
}
