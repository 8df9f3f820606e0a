/**
 * Staffing of sampling sites: staffed desks, arrival and service rates, travel, PPE time and the
 * rules a move keeps. Pure and deterministic; every number is a default of STAFFING_RULES. The
 * wait model is site-load.ts (one for every screen); the plan of moves is staffing-plan.ts.
 */
import { distanceMetres, type LatLon } from './coordinates';
import { PEOPLE_PER_SAMPLER_HOUR } from './site-load';

export { erlangC, expectedWait } from './site-load';

export const STAFFING_RULES = {
	peoplePerSamplerHour: PEOPLE_PER_SAMPLER_HOUR,
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
	/** A move is proposed only when it saves at least this many person-minutes of waiting (staffing-plan.ts). */
	minGainPersonMinutes: 300,
	/**
	 * The planner's forecast horizon in minutes, about a PPE shift: a move pays over the hours its
	 * staff stay, and a queue of a thousand takes hours to drain (60 min cut the eval's p95 gain
	 * from 59 % to 53 %). What still queues then counts until it drains.
	 */
	horizonMinutes: 240,
	/** A sampler moved is not moved again this soon: moves cost travel, and staff are not ping-pong balls. */
	minMinutesBetweenMoves: 45,
	/** Anti-churn: no move back along a move made this recently (staff would flow straight back). */
	noReverseMinutes: 60,
	/**
	 * A new move appears only when the donor, after it, still waits this much less than the
	 * receiver before it; a move shown stays while the donor waits no longer than the receiver
	 * (hysteresis per move, so a refresh with noisy numbers does not make it flicker).
	 */
	newMoveWaitMarginMinutes: 5,
	/**
	 * The donor is judged over this long, not only now: its queue, forecast with its measured
	 * arrivals and the desks the move leaves, must wait no longer than the receiver's would
	 * without the move at every quarter-hour of it (a quiet site that fills up within the hour
	 * lends no staff). About the hour a moved pair takes to pay off (5–12 min travel, then work).
	 */
	donorLookaheadMinutes: 60,
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

/** One desk serves as fast as one sampler (the pair alternates sampling and registering). */
export const perServerPerMinute = (site: Pick<SiteStaffing, 'peoplePerSamplerHour'>) => site.peoplePerSamplerHour / 60;

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

// A move's type is the wire contract's (protocol imports only zod): one definition.
export type { StaffMove } from '../protocol/staffing';

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
