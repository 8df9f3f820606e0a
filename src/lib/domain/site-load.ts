/**
 * How long someone who joins a site's queue now will wait, and how loaded that makes the site.
 * This is the ONE wait model: the map's colours and labels, the wall, the alerts, the staffing
 * board and its recommendations all call expectedWaitMinutes, so a site reads the same minutes on
 * every screen (they once differed: 51 min on the wall, 54 on the board).
 *
 * The model: a site is c servers (staffed desks; a pair of samplers per desk, domain.md) each
 * serving μ people a minute. Someone arriving now waits for the people ahead to be served (L / cμ)
 * plus, while arrivals stay below capacity, the steady-state M/M/c wait of the Erlang C formula.
 * The screens know the queue and the staffed desks, not the arrival rate, so the wait they show
 * is the first term: the queue is measured, so the steady-state guess adds nothing for it. The
 * planner (staffing-plan.ts) adds arrivals to forecast the queue a move will find.
 */

/** Sampling rate per sampler (domain.md: about 200 people per sampler-hour). Defined here only. */
export const PEOPLE_PER_SAMPLER_HOUR = 200;

export type SiteLoad = 'idle' | 'normal' | 'busy' | 'crowded';

/** Upper bounds in minutes of expected wait: idle < 15, normal < 30, busy < 60, crowded ≥ 60. */
export const DEFAULT_WAIT_BANDS = { idle: 15, normal: 30, busy: 60 } as const;

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
	const drain = Math.max(0, queueLength) / capacity;
	if (arrivalsPerMinute <= 0) return drain;
	if (arrivalsPerMinute >= capacity) return drain;
	const steady = erlangC(servers, arrivalsPerMinute / perServerPerMinute) / (capacity - arrivalsPerMinute);
	return drain + steady;
}

/** The wait every screen shows for a site: its queue, its staffed desks, the sampling rate. */
export function expectedWaitMinutes(queueLength: number, staffedDesks: number, peoplePerSamplerHour = PEOPLE_PER_SAMPLER_HOUR): number {
	if (queueLength <= 0) return 0;
	return expectedWait({ queueLength, arrivalsPerMinute: 0, servers: staffedDesks, perServerPerMinute: peoplePerSamplerHour / 60 });
}

export function siteLoad(waitMinutes: number, bands: { idle: number; normal: number; busy: number } = DEFAULT_WAIT_BANDS): SiteLoad {
	if (waitMinutes < bands.idle) return 'idle';
	if (waitMinutes < bands.normal) return 'normal';
	if (waitMinutes < bands.busy) return 'busy';
	return 'crowded';
}

export type SiteState = SiteLoad | 'closed';

/** What the map shows of a site: closed (or paused) sites are greyed whatever their queue. `desks` are the staffed ones. */
export function siteState(site: { status: string; queueLength: number; desks: number }, bands: { idle: number; normal: number; busy: number } = DEFAULT_WAIT_BANDS): SiteState {
	if (site.status === 'closed' || site.status === 'paused') return 'closed';
	return siteLoad(expectedWaitMinutes(site.queueLength, site.desks), bands);
}
