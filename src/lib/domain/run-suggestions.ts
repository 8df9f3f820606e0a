/**
 * Which suggested pickup runs the dispatcher sees, refresh after refresh. planPickups (custody.ts)
 * is greedy: a courier's fix moving 50 m or a box sealed elsewhere can hand a site to another
 * courier, so the list reshuffled every 5 s and a dispatcher could not act on what they had read.
 *
 * The same idea as the staffing plan (staffing-plan.ts choosePlan): the runs shown before are kept,
 * re-timed on the current state (sites served since dropped, new sites planned with the couriers
 * left over), unless a fresh plan is better by a margin. "Better" is planCost: minutes until each
 * site's boxes reach a lab, with every site that cannot be planned, or only late, weighing as much
 * as hours of driving, so a plan that saves a box always wins and one that saves a minute never does.
 *
 * Couriers silent for too long get no suggestion at all: a run for a courier whose phone has not
 * reported for 10 minutes is a run nobody may be driving (the board says so).
 */
import { arrivalTimes, CUSTODY_RULES, planPickups, type CourierState, type CustodyRules, type LabState, type PickupPlan, type PickupRun, type WaitingBoxes } from './custody';
import { sampleDeadline } from './sample-deadline';

export const RUN_SUGGESTION_RULES = {
	/** A fresh plan replaces the shown one only when it costs this fraction less… */
	switchMargin: 0.15,
	/** …and at least this many minutes less (a small plan's 15 % is noise). */
	minGainMinutes: 10,
	/** A site that cannot be planned in time weighs this much (a dispatcher must act on it). */
	unplannedPenaltyMinutes: 240,
	/** A site on a late (rescue) run weighs this much on top of its arrival. */
	latePenaltyMinutes: 60,
	/** No fix for longer than this: the courier gets no suggested run. */
	silentAfterMinutes: 10
} as const;

export type RunSuggestionRules = { [K in keyof typeof RUN_SUGGESTION_RULES]: number };

/** What is remembered of a shown run: who goes where in which order, and to which lab. */
export interface ShownRun {
	courierId: string;
	siteIds: string[];
	labId: string;
}

export interface PlanState {
	sites: WaitingBoxes[];
	couriers: CourierState[];
	labs: LabState[];
	now: number;
}

/** Whether a courier's last fix is too old to suggest it a run (a courier never heard from is silent too). */
export function courierSilent(lastFixAt: number | null, now: number, rules: RunSuggestionRules = RUN_SUGGESTION_RULES): boolean {
	return lastFixAt === null || now - lastFixAt > rules.silentAfterMinutes * 60_000;
}

/** Minutes until every site's boxes reach a lab, with unplanned and late sites weighed heavily. Lower is better. */
export function planCost(plan: PickupPlan, now: number, rules: RunSuggestionRules = RUN_SUGGESTION_RULES): number {
	let cost = 0;
	for (const run of plan.runs) {
		const atLab = Math.max(0, (run.arrivals[run.arrivals.length - 1] - now) / 60_000);
		cost += run.siteIds.length * (atLab + (run.late ? rules.latePenaltyMinutes : 0));
	}
	return cost + plan.unplanned.length * rules.unplannedPenaltyMinutes;
}

export function shownRunsOf(plan: PickupPlan): ShownRun[] {
	return plan.runs.map(({ courierId, siteIds, labId }) => ({ courierId, siteIds: [...siteIds], labId }));
}

/**
 * The shown runs again on the current state: sites no longer waiting dropped, arrivals re-timed
 * from where each courier is now; a run whose courier is gone (silent, busy elsewhere), whose lab
 * has no room left, or with no site left, is dropped. Sites and couriers left over are planned
 * afresh, so no waiting site is forgotten.
 */
export function replanShown(previous: ShownRun[], state: PlanState, custodyRules: CustodyRules = CUSTODY_RULES): PickupPlan {
	const spare = new Map(state.labs.map((lab) => [lab.id, lab.spareTubes]));
	const sites = new Map(state.sites.map((site) => [site.siteId, site]));
	const kept: PickupRun[] = [];
	const taken = new Set<string>();
	for (const shown of previous) {
		const courier = state.couriers.find((each) => each.id === shown.courierId);
		const lab = state.labs.find((each) => each.id === shown.labId);
		const stops = shown.siteIds.filter((id) => !taken.has(id)).map((id) => sites.get(id)).filter((site) => site !== undefined);
		if (!courier || !lab || stops.length === 0 || kept.some((run) => run.courierId === courier.id)) continue;
		const tubes = stops.reduce((total, stop) => total + stop.tubes, 0);
		if ((spare.get(lab.id) ?? 0) < tubes) continue;
		const arrivals = arrivalTimes(courier.location, [...stops.map((stop) => stop.location), lab.location], Math.max(state.now, courier.freeAt), custodyRules);
		const deadline = Math.min(...stops.map((stop) => sampleDeadline(stop.oldestSealedAt)));
		kept.push({ courierId: courier.id, siteIds: stops.map((stop) => stop.siteId), labId: lab.id, arrivals, tubes, deadline, late: arrivals[arrivals.length - 1] > deadline });
		spare.set(lab.id, (spare.get(lab.id) ?? 0) - tubes);
		for (const stop of stops) taken.add(stop.siteId);
	}
	const rest = planPickups({
		sites: state.sites.filter((site) => !taken.has(site.siteId)),
		couriers: state.couriers.filter((courier) => !kept.some((run) => run.courierId === courier.id)),
		labs: state.labs.map((lab) => ({ ...lab, spareTubes: spare.get(lab.id) ?? 0 })),
		now: state.now,
		rules: custodyRules
	});
	return { runs: [...kept, ...rest.runs], unplanned: rest.unplanned };
}

/**
 * The plan to show: the one shown before, re-timed and topped up (replanShown), unless the fresh
 * candidate costs less by the margin. Nothing shown before: the candidate.
 */
export function chooseSuggestions(previous: ShownRun[] | null, candidate: PickupPlan, state: PlanState, rules: RunSuggestionRules = RUN_SUGGESTION_RULES, custodyRules: CustodyRules = CUSTODY_RULES): PickupPlan {
	if (!previous || previous.length === 0) return candidate;
	const kept = replanShown(previous, state, custodyRules);
	const keptCost = planCost(kept, state.now, rules);
	const candidateCost = planCost(candidate, state.now, rules);
	const better = candidateCost < keptCost * (1 - rules.switchMargin) && keptCost - candidateCost >= rules.minGainMinutes;
	return better ? candidate : kept;
}
