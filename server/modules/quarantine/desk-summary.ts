/**
 * The township quarantine desk's picture (read only): active cases by measure and case day; per
 * village, tests due and overdue, follow-ups overdue, standing fevers and releases today; the lists a
 * desk works from, by masked name and village only; and the hotels' beds against 20 per 10,000
 * residents. No name, ID number, phone, home or temperature leaves this query. The shape is
 * DeskSummary (src/lib/protocol/quarantine-desk.ts), which the page reads.
 */
import type { Db } from '../../db/client';
import type { UserScope } from '../../auth/user-scope';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { hotelBeds } from './hotel-beds';
import { casesWithRows, followUpsToday, maskedNames, villageNames } from './officer-rounds';
import { villageInScope } from './village-scope';
import { standingFevers } from './standing-fevers';
import { loadAwaitingTransfer } from '../transfers/awaiting-transfer';
import type { DeskPerson, DeskSummary, DeskVillage } from '../../../src/lib/protocol/index';

/** Case days shown one by one; later days (extensions) share the last column. */
export const DESK_DAY_COLUMNS = 14;

/** The desk's summary in the reader's scope (its shape: src/lib/protocol/quarantine-desk.ts). */
export async function deskSummary(db: Db, scope: UserScope, { now = Date.now() } = {}): Promise<DeskSummary> {
	const today = serviceDay(now);
	const cases = await casesWithRows(db, scope, now);
	// Fevers that stand now (standing-fevers.ts): the wall's and the phone's definition, not today's readings.
	const feverRows = await standingFevers(db);
	const fevers = feverRows.filter((row) => villageInScope(scope, row.villageId));
	const [names, places, followUps, beds, awaiting] = await Promise.all([
		maskedNames(db, [...cases.map((found) => found.personId), ...fevers.map((row) => row.personId)]),
		villageNames(db, [...cases.map((found) => found.villageId), ...fevers.map((row) => row.villageId)]),
		followUpsToday(db, cases, now),
		hotelBeds(db),
		loadAwaitingTransfer(db)
	]);
	const placeOf = (id: string) => places.get(id) ?? id;

	const byMeasure = new Map<string, { measure: string; total: number; days: number[] }>();
	const villages = new Map<string, DeskVillage>();
	const village = (id: string) => {
		if (!villages.has(id)) villages.set(id, { villageId: id, villageName: placeOf(id), active: 0, awaitingTransfer: 0, testsDue: 0, testsOverdue: 0, followUpsOverdue: 0, fevers: 0, releasable: 0 });
		return villages.get(id)!;
	};
	const overdueTests: DeskPerson[] = [];
	const overdueFollowUps: DeskPerson[] = [];
	const releases: DeskPerson[] = [];
	for (const found of cases) {
		const row = village(found.villageId);
		const person = (detail: string): DeskPerson => ({ caseId: found.id, maskedName: names.get(found.personId) ?? null, villageName: row.villageName, detail });
		// Counted below from the one definition the dispatcher lists by; a case not started yet has nothing else to count.
		if (found.status === 'awaiting_transfer') continue;
		row.active += 1;
		const measure = byMeasure.get(found.measure) ?? { measure: found.measure, total: 0, days: new Array<number>(DESK_DAY_COLUMNS).fill(0) };
		measure.total += 1;
		measure.days[Math.min(DESK_DAY_COLUMNS, Math.max(1, found.day)) - 1] += 1;
		byMeasure.set(found.measure, measure);
		for (const test of found.tests) {
			if (test.state === 'due') row.testsDue += 1;
			if (test.state === 'overdue') {
				row.testsOverdue += 1;
				overdueTests.push(person(`${test.kind}:${test.dueDate}`));
			}
		}
		const late = (followUps.get(found.id) ?? []).filter((each) => each.overdue);
		row.followUpsOverdue += late.length;
		if (late.length > 0) overdueFollowUps.push(person(late.map((each) => each.slot).join(',')));
		if (found.releasable) {
			row.releasable += 1;
			releases.push(person(found.plannedEndDate));
		}
	}
	// 待转运: who the dispatcher's board lists as awaiting transfer (server/modules/transfers/awaiting-transfer.ts),
	// returnees' cases and ledger households alike, so both screens give the same numbers.
	for (const subject of awaiting.filter((each) => villageInScope(scope, each.villageId))) {
		const row = village(subject.villageId);
		if (!places.has(subject.villageId)) row.villageName = subject.villageName;
		row.awaitingTransfer += 1;
	}
	const feverList: DeskPerson[] = [];
	for (const row of fevers) {
		village(row.villageId).fevers += 1;
		feverList.push({ caseId: row.caseId!, maskedName: names.get(row.personId) ?? null, villageName: placeOf(row.villageId), detail: row.slot });
	}
	const totals = [...villages.values()].reduce(
		(sum, row) => ({
			active: sum.active + row.active, awaitingTransfer: sum.awaitingTransfer + row.awaitingTransfer, testsDue: sum.testsDue + row.testsDue, testsOverdue: sum.testsOverdue + row.testsOverdue,
			followUpsOverdue: sum.followUpsOverdue + row.followUpsOverdue, fevers: sum.fevers + row.fevers, releasable: sum.releasable + row.releasable
		}),
		{ active: 0, awaitingTransfer: 0, testsDue: 0, testsOverdue: 0, followUpsOverdue: 0, fevers: 0, releasable: 0 }
	);
	return {
		today, at: new Date(now).toISOString(), totals,
		byMeasure: [...byMeasure.values()],
		villages: [...villages.values()].sort((a, b) => a.villageId.localeCompare(b.villageId)),
		overdueTests, overdueFollowUps, fevers: feverList, releases,
		beds
	};
}

