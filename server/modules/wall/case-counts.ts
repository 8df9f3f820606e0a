/**
 * The wall's quarantine counts from the cases (quarantine_cases), not from the household ledger's
 * measure column (the register's older, household-level figure, which the cases would double):
 * active cases by measure and by place (home / hotel), those ending today, per village by measure;
 * returnees registered today and in total, by measure and by township; and per village, tests
 * overdue (a day passed without a result) and cases with a positive result still under their
 * measure (a positive stands until handled, not until midnight). Counts, villages
 * and townships only: never a case, a returnee or a person.
 */
import { and, count, countDistinct, eq, inArray, isNull, like, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCases, returnees, scheduledTests } from '../../db/schema/index';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { villagePlaces } from '../quarantine/village-places';
import { nameOfRegionId } from '../ledgers/region-ids';
import type { WallOverview } from '../../../src/lib/protocol/wall-overview';

type Quarantine = WallOverview['quarantine'];
export type CaseCounts = Pick<Quarantine, 'byMeasure' | 'byPlace' | 'endingToday' | 'returnees' | 'tests'> & {
	/** Active cases per village and measure (the map's village rings). */
	byVillage: { villageId: string; measure: string; n: number }[];
};

/** The township of a village id (`v:<township>/<village>`). */
const townshipOf = (villageId: string | null) => (villageId?.match(/^v:([^/]+)\//)?.[1] ?? '—');

export async function caseCounts(db: Db, villagePrefix: string, now: number): Promise<CaseCounts> {
	const day = serviceDay(now);
	const dayStart = new Date(serviceDayStart(day));
	const caseInScope = like(quarantineCases.villageId, `${villagePrefix}%`);
	const [active, arrivals, overdueTests, positiveTests] = await Promise.all([
		db
			.select({ villageId: quarantineCases.villageId, measure: quarantineCases.measure, placeKind: quarantineCases.placeKind, endsToday: sql<boolean>`${quarantineCases.plannedEndDate} = ${day}`, n: count() })
			.from(quarantineCases)
			.where(and(caseInScope, eq(quarantineCases.status, 'active')))
			.groupBy(quarantineCases.villageId, quarantineCases.measure, quarantineCases.placeKind, sql`4`),
		db
			.select({ villageId: returnees.villageId, measure: returnees.measure, today: sql<boolean>`${returnees.arrivalAt} >= ${dayStart.toISOString()}::timestamptz`, n: count() })
			.from(returnees)
			.where(like(returnees.villageId, `${villagePrefix}%`))
			.groupBy(returnees.villageId, returnees.measure, sql`3`),
		db
			.select({ villageId: quarantineCases.villageId, n: count() })
			.from(scheduledTests)
			.innerJoin(quarantineCases, eq(quarantineCases.id, scheduledTests.caseId))
			.where(and(caseInScope, eq(quarantineCases.status, 'active'), lt(scheduledTests.dueDate, day), isNull(scheduledTests.result)))
			.groupBy(quarantineCases.villageId),
		db
			// A positive stands until handled (the person handed over at a fever clinic ends the case), not until midnight: cases still under their measure with a positive result.
			.select({ villageId: quarantineCases.villageId, n: countDistinct(quarantineCases.id) })
			.from(scheduledTests)
			.innerJoin(quarantineCases, eq(quarantineCases.id, scheduledTests.caseId))
			.where(and(caseInScope, inArray(scheduledTests.result, ['positive']), inArray(quarantineCases.status, ['active', 'awaiting_transfer'])))
			.groupBy(quarantineCases.villageId)
	]);

	const byMeasure = { home_quarantine: 0, home_monitoring: 0, health_monitoring: 0, centralised: 0 };
	const byPlace = { home: 0, hotel: 0 };
	const perVillage = new Map<string, number>();
	let endingToday = 0;
	for (const row of active) {
		byMeasure[row.measure] += row.n;
		byPlace[row.placeKind] += row.n;
		if (row.endsToday) endingToday += row.n;
		const key = `${row.villageId}\u0000${row.measure}`;
		perVillage.set(key, (perVillage.get(key) ?? 0) + row.n);
	}

	const returneeCounts: Quarantine['returnees'] = { today: 0, total: 0, byMeasure: {}, byTownship: [] };
	const townships = new Map<string, { township: string; today: number; total: number }>();
	for (const row of arrivals) {
		const today = row.today ? row.n : 0;
		returneeCounts.today += today;
		returneeCounts.total += row.n;
		const measure = (returneeCounts.byMeasure[row.measure] ??= { today: 0, total: 0 });
		measure.today += today;
		measure.total += row.n;
		const name = townshipOf(row.villageId);
		const township = townships.get(name) ?? { township: name, today: 0, total: 0 };
		township.today += today;
		township.total += row.n;
		townships.set(name, township);
	}
	returneeCounts.byTownship = [...townships.values()].sort((a, b) => a.township.localeCompare(b.township));

	const tests = new Map<string, { overdue: number; positive: number }>();
	for (const row of overdueTests) tests.set(row.villageId, { overdue: row.n, positive: 0 });
	for (const row of positiveTests) tests.set(row.villageId, { overdue: tests.get(row.villageId)?.overdue ?? 0, positive: row.n });
	const places = await villagePlaces(db, [...tests.keys()]);

	return {
		byMeasure,
		byPlace,
		endingToday,
		returnees: returneeCounts,
		tests: [...tests]
			.map(([villageId, entry]) => ({ villageId, village: places.get(villageId)?.name ?? nameOfRegionId(villageId), lat: places.get(villageId)?.lat ?? null, lon: places.get(villageId)?.lon ?? null, ...entry }))
			.sort((a, b) => a.villageId.localeCompare(b.villageId)),
		byVillage: [...perVillage].map(([key, n]) => {
			const [villageId, measure] = key.split('\u0000');
			return { villageId, measure, n };
		})
	};
}
