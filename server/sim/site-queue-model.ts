/**
 * A sampling site's queue for the demo: residents arrive as an emergency whole-population round
 * (应急全员核酸) brings them, desks serve about 200 people per sampler-hour (domain.md [001]), and
 * what was served is sealed into boxes of 10:1 pooled tubes. Deterministic from its seed and the
 * round's start, so a demo can be replayed.
 *
 * Why a round and not a clock day: the county must test everyone within 24 hours (domain.md,
 * labs), so the sites run through the night and the villages are called in waves from the moment
 * the round is declared. The demo's round starts when its scenario is first loaded (kept across
 * restarts: server/modules/registry/demo-round-start.ts), so a demo started at 21:45 China time
 * shows the first surge, not a board draining towards the night. Times shown stay China time.
 *
 * Why a slow profile and not a fast swing: a site's load relative to its desks (its villages'
 * population against its desks) holds for hours. A site quiet now is quiet in a quarter of an hour
 * too, so a move of samplers (5–12 min on the road) pays off instead of turning the donor into
 * the next crowded site. The arrival rate at time t, m minutes into the round, is
 *
 *   capacity staffed at the start × baseLoad × roundProfile(m, t) × drift(m) × (1 + villageCall(m))
 *
 * - roundProfile (below): a first surge peaking 1½ h in at about 1.5 (the first villages called
 *   line up at once; a lull is 0.5–0.6), smaller waves of villages called at 5, 9 and 13 h with lulls between, and a floor of
 *   stragglers that falls as coverage rises; from 14 h it tapers to a mop-up level by 18 h
 *   (补采 of those missed, fever clinics), leaving hours for the last tubes to reach the lab
 *   within the 24. The round repeats a day after its start (连续多轮: a next round the next day).
 *   A modest dip in the small hours of China time (people sleep, even in a round), never dead.
 *   Over a round a site takes about 13 hours of its staffed capacity × baseLoad, 1 more in the mop-up.
 * - baseLoad: the site's villages against its desks, 0.7–1.4, fixed for the round.
 * - drift: ±6 % over a 3-hour cycle, so two equal sites do not move in lockstep (small noise).
 * - villageCall: in each round each site has one village called of its own (a slot 1–10 h in):
 *   +25 % for 90–150 minutes, rising and falling over a quarter of an hour: long enough for
 *   samplers moved in to help, small enough that a site's rank among the sites mostly holds.
 * - Each step's arrivals are a Poisson draw around that rate (unbiased even at the mop-up level).
 *
 * Arrivals depend on the villages, not on who is at the desks: they are scaled once, by the desks
 * staffed at the start. Service follows the desks staffed now (setStaffedDesks), so samplers moved
 * in make a queue shorten once they arrive, and samplers moved out make it grow.
 */
import { PEOPLE_PER_SAMPLER_HOUR } from '../../src/lib/domain/site-load';

export interface SiteQueueStep {
	queueLength: number;
	served: number;
}

/** One sampler works a desk at a time; the second of the pair relieves them. */
const ACTIVE_SAMPLERS_PER_DESK = 1;

const MINUTES_PER_DAY = 24 * 60;
/** China time is UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MINUTES = 8 * 60;

/** The round's shape, in minutes since it was declared (small-hours dip: minutes of the China-time day). */
export const ROUND_PROFILE = {
	/** Everyone called and sampled within this; the rest of the 24 h is for the last tubes' transport and tests. */
	lengthMinutes: 18 * 60,
	/** A next round starts a day after the last one. */
	repeatsEveryMinutes: MINUTES_PER_DAY,
	/** The sites fill over this many minutes after the call goes out (from the mop-up level). */
	rampMinutes: 20,
	/** Stragglers of the villages already called: from this at the start to this at the end, as coverage rises. */
	floor: { from: 0.55, to: 0.25 },
	/** Villages called in waves: the first surge, then smaller batches with lulls between. */
	waves: [
		{ at: 90, width: 75, height: 1.0 },
		{ at: 5 * 60, width: 60, height: 0.6 },
		{ at: 9 * 60, width: 60, height: 0.5 },
		{ at: 13 * 60, width: 60, height: 0.35 }
	],
	/** From here to the end the round tapers to the mop-up level. */
	taperFromMinutes: 14 * 60,
	/** Between rounds (and before the first): 补采 of those missed, fever clinics' 24-hour sites. Never dead. */
	mopUpLevel: 0.2,
	/** The small hours in China time: fewer come, even in a round. */
	smallHoursDip: { at: 3.5 * 60, width: 80, depth: 0.15 }
} as const;

const bell = (minute: number, { at, width }: { at: number; width: number }) => Math.exp(-(((minute - at) / width) ** 2) / 2);
const smoothstep = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));
const MINUTE_MS = 60_000;

/** Minute of the China-time day (0–1440) at an instant. */
export function chinaMinuteOfDay(epochMs: number): number {
	const minutes = epochMs / MINUTE_MS + CHINA_OFFSET_MINUTES;
	return ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** Minutes into the current round (rounds repeat daily from the start); negative before the first. */
export function minutesIntoRound(epochMs: number, roundStart: number): number {
	const minutes = (epochMs - roundStart) / MINUTE_MS;
	return minutes < 0 ? minutes : minutes % ROUND_PROFILE.repeatsEveryMinutes;
}

/**
 * How many come, relative to a site's base load: about 1.55 at the first surge, 0.6 in a lull,
 * 0.2 between rounds; times the small-hours dip of the China-time clock at that instant.
 */
export function roundProfile(minuteOfRound: number, chinaMinute: number): number {
	const p = ROUND_PROFILE;
	let level: number = p.mopUpLevel;
	if (minuteOfRound >= 0 && minuteOfRound <= p.lengthMinutes) {
		const floor = p.floor.from + ((p.floor.to - p.floor.from) * minuteOfRound) / p.lengthMinutes;
		const called = floor + p.waves.reduce((sum, wave) => sum + wave.height * bell(minuteOfRound, wave), 0);
		const filling = smoothstep(minuteOfRound / p.rampMinutes);
		const tapered = smoothstep((minuteOfRound - p.taperFromMinutes) / (p.lengthMinutes - p.taperFromMinutes));
		level = p.mopUpLevel + (called - p.mopUpLevel) * filling * (1 - tapered);
	}
	// The dip's distance on the clock wraps around midnight.
	const fromDip = Math.abs(chinaMinute - p.smallHoursDip.at);
	const clockDistance = Math.min(fromDip, MINUTES_PER_DAY - fromDip);
	return level * (1 - p.smallHoursDip.depth * bell(clockDistance, { at: 0, width: p.smallHoursDip.width }));
}

export class SiteQueueModel {
	#queue: number;
	#random: () => number;
	#capacityPerMs: number;
	/** People arriving per ms at a load of 1: the capacity the site was staffed for at the start. */
	#arrivalScalePerMs: number;
	/** How popular this site is relative to its capacity: some villages send more people than their desks can take. */
	#baseLoad: number;
	#driftPhase: number;
	/** The slot its own village is called in (minutes into each round). */
	#villageCall: { from: number; to: number };
	/** When the round was declared (epoch ms): the profile is laid out from it. */
	#roundStart: number;
	#servedCarry = 0;

	constructor({ desks, seed, roundStart }: { desks: number; seed: number; roundStart: number }) {
		this.#roundStart = roundStart;
		this.#random = mulberry32(seed);
		this.#capacityPerMs = capacityPerMs(desks);
		this.#arrivalScalePerMs = this.#capacityPerMs;
		this.#baseLoad = 0.7 + this.#random() * 0.7;
		this.#driftPhase = this.#random() * Math.PI * 2;
		const callAt = 60 + Math.floor(this.#random() * 9 * 60);
		this.#villageCall = { from: callAt, to: callAt + 90 + Math.floor(this.#random() * 60) };
		// The call went out a little before the sites opened: some already have a long queue.
		this.#queue = Math.round(this.#random() * this.#random() * 450);
	}

	/** After a restart the tablet goes on from the queue the server last had, as a real one would. */
	continueFrom(queueLength: number): void {
		this.#queue = Math.max(0, Math.round(queueLength));
	}

	/** The desks staffed now (samplers arrived or left): the rate the queue is served at from now on. */
	setStaffedDesks(desks: number): void {
		this.#capacityPerMs = capacityPerMs(Math.max(0, desks));
	}

	/** Expected arrivals at an instant, relative to the capacity the site was staffed for at the start (1: just kept up with). */
	loadAt(epochMs: number): number {
		const minute = minutesIntoRound(epochMs, this.#roundStart);
		const drift = 1 + 0.06 * Math.sin(((epochMs - this.#roundStart) / (180 * MINUTE_MS)) * Math.PI * 2 + this.#driftPhase);
		return this.#baseLoad * roundProfile(minute, chinaMinuteOfDay(epochMs)) * drift * (1 + 0.25 * this.#villageCalled(minute));
	}

	/** Advances the queue by dtMs at wall-clock time epochMs. */
	step(epochMs: number, dtMs: number): SiteQueueStep {
		const arrivals = poisson(this.#arrivalScalePerMs * dtMs * this.loadAt(epochMs), this.#random());
		const capacity = this.#capacityPerMs * dtMs + this.#servedCarry;
		const served = Math.min(this.#queue + arrivals, Math.floor(capacity));
		this.#servedCarry = capacity - Math.floor(capacity);
		this.#queue = this.#queue + arrivals - served;
		return { queueLength: this.#queue, served };
	}

	/** 0–1: how far into its village's call the site is (a quarter-hour to rise, and to fall). */
	#villageCalled(minute: number): number {
		const { from, to } = this.#villageCall;
		return smoothstep((minute - from) / 15) * smoothstep((to - minute) / 15);
	}
}

const capacityPerMs = (desks: number) => (desks * ACTIVE_SAMPLERS_PER_DESK * PEOPLE_PER_SAMPLER_HOUR) / 3_600_000;

/** A Poisson count with this mean from one uniform draw (inversion); a matching spread for large means. */
function poisson(mean: number, uniform: number): number {
	if (mean <= 0) return 0;
	if (mean > 30) return Math.max(0, Math.round(mean + (uniform - 0.5) * 2 * Math.sqrt(3 * mean)));
	let k = 0;
	let p = Math.exp(-mean);
	let cumulative = p;
	while (uniform > cumulative && k < 200) {
		k++;
		p *= mean / k;
		cumulative += p;
	}
	return k;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same demo. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
