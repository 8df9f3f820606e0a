/**
 * When a simulated site seals a box, as the plans say (domain.md, sample transport): about once an
 * hour, or sooner when a busy site fills a box of 300–500 tubes (10 people a tube, 10:1). The demo
 * used to seal a 2–4 tube box every few minutes at every site (66 boxes in 20 minutes), which no
 * dispatcher would see in a real day. Sites seal in turn across the hour, not all at once.
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
	#lastSealAt: number;
	#random: () => number;
	#target: number;

	/**
	 * `firstSealInMs`: how long after the start this site seals its first box (sites are spread
	 * over the first hour, so boxes come in steadily rather than ten at once).
	 */
	constructor({ now, firstSealInMs, seed }: { now: number; firstSealInMs: number; seed: number }) {
		this.#lastSealAt = now + firstSealInMs - SEAL_EVERY_MS;
		this.#random = mulberry32(seed);
		this.#target = this.#drawTarget();
	}

	/** People sampled since the last call; returns the box to seal now, if one is due. */
	add(now: number, people: number): SealedTubes | null {
		this.#people += people;
		const tubes = Math.ceil(this.#people / PEOPLE_PER_TUBE);
		const full = this.#people >= this.#target * PEOPLE_PER_TUBE;
		const hourUp = now - this.#lastSealAt >= SEAL_EVERY_MS;
		if (!full && !hourUp) return null;
		if (this.#people < PEOPLE_PER_TUBE) {
			// Nobody (or nearly) sampled this hour: nothing to seal, look again next hour.
			if (hourUp) this.#lastSealAt = now;
			return null;
		}
		const sealed = full ? { tubes: this.#target, people: this.#target * PEOPLE_PER_TUBE } : { tubes, people: this.#people };
		this.#people -= sealed.people;
		this.#lastSealAt = now;
		this.#target = this.#drawTarget();
		return sealed;
	}

	#drawTarget(): number {
		return BOX_TUBES.min + Math.floor(this.#random() * (BOX_TUBES.max - BOX_TUBES.min + 1));
	}
}
