/**
 * The day's coverage (RoundCoverage, src/lib/protocol/coverage.ts) from the roster and the members
 * sampled: one GROUP BY over roster_members ⟕ sampled_members per village, never a member loaded
 * into JS, rolled up by township and county with the rules of src/lib/domain/coverage.ts. Computed
 * at most every COVERAGE_TTL_MS (one computation in flight), so any number of walls and pages cost
 * one query; the finish forecast is attached through finish-forecast.ts (H3's hook). Counts only:
 * no name, no member code leaves here.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { RoundCoverage, TownshipCoverageView, VillageCoverageView } from '../../../src/lib/protocol/coverage';
import { countyCoverage, expectedCoverageBy, townshipCoverage, type VillageCoverage } from '../../../src/lib/domain/coverage';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { nameOfRegionId } from '../ledgers/region-ids';
import { attachForecast } from './finish-forecast';

export const COVERAGE_TTL_MS = 3_000;
const DAY_MS = 24 * 3_600_000;

interface VillageRow {
	township_id: string;
	village_id: string;
	registered: number | string;
	sampled: number | string;
	door: number | string;
}

/** PGlite answers { rows }, postgres-js an array of rows. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

/**
 * Counts per village for a service day. The domain's VillageCoverage lists codes; here only their
 * numbers are known, so `notYetSampled`/`doorToDoor` are carried as counts (arrays of that length
 * are never built: the roll-ups read `.length` and sums only).
 */
async function villageCounts(db: Db, day: string) {
	const [counted, names, started] = await Promise.all([
		db.execute(sql`select r.township_id, r.village_id, count(*) as registered, count(s.member_code) as sampled,
			count(*) filter (where s.member_code is null and cardinality(r.cannot_come) > 0) as door
			from roster_members r left join sampled_members s on s.day = ${day} and s.member_code = r.code
			group by r.township_id, r.village_id order by r.township_id, r.village_id`),
		db.execute(sql`select id, name from regions where level in ('township', 'village')`),
		db.execute(sql`select min(sampled_at) as first from sampled_members where day = ${day}`)
	]);
	const nameOf = new Map(rowsOf<{ id: string; name: string }>(names).map((row) => [row.id, row.name]));
	const first = rowsOf<{ first: string | Date | null }>(started)[0]?.first ?? null;
	const rows = rowsOf<VillageRow>(counted).map((row) => ({ townshipId: row.township_id, villageId: row.village_id, registered: Number(row.registered), sampled: Number(row.sampled), door: Number(row.door) }));
	return { rows, nameOf: (id: string) => nameOf.get(id) ?? nameOfRegionId(id), roundStart: first === null ? null : new Date(first).getTime() };
}

/** A count shaped as the domain's list (its length is all the roll-ups read). */
const counted = (n: number): string[] => ({ length: n }) as unknown as string[];

export async function computeRoundCoverage(db: Db, now: number): Promise<RoundCoverage> {
	const day = serviceDay(now);
	const { rows, nameOf, roundStart } = await villageCounts(db, day);
	const villages: VillageCoverage[] = rows.map((row) => ({
		villageId: row.villageId, townshipId: row.townshipId, registered: row.registered, sampled: row.sampled,
		coverage: row.registered > 0 ? row.sampled / row.registered : 1,
		notYetSampled: counted(row.registered - row.sampled), doorToDoor: counted(row.door)
	}));
	// The day's target share by now: a straight line from the first sample to 24 h later (确保1天内完成); attachForecast
	// redraws it from the round's start to its target (the commander's deadline, or start + 24 h) when it knows them.
	const target = roundStart === null ? null : expectedCoverageBy(now, roundStart, roundStart + DAY_MS);
	const townships: TownshipCoverageView[] = townshipCoverage(villages, target).map((township) => ({
		townshipId: township.townshipId, name: nameOf(township.townshipId), villages: township.villages,
		registered: township.registered, sampled: township.sampled, coverage: township.coverage, notYetSampled: township.notYetSampled, doorToDoor: township.doorToDoor,
		target: township.target, finish: null
	}));
	const county = countyCoverage(villages, target);
	const coverage: RoundCoverage = {
		day, generatedAt: new Date(now).toISOString(),
		county: { registered: county.registered, sampled: county.sampled, coverage: county.coverage, notYetSampled: county.notYetSampled, doorToDoor: county.doorToDoor, finish: null },
		targetAt: null, forecastText: null, townships,
		villages: villages.map((village): VillageCoverageView => ({
			villageId: village.villageId, name: nameOf(village.villageId), townshipId: village.townshipId,
			registered: village.registered, sampled: village.sampled, coverage: village.coverage,
			notYetSampled: village.notYetSampled.length, doorToDoor: village.doorToDoor.length, finish: null
		}))
	};
	return attachForecast(db, coverage, now);
}

/** The coverage a township sees: its own villages and its own figure as the county's. */
export function scopeCoverage(coverage: RoundCoverage, townshipId: string | null): RoundCoverage {
	if (townshipId === null) return coverage;
	const township = coverage.townships.find((each) => each.townshipId === townshipId);
	const empty = { registered: 0, sampled: 0, coverage: 1, notYetSampled: 0, doorToDoor: 0, finish: null };
	return {
		...coverage,
		county: township ? { registered: township.registered, sampled: township.sampled, coverage: township.coverage, notYetSampled: township.notYetSampled, doorToDoor: township.doorToDoor, finish: township.finish } : empty,
		townships: township ? [township] : [],
		villages: coverage.villages.filter((village) => village.townshipId === townshipId)
	};
}

/** Cached per process: at most one computation every COVERAGE_TTL_MS, whoever asks. */
export class RoundCoverages {
	#db: Db;
	#cached: { at: number; coverage: Promise<RoundCoverage> } | null = null;

	constructor(db: Db) {
		this.#db = db;
	}

	get(townshipId: string | null = null, now = Date.now()): Promise<RoundCoverage> {
		const cached = this.#cached;
		// A new service day is computed anew at once: yesterday's counts are not today's.
		if (!cached || now - cached.at >= COVERAGE_TTL_MS || now < cached.at || serviceDay(cached.at) !== serviceDay(now)) {
			const coverage = computeRoundCoverage(this.#db, now);
			this.#cached = { at: now, coverage };
			coverage.catch(() => {
				if (this.#cached?.coverage === coverage) this.#cached = null;
			});
		}
		return this.#cached!.coverage.then((coverage) => scopeCoverage(coverage, townshipId));
	}

	/** Drops the cached figure (a deadline set here changes the target): the next get computes anew. */
	forget(): void {
		this.#cached = null;
	}
}
