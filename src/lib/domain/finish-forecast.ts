/**
 * When the round will have sampled everyone (确保1天内完成, seed 001), per village, township and
 * county, against the target: 24 hours from the round's start, or the commander's deadline.
 *
 * The model, per site, is a fluid FIFO queue: people arrive (cumulative A(t)) and the staffed
 * desks serve c people a minute. With the queue Q standing now, the last of X people is served at
 *
 *   t(X) = max( A⁻¹(X),  max over the arrival curve's corners s with A(s) < X of  s + (X − A(s)) / c )
 *
 * (the later of: when they have all come, and when the desks, busy from some corner on, get through
 * them). A(t) is built from the remaining roster, which is what makes it accurate late in the day:
 * a site finishes when its roster is done, not when its queue is empty. Those not yet come arrive
 *   - over their village's slot of the timetable (各村时间安排表) while the slot is still ahead;
 *   - otherwise at the site's measured arrival rate, village after village;
 *   - without a measured rate, as fast as the desks serve (the site is then desk-bound).
 * Who cannot come is visited at home by the township's door-to-door teams while the sites sample
 * (home-visit-forecast.ts): a village finishes at the later of its site finish and its home visits.
 * Each village carries a short reason: what binds its finish. Pure; time is a parameter.
 */
import { PEOPLE_PER_SAMPLER_HOUR } from './site-load';
import { HOME_VISIT_RULES, homeVisitFinishes } from './home-visit-forecast';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const FORECAST_RULES = {
	/** The round's target: all sampled within a day of its start (001). */
	roundHours: 24,
	/** Home visits by door-to-door teams, in parallel with the sites (home-visit-forecast.ts). */
	...HOME_VISIT_RULES,
	/**
	 * Of a village's registered, the share who never come (away, refusing): the 1–3 % the gap list
	 * holds by evening. The forecast does not wait for them; they are the gap, not the finish.
	 */
	noShowShare: 0.02,
	/**
	 * Late-comers: about this share of the registered trickle in over `lateHours` after their
	 * village's call ends. Why: a measured rate says when the called crowd will have come, not when
	 * the last straggler will; without the tail a 14:00 forecast from the morning's rate came hours early.
	 */
	lateShare: 0.08,
	lateHours: 4,
	/**
	 * A called crowd thins as it empties: early in the call the rate measured now overstates what
	 * is to come by up to this share, by the end of it hardly at all. Those left take
	 * left / r · (1 + arrivalFall · √(share of the crowd still to come)), not left / r: the
	 * morning's rate, held constant, made a 14:00 forecast hours early. 0: a constant rate.
	 */
	arrivalFall: 0.7,
	/**
	 * Arrivals are measured over this last stretch (smoothed: a quarter-hour's swing is not the
	 * afternoon's pace). 120 rather than 60: over 8 seeds of `npm run eval:coverage` the mean error
	 * fell from 56/53/27 to 39/35/25 min at 10:00/14:00/18:00; an hour's count swung the 14:00 forecast ±1.5 h.
	 */
	rateWindowMinutes: 120
} as const;

export type ForecastRules = { [K in keyof typeof FORECAST_RULES]: number };

/** What binds a finish, for the short reason the wall shows. */
export type FinishBound = 'done' | 'desks' | 'arrivals' | 'timetable' | 'home_visits' | 'no_staff' | 'nobody_coming';

export interface VillageRemaining {
	villageId: string;
	townshipId: string;
	/** Registered and not yet sampled who can come to the site (queue included). */
	remaining: number;
	/** The village's registered who can come (the roster); with it the forecast leaves out no-shows and adds the late-comers' tail. */
	registered?: number;
	/** Not yet sampled who cannot come: door-to-door at the end (coverage.ts doorToDoor). */
	homeVisits?: number;
	/** The village's slot at this site (epoch ms), from the timetable, if any. */
	slot?: { from: number; to: number } | null;
}

export interface SiteForecastInput {
	siteId: string;
	queueLength: number;
	staffedDesks: number;
	/** People per staffed desk-hour (site-rates.ts peoplePerDeskHour), default 200 (001). */
	peoplePerDeskHour?: number | null;
	/** Measured people arriving per minute (site-rates.ts); null when not known. */
	arrivalsPerMinute: number | null;
	/** In the order the site takes them (the timetable's, else the plan's). */
	villages: readonly VillageRemaining[];
}

export interface VillageFinish {
	villageId: string;
	townshipId: string;
	siteId: string;
	/** Epoch ms; Infinity when it cannot finish as things stand (no staff, nobody coming). */
	finishAt: number;
	bound: FinishBound;
}

export interface Finish {
	finishAt: number;
	/** target − finish in minutes (negative: late); -Infinity when it cannot finish. */
	marginMinutes: number;
	misses: boolean;
	/** The village whose finish is the latest, and why. */
	last: VillageFinish | null;
}

export interface FinishForecast {
	target: number;
	villages: (VillageFinish & { marginMinutes: number; misses: boolean })[];
	townships: (Finish & { townshipId: string })[];
	county: Finish;
}

/** The target: the commander's deadline when set, else the round's start + 24 h. */
export function forecastTarget(roundStart: number, deadline: number | null = null, rules: ForecastRules = FORECAST_RULES): number {
	return deadline ?? roundStart + rules.roundHours * HOUR;
}

interface Corner {
	at: number;
	/** Cumulative arrivals at `at` (the standing queue counts as arrived now). */
	cumulative: number;
}

/** The instant the cumulative arrivals reach x on a piecewise-linear curve (corners ascending in time). */
function whenArrived(corners: readonly Corner[], x: number): number {
	for (let i = 1; i < corners.length; i++) {
		const [a, b] = [corners[i - 1], corners[i]];
		if (b.cumulative >= x) return b.cumulative === a.cumulative ? a.at : a.at + ((x - a.cumulative) / (b.cumulative - a.cumulative)) * (b.at - a.at);
	}
	return corners.length > 0 && corners[corners.length - 1].cumulative >= x ? corners[corners.length - 1].at : Infinity;
}

/** When the last of the first x arrivals is served, at c people a minute (fluid FIFO). */
function whenServed(corners: readonly Corner[], x: number, perMinute: number): { at: number; deskBound: boolean } {
	if (x <= 0) return { at: corners[0]?.at ?? 0, deskBound: false };
	const arrived = whenArrived(corners, x);
	if (perMinute <= 0) return { at: Infinity, deskBound: true };
	let served = arrived;
	for (const corner of corners) {
		if (corner.cumulative >= x) break;
		served = Math.max(served, corner.at + ((x - corner.cumulative) / perMinute) * MINUTE);
	}
	return { at: served, deskBound: served > arrived };
}

/** Each village's finish at one site. */
export function siteFinishes(site: SiteForecastInput, now: number, rules: ForecastRules = FORECAST_RULES): VillageFinish[] {
	const perMinute = (Math.max(0, site.staffedDesks) * (site.peoplePerDeskHour ?? PEOPLE_PER_SAMPLER_HOUR)) / 60;
	const villages = site.villages.map((village) => ({ ...village, remaining: Math.max(0, village.remaining) }));
	// No village with its slot ahead: the site called them all at once and they come mixed (as the
	// simulator's roster does): the queue is theirs by their remaining and they share one window.
	// Taken in turn, a 14:00–18:00 forecast at 卫生院 (two villages) gave the whole queue to the first
	// and had the second's crowd, then its stragglers, come after it: 1–2 h late.
	const totalRemaining = villages.reduce((sum, village) => sum + village.remaining, 0);
	const together = villages.length > 1 && !villages.some((village) => village.slot && village.slot.to > now);
	// Else the standing queue is of the villages first in line: each one's share is taken from its remaining.
	let queueLeft = Math.max(0, site.queueLength);
	const queued = villages.map((village) => {
		const share = Math.min(queueLeft, together ? (Math.max(0, site.queueLength) * village.remaining) / totalRemaining : village.remaining);
		queueLeft -= share;
		return share;
	});
	// Arrival windows of those not yet come.
	const walkInRate = site.arrivalsPerMinute === null ? perMinute : Math.max(0, site.arrivalsPerMinute);
	const coming = villages.map((village, i) => stillComing(village, village.remaining - queued[i], rules));
	const thinning = (main: number, crowd: number) => walkInRate / (crowd > 0 ? 1 + rules.arrivalFall * Math.sqrt(Math.min(1, main / crowd)) : 1);
	const crowdOf = (village: VillageRemaining) => (site.arrivalsPerMinute === null ? 0 : (1 - rules.noShowShare - rules.lateShare) * (village.registered ?? 0));
	// Together: the site's crowd still to come, at the site's rate thinning as the whole crowd empties.
	const mixedMain = coming.reduce((sum, each) => sum + each.main, 0);
	const mixedPace = thinning(mixedMain, villages.reduce((sum, village, i) => sum + (coming[i].main > 0 ? crowdOf(village) : 0), 0));
	const mixedTo = mixedPace > 0 ? now + (mixedMain / mixedPace) * MINUTE : Infinity;
	let walkInFrom = now;
	const windows = villages.map((village, i) => {
		const { main, late } = coming[i];
		// Only stragglers left and nobody came for the last hour: they are the gap (a visit or a call), not a later finish.
		if (main + late <= 0 || (main === 0 && walkInRate === 0 && !(village.slot && village.slot.to > now))) return null;
		const tail = (from: number) => ({ from, to: from + rules.lateHours * HOUR, people: late, timetabled: false });
		if (village.slot && village.slot.to > now) {
			const slot = { from: Math.max(now, village.slot.from), to: village.slot.to, people: main, timetabled: true };
			// Its stragglers follow the slot's end: the timetable still binds (the wall's reason says so, not the rate).
			return late > 0 ? [slot, { ...tail(slot.to), timetabled: true }] : [slot];
		}
		// Only stragglers left: they trickle over what remains of their hours, as many hours as are left of them.
		if (main === 0) return [{ from: now, to: now + Math.min(1, late / (rules.lateShare * (village.registered ?? 0))) * rules.lateHours * HOUR, people: late, timetabled: false }];
		// The called crowd at the measured rate, falling as it empties, then its stragglers.
		// A measured rate thins with the roster left when the roster's size is known; the desks' pace (no rate yet) does not.
		const pace = thinning(main, crowdOf(village));
		const to = together ? mixedTo : pace > 0 ? walkInFrom + (main / pace) * MINUTE : Infinity;
		const window = { from: together ? now : walkInFrom, to, people: main, timetabled: false };
		if (!together) walkInFrom = to;
		return late > 0 && Number.isFinite(to) ? [window, tail(to)] : [window];
	});
	const corners = arrivalCorners(now, villages.reduce((sum, _, i) => sum + queued[i], 0), windows.flatMap((window) => window ?? []));
	return villages.map((village, i) => {
		const own = windows[i];
		// Its last window (the stragglers' when it has one) holds its last person.
		const window = own ? own[own.length - 1] : null;
		// The village's last person is whoever of it arrives last: all others who came before them are served first.
		const x = window ? (Number.isFinite(window.to) ? cumulativeAt(corners, window.to) : Infinity) : queuedPrefix(queued, i);
		let served: { at: number; deskBound: boolean };
		if (x === Infinity) served = { at: Infinity, deskBound: false };
		else served = whenServed(corners, x, perMinute);
		// Without a measured rate walk-ins are assumed to come as fast as served: the desks bind.
		const deskBound = served.deskBound || (site.arrivalsPerMinute === null && !window?.timetabled);
		const bound: FinishBound = village.remaining === 0 ? 'done' : perMinute <= 0 ? 'no_staff' : !Number.isFinite(served.at) ? 'nobody_coming' : deskBound ? 'desks' : window?.timetabled ? 'timetable' : 'arrivals';
		return { villageId: village.villageId, townshipId: village.townshipId, siteId: site.siteId, finishAt: village.remaining === 0 ? now : served.at, bound };
	});
}

/**
 * Of those of a village not yet come, how many will (no-shows left out) and how many of them are
 * stragglers. Without `registered` everyone remaining comes with the crowd, as before.
 */
function stillComing(village: VillageRemaining, coming: number, rules: ForecastRules): { main: number; late: number } {
	if (coming <= 0) return { main: 0, late: 0 };
	if (village.registered === undefined) return { main: coming, late: 0 };
	const willCome = Math.max(0, coming - rules.noShowShare * village.registered);
	const late = Math.min(willCome, rules.lateShare * village.registered);
	return { main: willCome - late, late };
}

const queuedPrefix = (queued: readonly number[], i: number) => queued.slice(0, i + 1).reduce((sum, each) => sum + each, 0);

/** The cumulative arrival curve: the queue now, then each window's people spread evenly over it. */
function arrivalCorners(now: number, queue: number, windows: readonly { from: number; to: number; people: number }[]): Corner[] {
	const times = new Set<number>([now]);
	for (const window of windows) {
		// A window that never ends (nobody coming) adds no corner: its people never arrive.
		if (!Number.isFinite(window.to)) continue;
		times.add(window.from);
		times.add(window.to);
	}
	const sorted = [...times].sort((a, b) => a - b);
	const corners: Corner[] = [{ at: now, cumulative: 0 }];
	for (const at of sorted) {
		let cumulative = queue;
		for (const window of windows) {
			if (!Number.isFinite(window.to) || at <= window.from) continue;
			cumulative += at >= window.to || window.to === window.from ? window.people : (window.people * (at - window.from)) / (window.to - window.from);
		}
		corners.push({ at, cumulative });
	}
	return corners;
}

function cumulativeAt(corners: readonly Corner[], at: number): number {
	let value = 0;
	for (const corner of corners) if (corner.at <= at) value = corner.cumulative;
	return value;
}

function finishOf(villages: readonly VillageFinish[], target: number, now: number): Finish {
	let last: VillageFinish | null = null;
	for (const village of villages) if (!last || village.finishAt > last.finishAt) last = village;
	const finishAt = last ? last.finishAt : now;
	return { finishAt, marginMinutes: (target - finishAt) / MINUTE, misses: finishAt > target, last };
}

/** The forecast for the county: every site's villages, then the latest per township and overall. */
export function forecastFinish({ sites, now, target, doorTeams = {} }: { sites: readonly SiteForecastInput[]; now: number; target: number; doorTeams?: Readonly<Record<string, number>> }, rules: ForecastRules = FORECAST_RULES): FinishForecast {
	const visits = homeVisitFinishes(sites.flatMap((site) => site.villages.map((village) => ({ villageId: village.villageId, townshipId: village.townshipId, visits: Math.max(0, village.homeVisits ?? 0) }))), now, doorTeams, rules);
	const villages = sites.flatMap((site) => siteFinishes(site, now, rules)).map((village) => {
		const home = visits.get(village.villageId);
		// The teams work while the site does: only visits done after the site's last person bind.
		return home !== undefined && home > village.finishAt ? { ...village, finishAt: home, bound: 'home_visits' as const } : village;
	}).map((village) => ({ ...village, marginMinutes: (target - village.finishAt) / MINUTE, misses: village.finishAt > target }));
	const townshipIds = [...new Set(villages.map((village) => village.townshipId))];
	return {
		target,
		villages,
		townships: townshipIds.map((townshipId) => ({ townshipId, ...finishOf(villages.filter((village) => village.townshipId === townshipId), target, now) })),
		county: finishOf(villages, target, now)
	};
}

export const BOUND_TEXT: Record<FinishBound, { zh: string; en: string }> = {
	done: { zh: '已全部采样', en: 'everyone sampled' },
	desks: { zh: '采样台不足：排队人多于采样能力', en: 'desk-bound: more people than the desks can take' },
	arrivals: { zh: '按当前到场速度，群众尚未到齐', en: 'arrival-bound: people are still coming at the current rate' },
	timetable: { zh: '按时间安排表，本村时段尚未结束', en: 'timetable-bound: the village’s slot has not ended' },
	home_visits: { zh: '上门采样尚未完成', en: 'home visits still under way' },
	no_staff: { zh: '无在岗采样台', en: 'no staffed desk' },
	nobody_coming: { zh: '无人到场，需上门或再通知', en: 'nobody is coming: visit or call again' }
};

/** "HH:MM" margin text: "2 小时 20 分" / "2 h 20 min", for the wall's sentence. */
export function marginText(marginMinutes: number): { zh: string; en: string } {
	if (!Number.isFinite(marginMinutes)) return { zh: '无法完成', en: 'cannot finish' };
	const minutes = Math.round(Math.abs(marginMinutes));
	const [h, m] = [Math.floor(minutes / 60), minutes % 60];
	const zh = `${h > 0 ? `${h} 小时 ` : ''}${m} 分`;
	const en = `${h > 0 ? `${h} h ` : ''}${m} min`;
	return marginMinutes < 0 ? { zh: `超时 ${zh}`, en: `late by ${en}` } : { zh: `余量 ${zh}`, en: `${en} to spare` };
}
