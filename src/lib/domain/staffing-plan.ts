/**
 * The staffing plan: which samplers to move where so that waiting falls most, as ONE plan.
 * Pure and deterministic.
 *
 * - Each move is evaluated on the state after the moves above it (the samplers gone from the
 *   donor, on their way to the receiver), and the numbers it shows are that state's.
 * - A site is a donor or a receiver in a plan, never both, so no pair of moves cancels and no
 *   chain of moves comes back where it started; a site with staff already on the way to it is a
 *   receiver. Two desks from one donor to one receiver are one move, not the same move twice.
 * - A move is kept only if it cuts the total waiting (totalWaiting) by minGainPersonMinutes and
 *   leaves the receiver's wait shorter than without it, so no move makes both sites worse.
 * - A sampler is in at most one move (a mover is no longer at the donor), and is not moved again
 *   within minMinutesBetweenMoves of arriving from a move.
 * - Staff flow from shorter waits to longer ones only: the donor's wait after the move is at most
 *   the receiver's before it; and where the donor's queue, forecast with its measured arrivals,
 *   grows after the move, at every quarter-hour of the next donorLookaheadMinutes it waits no
 *   longer than the receiver would then without the move, so a quiet site about to fill up
 *   lends no staff. No move goes back along a move of the last noReverseMinutes.
 * - The receiver's before/after are read once every sampler heading there (this move and the ones
 *   above it, and those on the road) has arrived, so a second move to a site starts from where the
 *   first left it.
 *
 * The objective, totalWaiting: person-minutes of queueing over the next horizonMinutes at every
 * site, from a fluid model of each queue (arrivals at the measured rate, service at staffed
 * desks × the site's rate, desks added as staff arrive), plus what is still queueing at the
 * horizon until it drains. Shown waits use the one model every screen uses (site-load.ts).
 *
 * Stability, per move: a move shown stays while, re-evaluated on the current state, it still saves
 * the minimum less a margin and keeps the rules (evaluatePlan); a new move appears only with
 * margins (gainThresholds' appear line and newMoveWaitMarginMinutes), so noisy refreshes do not
 * make a move come and go, and a move whose benefit is gone does not linger. Moves applied drop out because their samplers
 * left the donor.
 */
import { expectedWaitMinutes } from './site-load';
import { staffedDesks, STAFFING_RULES, travelMinutes, type SamplerOnShift, type SiteStaffing, type StaffingRules, type StaffMove } from './staffing';

/** Samplers already moved and on their way: counted at the receiver from their arrival. */
export interface InTransit {
	toSiteId: string;
	count: number;
	/** When they arrive (epoch ms). */
	etaMs: number;
}

export interface PlanInput {
	sites: SiteStaffing[];
	inTransit?: InTransit[];
	/** Epoch ms the etas are measured from; only needed with inTransit. */
	now?: number;
	/** A shift leader's township: both ends of every move lie in it. Null: the whole county. */
	townshipId?: string | null;
	/** Moves made recently (the board's recent moves, not undone): none is suggested back along one. */
	recentMoves?: RecentMove[];
	rules?: StaffingRules;
}

export interface RecentMove {
	fromSiteId: string;
	toSiteId: string;
	/** When it was made (epoch ms). */
	atMs: number;
}

/** What names a move: who goes from where to where. The numbers are derived from the state. */
export type MoveSpec = Pick<StaffMove, 'samplerIds' | 'fromSiteId' | 'toSiteId'>;

/** The share of the two sites' forecast waiting that one noisy reading swings a move's gain by. */
const GAIN_NOISE_SHARE = 0.02;
/** The least margin around the minimum gain, as a share of it: a move appears above min × 1.25 and goes below min × 0.75. */
const GAIN_MARGIN_SHARE = 0.25;

/**
 * Hysteresis on a move's gain (person-minutes saved): a new move appears only when it saves the
 * minimum plus a margin; a move on show goes when it saves less than the minimum less a margin, so
 * a gain hovering at the minimum neither flickers nor stays once it is clearly gone. The margin is
 * a quarter of the minimum or, where the two sites' waiting is large, 2 % of it (a noisy reading
 * swings the forecast by that much); the drop line never falls below half the minimum.
 */
export function gainThresholds(minGain: number, waitingOfBoth: number): { appear: number; drop: number } {
	const margin = Math.max(GAIN_MARGIN_SHARE * minGain, GAIN_NOISE_SHARE * waitingOfBoth);
	return { appear: minGain + margin, drop: minGain - Math.min(margin, minGain / 2) };
}

/** People still queueing at the horizon count until they are served, up to this many minutes each. */
const TAIL_CAP_MINUTES = 600;

interface Arrival {
	/** Minutes from now. */
	atMinute: number;
	/** Samplers inside their PPE limit when they arrive. */
	able: number;
}

interface PlanSite {
	site: SiteStaffing;
	/** Samplers at the site now. */
	present: SamplerOnShift[];
	arrivals: Arrival[];
	role: 'donor' | 'receiver' | null;
}

type PlanState = Map<string, PlanSite>;

function initialState({ sites, inTransit = [], now = 0 }: PlanInput): PlanState {
	const state: PlanState = new Map();
	for (const site of sites) state.set(site.id, { site, present: [...site.samplers], arrivals: [], role: null });
	for (const transit of inTransit) {
		const target = state.get(transit.toSiteId);
		if (!target || transit.count <= 0) continue;
		target.arrivals.push({ atMinute: Math.max(0, (transit.etaMs - now) / 60_000), able: transit.count });
		// Staff are on their way here: sending staff away now would undo that move.
		target.role = 'receiver';
	}
	return state;
}

const cloneSite = (planSite: PlanSite): PlanSite => ({ ...planSite, present: [...planSite.present], arrivals: [...planSite.arrivals] });

/** Desks staffed at minute t: pairs of able samplers present then, at most the desks. */
function serversAt(planSite: PlanSite, t: number, rules: StaffingRules): number {
	const able = planSite.present.filter((sampler) => sampler.hoursWorked < sampler.ppeLimitHours).length + planSite.arrivals.filter((arrival) => arrival.atMinute <= t).reduce((total, arrival) => total + arrival.able, 0);
	return Math.min(planSite.site.desks, Math.floor(able / rules.samplersPerDesk));
}

/** The fluid queue from now to minute `until`: its length then and the person-minutes queued on the way. */
function simulate(planSite: PlanSite, until: number, rules: StaffingRules): { queue: number; area: number } {
	const { arrivalsPerMinute: lambda, peoplePerSamplerHour } = planSite.site;
	const mu = peoplePerSamplerHour / 60;
	const changes = [...new Set(planSite.arrivals.map((arrival) => arrival.atMinute).filter((t) => t > 0 && t < until))].sort((a, b) => a - b);
	let queue = Math.max(0, planSite.site.queueLength);
	let area = 0;
	let t = 0;
	for (const next of [...changes, until]) {
		const rate = lambda - serversAt(planSite, t, rules) * mu;
		const span = next - t;
		if (rate < 0 && queue + rate * span < 0) {
			area += (queue * (queue / -rate)) / 2;
			queue = 0;
		} else {
			area += queue * span + (rate * span * span) / 2;
			queue += rate * span;
		}
		t = next;
	}
	return { queue, area };
}

/** Person-minutes of waiting at a site: the horizon's queueing plus the tail still queueing then. */
function siteWaiting(planSite: PlanSite, rules: StaffingRules): number {
	const horizon = rules.horizonMinutes;
	const { queue, area } = simulate(planSite, horizon, rules);
	const spare = serversAt(planSite, horizon, rules) * (planSite.site.peoplePerSamplerHour / 60) - planSite.site.arrivalsPerMinute;
	const tail = spare > 0 ? Math.min((queue * queue) / (2 * spare), queue * TAIL_CAP_MINUTES) : queue * TAIL_CAP_MINUTES;
	return area + tail;
}

/** The wait every screen would show at a site at minute t (site-load.ts). */
function shownWaitAt(planSite: PlanSite, t: number, rules: StaffingRules): number {
	return expectedWaitMinutes(simulate(planSite, t, rules).queue, serversAt(planSite, t, rules));
}

interface Evaluated {
	move: StaffMove;
	from: PlanSite;
	to: PlanSite;
}

/** The state of both ends after a move, and its effect; no rule checked. */
function effectOn(state: PlanState, spec: MoveSpec, rules: StaffingRules) {
	const from = state.get(spec.fromSiteId)!;
	const to = state.get(spec.toSiteId)!;
	const travel = travelMinutes(from.site.location, to.site.location, rules);
	const movers = from.present.filter((sampler) => spec.samplerIds.includes(sampler.id));
	const fromAfter: PlanSite = { ...cloneSite(from), present: from.present.filter((sampler) => !spec.samplerIds.includes(sampler.id)) };
	const able = movers.filter((sampler) => sampler.hoursWorked + travel / 60 < sampler.ppeLimitHours).length;
	const toAfter: PlanSite = { ...cloneSite(to), arrivals: [...to.arrivals, { atMinute: travel, able }] };
	const gain = siteWaiting(from, rules) + siteWaiting(to, rules) - siteWaiting(fromAfter, rules) - siteWaiting(toAfter, rules);
	// The receiver is read once everyone heading there has arrived: a second move to a site starts from the first's "after".
	const readAt = Math.max(travel, ...to.arrivals.map((arrival) => arrival.atMinute));
	return {
		travel,
		movers,
		fromAfter,
		toAfter,
		gain,
		from: { before: shownWaitAt(from, 0, rules), after: shownWaitAt(fromAfter, 0, rules) },
		// The receiver when the staff would arrive: what they find, without and with them.
		to: { before: shownWaitAt(to, readAt, rules), after: shownWaitAt(toAfter, readAt, rules) },
		/** The receiver's wait now, as the board shows it. */
		toNow: shownWaitAt(to, 0, rules),
		/** Minutes the donor, its queue grown, would wait beyond the receiver without the move at the worst quarter-hour ahead. */
		donorExcess: donorExcess(fromAfter, to, readAt, rules)
	};
}

/**
 * Over the next donorLookaheadMinutes, by quarter-hours: how much longer the donor after the move
 * waits than the receiver would without it, at the moments the donor's queue has grown past
 * now's (-Infinity when it never grows: a donor that stays as it is is judged by from.after).
 */
function donorExcess(fromAfter: PlanSite, to: PlanSite, readAt: number, rules: StaffingRules): number {
	const now = shownWaitAt(fromAfter, 0, rules);
	let worst = -Infinity;
	for (let t = 15; t <= rules.donorLookaheadMinutes; t += 15) {
		const donor = shownWaitAt(fromAfter, t, rules);
		if (donor > now) worst = Math.max(worst, donor - shownWaitAt(to, Math.max(t, readAt), rules));
	}
	return worst;
}

/** A move on a plan's state, with its numbers; null when it breaks a rule or does not pay. */
function evaluateMove(state: PlanState, spec: MoveSpec, { townshipId = null, rules = STAFFING_RULES, recentMoves = [], now = 0 }: PlanInput, fresh: boolean): Evaluated | null {
	const from = state.get(spec.fromSiteId);
	const to = state.get(spec.toSiteId);
	if (!from || !to || from === to || spec.samplerIds.length === 0) return null;
	const inScope = (planSite: PlanSite) => townshipId === null || planSite.site.townshipId === townshipId;
	if (!from.site.open || !to.site.open || !inScope(from) || !inScope(to)) return null;
	if (from.role === 'receiver' || to.role === 'donor') return null;
	if (new Set(spec.samplerIds).size !== spec.samplerIds.length) return null;
	if (reversesRecentMove(spec, recentMoves, now, rules)) return null;
	const effect = effectOn(state, spec, rules);
	// Every mover still at the donor (a move applied since has taken them), rested and with PPE time left.
	if (effect.movers.length !== spec.samplerIds.length) return null;
	for (const sampler of effect.movers) {
		if ((sampler.minutesSinceMoved ?? Infinity) < rules.minMinutesBetweenMoves) return null;
		if (sampler.ppeLimitHours - sampler.hoursWorked - effect.travel / 60 < rules.minHoursLeftAfterMove) return null;
	}
	if (staffedDesks({ desks: from.site.desks, samplers: effect.fromAfter.present }, rules) < rules.minDesksWhileOpen) return null;
	// The staff must staff a desk that would otherwise stand empty.
	if (serversAt(effect.toAfter, Infinity, rules) <= serversAt(to, Infinity, rules)) return null;
	// Hysteresis on the gain (gainThresholds): a new move must save the minimum plus a margin; a move
	// shown stays until, on the current state, it saves less than the minimum less a margin.
	const thresholds = gainThresholds(rules.minGainPersonMinutes, siteWaiting(from, rules) + siteWaiting(to, rules));
	if (!Number.isFinite(effect.gain) || effect.gain < (fresh ? thresholds.appear : thresholds.drop)) return null;
	if (!(effect.to.after < effect.to.before)) return null;
	// From shorter waits to longer ones only (a new move with a margin): no site made much worse to help a less busy one.
	if (!(effect.from.after + (fresh ? rules.newMoveWaitMarginMinutes : 0) <= effect.to.before)) return null;
	// ...and over the next hour too: the donor's own arrivals must not make it the crowded site the staff just left.
	if (!(effect.donorExcess + (fresh ? rules.newMoveWaitMarginMinutes : 0) <= 0)) return null;
	return {
		move: { samplerIds: [...spec.samplerIds], fromSiteId: spec.fromSiteId, toSiteId: spec.toSiteId, travelMinutes: effect.travel, from: roundPair(effect.from), to: roundPair(effect.to), gain: Math.round(effect.gain) },
		from: { ...effect.fromAfter, role: 'donor' },
		to: { ...effect.toAfter, role: 'receiver' }
	};
}

/** Whether a move goes back along a recent one (A→B made lately, now B→A): staff would flow straight back. */
function reversesRecentMove(spec: MoveSpec, recentMoves: RecentMove[], now: number, rules: StaffingRules): boolean {
	return recentMoves.some((recent) => recent.fromSiteId === spec.toSiteId && recent.toSiteId === spec.fromSiteId && now - recent.atMs < rules.noReverseMinutes * 60_000);
}

/**
 * Re-evaluates moves in order on the input's state: each on the state after those kept above it.
 * A move that breaks a rule or no longer pays (its samplers have left: it was applied) is dropped.
 */
export function evaluatePlan(input: PlanInput, moves: MoveSpec[]): StaffMove[] {
	return evaluateInto(initialState(input), input, moves);
}

function evaluateInto(state: PlanState, input: PlanInput, moves: MoveSpec[]): StaffMove[] {
	const kept: StaffMove[] = [];
	for (const spec of moves) {
		const evaluated = evaluateMove(state, spec, input, false);
		if (!evaluated) continue;
		kept.push(evaluated.move);
		state.set(spec.fromSiteId, evaluated.from);
		state.set(spec.toSiteId, evaluated.to);
	}
	return kept;
}

function stateAfter(input: PlanInput, moves: MoveSpec[]): PlanState {
	const state = initialState(input);
	evaluateInto(state, input, moves);
	return state;
}

/**
 * The plan: moves of sampler pairs, best first, each from the state the moves above leave, until
 * none saves enough waiting or the plan has maxMoves moves. `start` moves (a plan shown before) are kept
 * first, re-evaluated, and the plan is topped up after them.
 */
export function planMoves(input: PlanInput, { start = [] }: { start?: MoveSpec[] } = {}): StaffMove[] {
	const rules = input.rules ?? STAFFING_RULES;
	let plan = evaluatePlan(input, start);
	// Stops on the state alone (no move pays, or the plan is full), never on a count of rounds, so
	// topping up a plan this function made adds nothing: the same input gives the same plan. Every
	// round raises the plan's gain, so it ends; the cap is a guard, never reached in practice.
	for (let round = 0; round < 10 * rules.maxMoves; round++) {
		const state = stateAfter(input, plan);
		let best: StaffMove | null = null;
		for (const to of state.values()) {
			for (const from of state.values()) {
				if (from === to) continue;
				const travel = travelMinutes(from.site.location, to.site.location, rules);
				const movers = from.present
					.filter((sampler) => (sampler.minutesSinceMoved ?? Infinity) >= rules.minMinutesBetweenMoves)
					.filter((sampler) => sampler.ppeLimitHours - sampler.hoursWorked - travel / 60 >= rules.minHoursLeftAfterMove)
					.sort((a, b) => a.hoursWorked - b.hoursWorked || a.id.localeCompare(b.id))
					.slice(0, rules.samplersPerDesk);
				if (movers.length < rules.samplersPerDesk) continue;
				const evaluated = evaluateMove(state, { samplerIds: movers.map((sampler) => sampler.id), fromSiteId: from.site.id, toSiteId: to.site.id }, input, true);
				if (evaluated && (!best || evaluated.move.gain > best.gain)) best = evaluated.move;
			}
		}
		if (!best) break;
		const chosen = best;
		const same = plan.find((move) => move.fromSiteId === chosen.fromSiteId && move.toSiteId === chosen.toSiteId);
		if (!same && plan.length >= rules.maxMoves) break;
		// A second desk between the same two sites joins the first move: one action, not the same line twice.
		const next = same
			? evaluatePlan(input, plan.map((move) => (move === same ? { ...move, samplerIds: [...move.samplerIds, ...chosen.samplerIds] } : move)))
			: evaluatePlan(input, [...plan, chosen]);
		if (planGain(next) <= planGain(plan)) break;
		plan = next;
	}
	return plan;
}

/** Person-minutes of waiting the plan saves in all. */
export function planGain(moves: Pick<StaffMove, 'gain'>[]): number {
	return moves.reduce((total, move) => total + move.gain, 0);
}

/** The objective: person-minutes of waiting at every site after the moves kept of `moves`, in order. */
export function totalWaiting(input: PlanInput, moves: MoveSpec[] = []): number {
	const rules = input.rules ?? STAFFING_RULES;
	let total = 0;
	for (const planSite of stateAfter(input, moves).values()) total += siteWaiting(planSite, rules);
	return total;
}

/**
 * Which plan to show: the one shown before, re-evaluated on the current state (a move applied,
 * saving less than gainThresholds' drop line now, or against the rules drops out; the others keep their place), topped up with new
 * moves, each of which must clear the margins. A move shown therefore never flickers with noisy
 * numbers, and nothing reshuffles the plan on a refresh. `candidate` is the fresh plan, shown
 * when nothing was shown before.
 */
export function choosePlan(previous: MoveSpec[] | null, candidate: StaffMove[], input: PlanInput): StaffMove[] {
	if (!previous || previous.length === 0) return candidate;
	return planMoves(input, { start: previous });
}

export type MoveWarning = 'from_most_crowded' | 'worse_total' | 'both_worse';

export interface MoveEffect {
	travelMinutes: number;
	/** Shown waits (site-load.ts): the donor now; the receiver when the staff would arrive. */
	from: { before: number; after: number };
	to: { before: number; after: number };
	/** The receiver's wait now: the figure the board shows for it. */
	toNow: number;
	/** The objective (totalWaiting) without and with the move. */
	waitingBefore: number;
	waitingAfter: number;
	/** Reasons to think twice; empty when the move helps. The move is allowed either way. */
	warnings: MoveWarning[];
}

/**
 * What a move (by hand or recommended) does, before the leader confirms it: both sites' waits
 * before and after and the total waiting. Warns when it takes staff from the most crowded open
 * site, adds to the total waiting, or leaves both sites waiting longer.
 */
export function moveEffect(input: PlanInput, spec: MoveSpec): MoveEffect {
	const rules = input.rules ?? STAFFING_RULES;
	const state = initialState(input);
	const effect = effectOn(state, spec, rules);
	const waitingBefore = totalWaiting(input);
	const waitingAfter = waitingBefore - effect.gain;
	const warnings: MoveWarning[] = [];
	const open = [...state.values()].filter((planSite) => planSite.site.open);
	const fromWait = effect.from.before;
	if (fromWait > 0 && open.every((planSite) => shownWaitAt(planSite, 0, rules) <= fromWait)) warnings.push('from_most_crowded');
	if (effect.gain < 0) warnings.push('worse_total');
	if (effect.from.after > effect.from.before && !(effect.to.after < effect.to.before)) warnings.push('both_worse');
	return { travelMinutes: effect.travel, from: roundPair(effect.from), to: roundPair(effect.to), toNow: round1(effect.toNow), waitingBefore: Math.round(waitingBefore), waitingAfter: Math.round(waitingAfter), warnings };
}

const round1 = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : value);
const roundPair = ({ before, after }: { before: number; after: number }) => ({ before: round1(before), after: round1(after) });
