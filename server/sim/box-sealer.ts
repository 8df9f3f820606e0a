/**
 * When a simulated site seals a box, as the plans say (domain.md, sample transport): about once an
 * hour, or sooner when a busy site fills a box of 300–500 tubes (10 people a tube, 10:1). The demo
 * used to seal a 2–4 tube box every few minutes at every site (66 boxes in 20 minutes), which no
 * dispatcher would see in a real day. Sites seal in turn across the hour, not all at once, each at
 * its own minute past every hour of the clock: a restarted simulator keeps the same times (it once
 * counted the hour from its start, so every restart sealed the first site's few tubes again and
 * the later sites never reached their turn).
 */
import { mulberry32 } from './site-queue-model';

export const SEAL_EVERY_MS = 60 * 60 * 1000;
export const PEOPLE_PER_TUBE = 10;
/** A box is sealed once it holds this many tubes (drawn per box), even before the hour is up. */
export const BOX_TUBES = { min: 300, max: 500 } as const;

export interface SealedTubes {
	tubes: number;
	people: number;
}

export class BoxSealer {
	#people = 0;
	#slotMs: number;
	/** The next time on the clock this site seals the hour's box. */
	#nextSlotAt: number;
	#random: () => number;
	#target: number;

	/**
	 * `slotMs`: how long past each hour of the clock this site seals (sites are spread over the
	 * hour, so boxes come in steadily rather than ten at once); the first box holds the part-hour.
	 */
	constructor({ now, slotMs, seed }: { now: number; slotMs: number; seed: number }) {
		this.#slotMs = slotMs;
		this.#nextSlotAt = this.#slotAtOrBefore(now) + SEAL_EVERY_MS;
		this.#random = mulberry32(seed);
		this.#target = this.#drawTarget();
	}

	/** People sampled since the last call; returns the box to seal now, if one is due. */
	add(now: number, people: number): SealedTubes | null {
		this.#people += people;
		const tubes = Math.ceil(this.#people / PEOPLE_PER_TUBE);
		const full = this.#people >= this.#target * PEOPLE_PER_TUBE;
		const hourUp = now >= this.#nextSlotAt;
		if (!full && !hourUp) return null;
		if (hourUp) this.#nextSlotAt = this.#slotAtOrBefore(now) + SEAL_EVERY_MS;
		// Nobody (or nearly) sampled this hour: nothing to seal, look again next hour.
		if (this.#people < PEOPLE_PER_TUBE) return null;
		const sealed = full ? { tubes: this.#target, people: this.#target * PEOPLE_PER_TUBE } : { tubes, people: this.#people };
		this.#people -= sealed.people;
		this.#target = this.#drawTarget();
		return sealed;
	}

	/** The latest of this site's sealing times at or before `at`. */
	#slotAtOrBefore(at: number): number {
		const sinceSlot = (((at - this.#slotMs) % SEAL_EVERY_MS) + SEAL_EVERY_MS) % SEAL_EVERY_MS;
		return at - sinceSlot;
	}

	#drawTarget(): number {
		return BOX_TUBES.min + Math.floor(this.#random() * (BOX_TUBES.max - BOX_TUBES.min + 1));
	}
}
