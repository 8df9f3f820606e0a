/**
 * A sampling site's queue for the demo: residents arrive at a rate that swells and ebbs (each site
 * with its own base load and phase), desks serve about 200 people per sampler-hour, and what was served is sealed
 * into boxes of 10:1 pooled tubes. Deterministic from its seed, so a demo can be replayed.
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

export class SiteQueueModel {
	#queue: number;
	#random: () => number;
	#capacityPerMs: number;
	/** People arriving per ms at a load of 1: the capacity the site was staffed for at the start. */
	#arrivalScalePerMs: number;
	#phase: number;
	/** How popular this site is relative to its capacity: some villages send more people than their desks can take. */
	#baseLoad: number;
	#servedCarry = 0;

	constructor({ desks, seed }: { desks: number; seed: number }) {
		this.#random = mulberry32(seed);
		this.#capacityPerMs = capacityPerMs(desks);
		this.#arrivalScalePerMs = this.#capacityPerMs;
		this.#phase = this.#random() * Math.PI * 2;
		this.#baseLoad = 0.7 + this.#random() * 0.7;
		// The demo starts mid-morning: some sites already have a long queue.
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

	/** Advances the queue by dtMs at wall-clock time epochMs. */
	step(epochMs: number, dtMs: number): SiteQueueStep {
		// Arrivals swing ±50% around the site's base load over a 30-minute cycle, so crowding comes and goes.
		const load = this.#baseLoad * (1 + 0.5 * Math.sin((epochMs / (30 * 60_000)) * Math.PI * 2 + this.#phase));
		const expected = this.#arrivalScalePerMs * dtMs * load;
		const arrivals = Math.max(0, Math.round(expected + (this.#random() - 0.5) * 2 * Math.sqrt(expected + 1)));
		const capacity = this.#capacityPerMs * dtMs + this.#servedCarry;
		const served = Math.min(this.#queue + arrivals, Math.floor(capacity));
		this.#servedCarry = capacity - Math.floor(capacity);
		this.#queue = this.#queue + arrivals - served;
		return { queueLength: this.#queue, served };
	}
}

const capacityPerMs = (desks: number) => (desks * ACTIVE_SAMPLERS_PER_DESK * PEOPLE_PER_SAMPLER_HOUR) / 3_600_000;

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
