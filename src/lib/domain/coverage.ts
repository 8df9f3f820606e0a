/**
 * Coverage of a mass-testing round (应检尽检、不漏一人, seed 001): every registered resident of a
 * village on its roster (花名册) sampled within the day. From the roster and the member codes
 * sampled so far: per village registered, sampled, coverage and who is not yet sampled; those who
 * cannot come (aged, disabled, bedridden, care home 敬老院) and are not yet sampled become
 * door-to-door (上门采样) candidates, since "对行动不便人员……上门采样" and "城门敬老院……上门服务"
 * (001). Township and county roll-ups against the day's target share. Pure; no names here: the
 * caller masks (masking.ts) what it shows, and only to that village's officers.
 */

/** Why a member cannot come to a site (001 七、特殊情况处置). */
export type CannotComeReason = 'aged' | 'disabled' | 'bedridden' | 'care_home';

export interface RosterMember {
	/** The member's roster code (the QR printed from the roster), never an ID number. */
	code: string;
	villageId: string;
	townshipId: string;
	/** The household, for 一户一管 and for grouping door-to-door visits. */
	householdId: string;
	/** Empty when the member can come to the site. */
	cannotCome: readonly CannotComeReason[];
}

export interface VillageCoverage {
	villageId: string;
	townshipId: string;
	registered: number;
	sampled: number;
	/** 0–1; 1 for a village with nobody registered (nothing is missing). */
	coverage: number;
	/** Member codes not yet sampled, in roster order: the village officers' gap list. */
	notYetSampled: string[];
	/** Of those, the ones who cannot come: door-to-door candidates. */
	doorToDoor: string[];
}

export interface CoverageRollUp {
	registered: number;
	sampled: number;
	coverage: number;
	notYetSampled: number;
	doorToDoor: number;
	/** Coverage the day expects by now (0–1), when given. */
	target: number | null;
	/** Coverage minus target (negative: behind); null without a target. */
	againstTarget: number | null;
}

export interface TownshipCoverage extends CoverageRollUp {
	townshipId: string;
	villages: number;
}

/** The day's default: everyone (应检尽检). */
export const COVERAGE_TARGET = 1;

const ratio = (sampled: number, registered: number) => (registered > 0 ? sampled / registered : 1);

/**
 * Per village, in the order villages first appear on the roster. A sampled code that is not on
 * the roster (someone from elsewhere, a mistyped code) counts nowhere: coverage is of the roster.
 */
export function villageCoverage(roster: readonly RosterMember[], sampledCodes: Iterable<string>): VillageCoverage[] {
	const sampled = sampledCodes instanceof Set ? (sampledCodes as ReadonlySet<string>) : new Set(sampledCodes);
	const villages = new Map<string, VillageCoverage>();
	const seen = new Set<string>();
	for (const member of roster) {
		// A member listed twice (two imports of one ledger) is one person.
		if (seen.has(member.code)) continue;
		seen.add(member.code);
		let village = villages.get(member.villageId);
		if (!village) {
			village = { villageId: member.villageId, townshipId: member.townshipId, registered: 0, sampled: 0, coverage: 1, notYetSampled: [], doorToDoor: [] };
			villages.set(member.villageId, village);
		}
		village.registered++;
		if (sampled.has(member.code)) {
			village.sampled++;
		} else {
			village.notYetSampled.push(member.code);
			if (member.cannotCome.length > 0) village.doorToDoor.push(member.code);
		}
	}
	for (const village of villages.values()) village.coverage = ratio(village.sampled, village.registered);
	return [...villages.values()];
}

function rollUp(villages: readonly VillageCoverage[], target: number | null): CoverageRollUp {
	const registered = villages.reduce((sum, village) => sum + village.registered, 0);
	const sampled = villages.reduce((sum, village) => sum + village.sampled, 0);
	const coverage = ratio(sampled, registered);
	return {
		registered, sampled, coverage,
		notYetSampled: registered - sampled,
		doorToDoor: villages.reduce((sum, village) => sum + village.doorToDoor.length, 0),
		target, againstTarget: target === null ? null : coverage - target
	};
}

/** Per township, in the order townships first appear; `targets` by township id (else `target`). */
export function townshipCoverage(villages: readonly VillageCoverage[], target: number | null = COVERAGE_TARGET, targets: Readonly<Record<string, number>> = {}): TownshipCoverage[] {
	const byTownship = new Map<string, VillageCoverage[]>();
	for (const village of villages) byTownship.set(village.townshipId, [...(byTownship.get(village.townshipId) ?? []), village]);
	return [...byTownship].map(([townshipId, list]) => ({ townshipId, villages: list.length, ...rollUp(list, targets[townshipId] ?? target) }));
}

/** The county's figure: all villages together. */
export function countyCoverage(villages: readonly VillageCoverage[], target: number | null = COVERAGE_TARGET): CoverageRollUp {
	return rollUp(villages, target);
}

/**
 * The coverage the day expects by an instant, when sampling runs evenly from the round's start to
 * its deadline (the wall's "against the day's target" while the day is on): 0 before the start,
 * 1 from the deadline on. A straight line is the plain reading of "确保1天内完成" (001).
 */
export function expectedCoverageBy(now: number, roundStart: number, deadline: number): number {
	if (deadline <= roundStart) return now >= deadline ? 1 : 0;
	return Math.min(1, Math.max(0, (now - roundStart) / (deadline - roundStart)));
}

/**
 * Door-to-door candidates grouped by household, in roster order, so one visit samples a whole
 * household (the pickup planner's routing orders the visits; the caller supplies the homes).
 */
export function doorToDoorHouseholds(roster: readonly RosterMember[], village: Pick<VillageCoverage, 'doorToDoor'>): { householdId: string; codes: string[] }[] {
	const wanted = new Set(village.doorToDoor);
	const households = new Map<string, string[]>();
	for (const member of roster) {
		if (!wanted.has(member.code)) continue;
		wanted.delete(member.code);
		households.set(member.householdId, [...(households.get(member.householdId) ?? []), member.code]);
	}
	return [...households].map(([householdId, codes]) => ({ householdId, codes }));
}
