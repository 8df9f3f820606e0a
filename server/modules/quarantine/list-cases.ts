/**
 * The cases an actor may see, for the desk and the officer's lists: by reference and village, with
 * the day of the case and its tests' state; never a name, ID number, phone or home (an officer
 * reveals those per person, with a reason, through /api/personal/reveal).
 */
import { and, asc, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCases, scheduledTests } from '../../db/schema/index';
import type { UserScope } from '../../auth/user-scope';
import { caseDay, releaseRefusal, testState } from '../../../src/lib/domain/quarantine-case';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { villageInScope } from './village-scope';

export async function listCases(db: Db, scope: UserScope, { now = Date.now(), statuses = ['active', 'awaiting_transfer'] as string[] } = {}) {
	const today = serviceDay(now);
	const where: SQL[] = [inArray(quarantineCases.status, statuses as ('active' | 'awaiting_transfer')[])];
	if (scope.kind === 'villages') where.push(inArray(quarantineCases.villageId, scope.villageIds.length > 0 ? scope.villageIds : ['']));
	const cases = (await db.select().from(quarantineCases).where(and(...where)).orderBy(asc(quarantineCases.villageId), asc(quarantineCases.startDate))).filter((found) => villageInScope(scope, found.villageId));
	const tests = cases.length === 0 ? [] : await db.select().from(scheduledTests).where(inArray(scheduledTests.caseId, cases.map((found) => found.id))).orderBy(asc(scheduledTests.dueDate));
	return cases.map((found) => {
		const own = tests.filter((test) => test.caseId === found.id).map((test) => ({ id: test.id, kind: test.kind, dueDate: test.dueDate, result: test.result, source: test.resultSource }));
		const refusal = found.status === 'active' ? releaseRefusal({ today, plannedEndDate: found.plannedEndDate, tests: own }) : null;
		return {
			id: found.id, villageId: found.villageId, householdId: found.householdId, returneeId: found.returneeId, measure: found.measure, placeKind: found.placeKind,
			quarantineSiteId: found.quarantineSiteId, status: found.status, startDate: found.startDate, plannedEndDate: found.plannedEndDate, extendedDays: found.extendedDays,
			followsCaseId: found.followsCaseId, day: caseDay(found.startDate, today),
			tests: own.map((test) => ({ ...test, state: testState(test, today) })),
			releasable: found.status === 'active' && refusal === null,
			releaseBlockedBy: refusal?.code ?? null
		};
	});
}
