/**
 * A sampling site's queue for the demo: residents arrive as a sampling day brings them, desks
 * serve about 200 people per sampler-hour (domain.md [001]), and what was served is sealed into
 * boxes of 10:1 pooled tubes. Deterministic from its seed, so a demo can be replayed.
 *
 * Why a day profile and not a fast swing: villages are called to their site by time slot, people
 * come before work and after it, and a site's load relative to its desks (its villages'
 * population against its desks) holds for hours. A site quiet now is quiet in a quarter of an
 * hour too, so a move of samplers (5–12 min on the road) pays off instead of turning the donor
 * into the next crowded site. The arrival rate at wall-clock time t (China time) is
 *
 *   capacity staffed at the start × baseLoad × dayProfile(t) × drift(t) × (1 + villageCall(t))
 *
 * - dayProfile (dayProfile below): the sites open 06:00–22:00; a morning wave peaking at 08:30
 *   (villages sample from 08:00 [003: 上午8點至12點], before the day's work), a lull at lunch
 *   (12:00–13:30), a smaller after-work wave peaking at 18:30, and a trickle at night (24-hour
 *   sites at fever clinics [001]). Over the day a site takes about 12 hours of its staffed
 *   capacity × baseLoad: a village sampled within the day [001: 1天内完成].
 * - baseLoad: the site's villages against its desks, 0.7–1.4, fixed for the day.
 * - drift: ±6 % over a 3-hour cycle, so two equal sites do not move in lockstep (small noise).
 * - villageCall: once a day each site's next village is called (a slot between 07:00 and 16:00):
 *   +25 % for 90–150 minutes, rising and falling over a quarter of an hour: long enough for
 *   samplers moved in to help, small enough that a site's rank among the sites mostly holds.
 * - Each step's arrivals are a Poisson draw around that rate (unbiased even at night's trickle).
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

/** The day's shape, in minutes of the China-time day. */
export const DAY_PROFILE = {
	opensAt: 6 * 60,
	closesAt: 22 * 60,
	/** Opening and closing are not a cliff: arrivals ramp over this many minutes. */
	rampMinutes: 30,
	/** Between the waves, during opening hours. */
	daytimeLevel: 0.5,
	morningPeak: { at: 8.5 * 60, width: 75, height: 0.75 },
	eveningPeak: { at: 18.5 * 60, width: 75, height: 0.55 },
	lunchDip: { at: 12.75 * 60, width: 40, depth: 0.2 },
	/** Fever clinics' 24-hour sites and night-shift workers. */
	nightLevel: 0.05
} as const;

const bell = (minute: number, { at, width }: { at: number; width: number }) => Math.exp(-(((minute - at) / width) ** 2) / 2);
const smoothstep = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/** Minute of the China-time day (0–1440) at an instant. */
export function chinaMinuteOfDay(epochMs: number): number {
	const minutes = epochMs / 60_000 + CHINA_OFFSET_MINUTES;
	return ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
}

/** How many come at a minute of the day, relative to a site's base load (about 1.25 at the morning peak, 0.3 at lunch). */
export function dayProfile(minuteOfDay: number): number {
	const p = DAY_PROFILE;
	const open = smoothstep((minuteOfDay - p.opensAt) / p.rampMinutes) * smoothstep((p.closesAt - minuteOfDay) / p.rampMinutes);
	const day = p.daytimeLevel + p.morningPeak.height * bell(minuteOfDay, p.morningPeak) + p.eveningPeak.height * bell(minuteOfDay, p.eveningPeak) - p.lunchDip.depth * bell(minuteOfDay, p.lunchDip);
	return p.nightLevel + open * Math.max(0, day - p.nightLevel);
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
	/** The slot its next village is called in (minutes of the day). */
	#villageCall: { from: number; to: number };
	#servedCarry = 0;

	constructor({ desks, seed }: { desks: number; seed: number }) {
		this.#random = mulberry32(seed);
		this.#capacityPerMs = capacityPerMs(desks);
		this.#arrivalScalePerMs = this.#capacityPerMs;
		this.#baseLoad = 0.7 + this.#random() * 0.7;
		this.#driftPhase = this.#random() * Math.PI * 2;
		const callAt = 7 * 60 + Math.floor(this.#random() * 9 * 60);
		this.#villageCall = { from: callAt, to: callAt + 90 + Math.floor(this.#random() * 60) };
		// The demo may start at any hour: some sites already have a long queue.
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
		const minute = chinaMinuteOfDay(epochMs);
		const drift = 1 + 0.06 * Math.sin((epochMs / (180 * 60_000)) * Math.PI * 2 + this.#driftPhase);
		return this.#baseLoad * dayProfile(minute) * drift * (1 + 0.25 * this.#villageCalled(minute));
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
