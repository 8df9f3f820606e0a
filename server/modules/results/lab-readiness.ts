/**
 * The wall's readiness figure: can the county's own labs test all its residents at 20:1 within
 * 24 h (001; labReadiness in src/lib/domain/turnaround.ts)? Residents: the roster (花名册) when one
 * is loaded and larger, else the villages' registered population (or the household ledger's
 * members), as the wall's coverage counts them. Capacity: the labs ledger's testing labs (a
 * transfer station tests nothing). Always the county's, also on a township's wall.
 */
import { count, eq, sum } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { households, labs, regions, rosterMembers } from '../../db/schema/index';
import type { LabReadinessFigure } from '../../../src/lib/protocol/results';
import { labReadiness, TURNAROUND_RULES } from '../../../src/lib/domain/turnaround';

export async function countyLabReadiness(db: Db): Promise<LabReadinessFigure> {
	const [[population], [members], [roster], labRows] = await Promise.all([
		db.select({ n: sum(regions.population) }).from(regions).where(eq(regions.level, 'village')),
		db.select({ n: sum(households.members) }).from(households),
		db.select({ n: count() }).from(rosterMembers),
		db.select({ capacityTubesPerDay: labs.capacityTubesPerDay }).from(labs).where(eq(labs.kind, 'lab'))
	]);
	const registered = Number(population?.n ?? 0) || Number(members?.n ?? 0);
	const residents = Math.max(registered, Number(roster?.n ?? 0));
	const figure = labReadiness(residents, labRows);
	return {
		residents, tubesNeeded: figure.tubesNeeded, capacityTubes: figure.capacityTubes, ready: figure.ready,
		ratio: Number.isFinite(figure.ratio) ? Math.round(figure.ratio * 100) / 100 : null,
		hoursNeeded: Number.isFinite(figure.hoursNeeded) ? Math.round(figure.hoursNeeded * 10) / 10 : null,
		poolSize: TURNAROUND_RULES.poolSize, readinessHours: TURNAROUND_RULES.readinessHours
	};
}

