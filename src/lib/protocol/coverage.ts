/**
 * Coverage of the day's round per village and township (不漏一人), and the finish forecast against
 * the one-day target: what GET /api/coverage answers and the wall overview's `roundCoverage`
 * carries. Counts only: the gap list of names is a separate, scoped and audited request
 * (CoverageGap), never on a wall.
 */

export interface CoverageCounts {
	registered: number;
	sampled: number;
	/** 0–1 (sampled / registered; 1 with nobody registered). */
	coverage: number;
	notYetSampled: number;
	/** Of those not yet sampled, the ones who cannot come: door-to-door. */
	doorToDoor: number;
}

/** A finish forecast of a village, a township or the county (epoch ms as ISO, China time shown by the page). */
export interface FinishView {
	/** ISO; null when it cannot finish as things stand (no staff, nobody coming). */
	finishAt: string | null;
	/** target − finish in minutes; negative: late; null when it cannot finish. */
	marginMinutes: number | null;
	misses: boolean;
	/** Why it ends when it does: done, desks, arrivals, timetable, home_visits, no_staff, nobody_coming (BOUND_TEXT). */
	bound: string;
}

export interface VillageCoverageView extends CoverageCounts {
	villageId: string;
	/** The village's name as the ledger has it (Chinese). */
	name: string;
	townshipId: string;
	finish: FinishView | null;
}

export interface TownshipCoverageView extends CoverageCounts {
	townshipId: string;
	name: string;
	villages: number;
	/** The share the day expects by now (0–1), or null. */
	target: number | null;
	finish: FinishView | null;
}

export interface RoundCoverage {
	/** The service day (YYYY-MM-DD, China time). */
	day: string;
	generatedAt: string;
	county: CoverageCounts & { finish: FinishView | null };
	/** The one-day target (ISO): the round's start + 24 h, or the commander's deadline. */
	targetAt: string | null;
	/** "预计 21:40 全部完成，目标 24:00，余量 2 小时 20 分" and its English, made by the server once. */
	forecastText: { zh: string; en: string } | null;
	townships: TownshipCoverageView[];
	villages: VillageCoverageView[];
}

/** One person not yet sampled, as a village officer sees them: masked, by roster code. */
export interface CoverageGapMember {
	memberCode: string;
	householdId: string;
	/** Masked (张*三); null when the roster does not name them. */
	nameMasked: string | null;
	memberNo: number;
	/** Why they cannot come (aged, disabled, bedridden, care_home); empty when they can. */
	cannotCome: string[];
	/** An open door-to-door visit for them today, if any. */
	doorVisitId: number | null;
}

export interface CoverageGap {
	day: string;
	villageId: string;
	name: string;
	registered: number;
	sampled: number;
	members: CoverageGapMember[];
}
