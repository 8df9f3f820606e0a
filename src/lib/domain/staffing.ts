/**
 * Staffing of sampling sites: how long people will wait, and which samplers to move where so that
 * waiting falls most. Pure and deterministic; every number is a default of STAFFING_RULES.
 *
 * The queue model: a site is c servers (desks staffed by a pair of samplers: domain.md, 2 per
 * desk) each serving μ people a minute (200 per sampler-hour by default, learned per site from
 * its tubes). Someone arriving now waits for the people ahead to be served (L / cμ) plus, while
 * arrivals stay below capacity, the steady-state M/M/c wait of the Erlang C formula.
 */
import { distanceMetres, type LatLon } from './coordinates';

export const STAFFING_RULES = {
	peoplePerSamplerHour: 200,
	samplersPerDesk: 2,
	/** Samplers in PPE may work 2–4 h a shift (domain.md); the board warns from this many hours. */
	ppeWarnHours: 3.5,
	/** A sampler is moved only with at least this much PPE time left after the journey. */
	minHoursLeftAfterMove: 0.5,
	/** Desks an open site keeps staffed whatever happens elsewhere. */
	minDesksWhileOpen: 1,
	/** Straight-line travel between sites at this speed (roads are slower than crows: ×1.3). */
	travelSpeedKmh: 30,
	roadFactor: 1.3,
	/** A move is proposed only when it saves at least this many person-minutes of waiting per hour of queue. */
	minGainPersonMinutes: 300,
	/** A sampler moved is not moved again this soon: moves cost travel, and staff are not ping-pong balls. */
	minMinutesBetweenMoves: 45,
	maxMoves: 5
} as const;

export type StaffingRules = { [K in keyof typeof STAFFING_RULES]: number };

export interface SamplerOnShift {
	id: string;
	/** Hours worked in PPE so far this shift. */
	hoursWorked: number;
	/** This sampler's own PPE limit (2–4 h). */
	ppeLimitHours: number;
	/** Minutes since this sampler last arrived from a move, if they were moved this shift. */
	minutesSinceMoved?: number;
}

export interface SiteStaffing {
	id: string;
	name: string;
	townshipId: string;
	location: LatLon;
	open: boolean;
	desks: number;
	queueLength: number;
	/** People arriving per minute (arrivalRatePerMinute). */
	arrivalsPerMinute: number;
	/** People one sampler serves per hour at this site (learnedServiceRate). */
	peoplePerSamplerHour: number;
	samplers: SamplerOnShift[];
}

/** Desks that can be staffed: pairs of samplers still inside their PPE limit, at most the site's desks. */
export function staffedDesks(site: Pick<SiteStaffing, 'desks' | 'samplers'>, rules: StaffingRules = STAFFING_RULES): number {
	const able = site.samplers.filter((sampler) => sampler.hoursWorked < sampler.ppeLimitHours).length;
	return Math.min(site.desks, Math.floor(able / rules.samplersPerDesk));
}

/** Erlang C: the probability that an arrival has to wait, for c servers and offered load a = λ/μ < c. */
export function erlangC(servers: number, offeredLoad: number): number {
	if (servers <= 0) return 1;
	if (offeredLoad >= servers) return 1;
	let term = 1;
	let sum = 1;
	for (let k = 1; k < servers; k++) {
		term *= offeredLoad / k;
		sum += term;
	}
	const last = (term * offeredLoad) / servers;
	const waiting = last * (servers / (servers - offeredLoad));
	return waiting / (sum + waiting);
}

/** Expected minutes of waiting for someone who arrives now. Infinity with nobody to serve a queue. */
export function expectedWait({ queueLength, arrivalsPerMinute, servers, perServerPerMinute }: { queueLength: number; arrivalsPerMinute: number; servers: number; perServerPerMinute: number }): number {
	if (servers <= 0) return queueLength > 0 || arrivalsPerMinute > 0 ? Infinity : 0;
	const capacity = servers * perServerPerMinute;
	const drain = queueLength / capacity;
	if (arrivalsPerMinute >= capacity) return drain;
	const steady = erlangC(servers, arrivalsPerMinute / perServerPerMinute) / (capacity - arrivalsPerMinute);
	return drain + steady;
}

/** The wait at a site now, from its staffing. */
export function siteWait(site: SiteStaffing, rules: StaffingRules = STAFFING_RULES, servers = staffedDesks(site, rules)): number {
	return expectedWait({ queueLength: site.queueLength, arrivalsPerMinute: site.arrivalsPerMinute, servers, perServerPerMinute: perServerPerMinute(site) });
}

/** One desk serves as fast as one sampler (the pair alternates sampling and registering). */
const perServerPerMinute = (site: Pick<SiteStaffing, 'peoplePerSamplerHour'>) => site.peoplePerSamplerHour / 60;

/**
 * Arrivals per minute over a recent window: what the queue grew by plus what was served.
 * Never negative (a queue reading can drop faster than service when people give up).
 */
export function arrivalRatePerMinute({ queueAtStart, queueAtEnd, servedInWindow, windowMinutes }: { queueAtStart: number; queueAtEnd: number; servedInWindow: number; windowMinutes: number }): number {
	if (windowMinutes <= 0) return 0;
	return Math.max(0, (queueAtEnd - queueAtStart + servedInWindow) / windowMinutes);
}

/**
 * People per sampler-hour at a site, learned from what it sampled, shrunk towards the default so
 * that an hour of data does not swing it: the default counts as priorHours of evidence.
 */
export function learnedServiceRate({ peopleServed, samplerHours, prior = STAFFING_RULES.peoplePerSamplerHour, priorHours = 2 }: { peopleServed: number; samplerHours: number; prior?: number; priorHours?: number }): number {
	if (samplerHours <= 0) return prior;
	return Math.round((peopleServed + prior * priorHours) / (samplerHours + priorHours));
}

/** Minutes to travel between two sites by road, estimated from the straight line. */
export function travelMinutes(from: LatLon, to: LatLon, rules: StaffingRules = STAFFING_RULES): number {
	const km = (distanceMetres(from, to) / 1000) * rules.roadFactor;
	return Math.round((km / rules.travelSpeedKmh) * 60);
}

/** When a site will have sampled everyone left, at its current pace (minutes from now; Infinity without staff). */
export function minutesToFinish({ residentsLeft, servers, perServerPerMinute }: { residentsLeft: number; servers: number; perServerPerMinute: number }): number {
	if (residentsLeft <= 0) return 0;
	if (servers <= 0) return Infinity;
	return Math.ceil(residentsLeft / (servers * perServerPerMinute));
}

export function ppeWarning(sampler: SamplerOnShift, rules: StaffingRules = STAFFING_RULES): 'over' | 'soon' | null {
	if (sampler.hoursWorked >= sampler.ppeLimitHours) return 'over';
	if (sampler.hoursWorked >= Math.min(rules.ppeWarnHours, sampler.ppeLimitHours - 0.5)) return 'soon';
	return null;
}

export interface StaffMove {
	samplerIds: string[];
	fromSiteId: string;
	toSiteId: string;
	travelMinutes: number;
	/** Expected wait in minutes at each end, before and after (the receiver's once the staff arrive). */
	from: { before: number; after: number };
	to: { before: number; after: number };
	/** Person-minutes of waiting saved over the next hour. */
	gain: number;
}

/**
 * Proposes moves of sampler pairs, one at a time and best first, each from the site that loses
 * least to the site that gains most, until no move saves enough waiting. A move respects every
 * rule: whole desks, nobody past their PPE limit on arrival, the donor keeps its minimum while
 * open, the receiver has a free desk, and both sites are in the leader's township when one is given.
 */
export function recommendMoves(sites: SiteStaffing[], { townshipId = null, rules = STAFFING_RULES }: { townshipId?: string | null; rules?: StaffingRules } = {}): StaffMove[] {
	const state = new Map(sites.map((site) => [site.id, { ...site, samplers: [...site.samplers] }]));
	const moves: StaffMove[] = [];
	const inScope = (site: SiteStaffing) => townshipId === null || site.townshipId === townshipId;
	// Nobody is moved twice in one set of recommendations.
	const moved = new Set<string>();

	for (let round = 0; round < rules.maxMoves; round++) {
		let best: { move: StaffMove; movers: SamplerOnShift[] } | null = null;
		for (const to of state.values()) {
			if (!to.open || !inScope(to)) continue;
			const toServers = staffedDesks(to, rules);
			if (toServers >= to.desks) continue;
			const toBefore = siteWait(to, rules, toServers);
			for (const from of state.values()) {
				if (from.id === to.id || !from.open || !inScope(from)) continue;
				const fromServers = staffedDesks(from, rules);
				if (fromServers - 1 < rules.minDesksWhileOpen) continue;
				const travel = travelMinutes(from.location, to.location, rules);
				const movers = from.samplers
					.filter((sampler) => !moved.has(sampler.id) && (sampler.minutesSinceMoved ?? Infinity) >= rules.minMinutesBetweenMoves)
					.filter((sampler) => sampler.ppeLimitHours - sampler.hoursWorked - travel / 60 >= rules.minHoursLeftAfterMove)
					.sort((a, b) => a.hoursWorked - b.hoursWorked || a.id.localeCompare(b.id))
					.slice(0, rules.samplersPerDesk);
				if (movers.length < rules.samplersPerDesk) continue;
				const fromAfter = siteWait(from, rules, fromServers - 1);
				// The queue the movers find on arrival, still served by the old staff until then.
				const capacityNow = toServers * perServerPerMinute(to);
				const queueOnArrival = Math.max(0, to.queueLength + (to.arrivalsPerMinute - capacityNow) * travel);
				const atArrival = { queueLength: queueOnArrival, arrivalsPerMinute: to.arrivalsPerMinute, perServerPerMinute: perServerPerMinute(to) };
				const toAfter = expectedWait({ ...atArrival, servers: toServers + 1 });
				// Gains are against doing nothing: by the time the movers arrive the queue may have drained anyway.
				const toWithoutMove = expectedWait({ ...atArrival, servers: toServers });
				const fromBefore = siteWait(from, rules, fromServers);
				const gain = personMinutes(queueOnArrival, to.arrivalsPerMinute, toWithoutMove) - personMinutes(queueOnArrival, to.arrivalsPerMinute, toAfter) - (personMinutes(from.queueLength, from.arrivalsPerMinute, fromAfter) - personMinutes(from.queueLength, from.arrivalsPerMinute, fromBefore));
				if (!Number.isFinite(gain) || gain < rules.minGainPersonMinutes) continue;
				if (!best || gain > best.move.gain) {
					best = {
						move: { samplerIds: movers.map((sampler) => sampler.id), fromSiteId: from.id, toSiteId: to.id, travelMinutes: travel, from: { before: round1(fromBefore), after: round1(fromAfter) }, to: { before: round1(toBefore), after: round1(toAfter) }, gain: Math.round(gain) },
						movers
					};
				}
			}
		}
		if (!best) break;
		moves.push(best.move);
		const from = state.get(best.move.fromSiteId)!;
		const to = state.get(best.move.toSiteId)!;
		for (const id of best.move.samplerIds) moved.add(id);
		from.samplers = from.samplers.filter((sampler) => !best!.move.samplerIds.includes(sampler.id));
		to.samplers = [...to.samplers, ...best.movers.map((sampler) => ({ ...sampler, hoursWorked: sampler.hoursWorked + best!.move.travelMinutes / 60 }))];
	}
	return moves;
}

/**
 * Waiting that a site's people will spend over the next hour: everyone in the queue and arriving
 * waits about the expected wait. An unstaffed queue counts as waiting the whole hour.
 */
function personMinutes(queueLength: number, arrivalsPerMinute: number, wait: number): number {
	const people = queueLength + arrivalsPerMinute * 60;
	return people * Math.min(Number.isFinite(wait) ? wait : 60, 600);
}

const round1 = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : value);

/** Checks a hand-made move against the same rules the recommendations keep; null when it may go ahead. */
export function moveRefusal(
	{ samplers, from, to, travel, actorTownshipId }: { samplers: SamplerOnShift[]; from: SiteStaffing; to: SiteStaffing; travel: number; actorTownshipId: string | null },
	rules: StaffingRules = STAFFING_RULES
): string | null {
	if (from.id === to.id) return 'the sampler is already at that site';
	if (!to.open) return `${to.name} is not open`;
	if (actorTownshipId !== null && (from.townshipId !== actorTownshipId || to.townshipId !== actorTownshipId)) return 'a shift leader moves staff only within their own township';
	for (const sampler of samplers) {
		if (sampler.ppeLimitHours - sampler.hoursWorked - travel / 60 < rules.minHoursLeftAfterMove) return `${sampler.id} would arrive with less than ${rules.minHoursLeftAfterMove * 60} min of PPE time left`;
	}
	const moved = new Set(samplers.map((sampler) => sampler.id));
	const remaining = { ...from, samplers: from.samplers.filter((sampler) => !moved.has(sampler.id)) };
	if (from.open && staffedDesks(remaining, rules) < rules.minDesksWhileOpen) return `${from.name} would keep fewer than ${rules.minDesksWhileOpen * rules.samplersPerDesk} samplers while open`;
	return null;
}
