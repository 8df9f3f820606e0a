/**
 * A site's queue when its arrivals come from the roster (roster-arrivals.ts): households join the
 * queue at their drawn times and the staffed desks sample its members first come first served,
 * about 200 people per desk-hour (domain.md [001]). Each step says which members were sampled, so
 * the tablet's day count and its `site.sampled` batches are the same people. A new round (a day
 * after the last) draws the roster's arrivals again. Same interface as SiteQueueModel.
 */
import { PEOPLE_PER_SAMPLER_HOUR } from '../../src/lib/domain/site-load';
import { rosterArrivals, type ArrivingHousehold, type SiteRoster } from './roster-arrivals';

const DAY = 24 * 60 * 60_000;

export interface RosterQueueStep {
	queueLength: number;
	served: number;
	/** Roster codes of the members sampled in this step, in order. */
	sampled: string[];
}

export class RosterQueue {
	#roster: SiteRoster;
	#roundStart: number;
	#seed: number;
	#desksAtStart: number;
	#perMs: number;
	#round = -1;
	#arrivals: ArrivingHousehold[] = [];
	/** Next household not yet arrived. */
	#next = 0;
	/** Members waiting, in arrival order. */
	#queue: string[] = [];
	#head = 0;
	#carry = 0;

	constructor({ roster, roundStart, seed, desks }: { roster: SiteRoster; roundStart: number; seed: number; desks: number }) {
		this.#roster = roster;
		this.#roundStart = roundStart;
		this.#seed = seed;
		this.#desksAtStart = desks;
		this.#perMs = perMs(desks);
	}

	get queueLength(): number {
		return this.#queue.length - this.#head;
	}

	setStaffedDesks(desks: number): void {
		this.#perMs = perMs(Math.max(0, desks));
	}

	/**
	 * After a restart: the round's arrivals up to now have come, and the first `sampled` of them
	 * (the server's day count) were sampled, since the desks take people in arrival order. The
	 * server's queue, when given, is what stands: the next households come early to make it up, or
	 * the first in line are taken as gone.
	 */
	continueFrom(now: number, sampled: number, queueLength: number | null = null): void {
		this.#enterRound(now);
		this.#arrive(now);
		this.#head = Math.min(this.#queue.length, Math.max(0, Math.round(sampled)));
		if (queueLength === null) return;
		while (this.queueLength < queueLength && this.#next < this.#arrivals.length && Number.isFinite(this.#arrivals[this.#next].at)) this.#queue.push(...this.#arrivals[this.#next++].members);
		this.#head = Math.max(this.#head, this.#queue.length - Math.max(0, Math.round(queueLength)));
	}

	step(now: number, dtMs: number): RosterQueueStep {
		this.#enterRound(now);
		this.#arrive(now);
		const capacity = this.#perMs * dtMs + this.#carry;
		const served = Math.min(this.queueLength, Math.floor(capacity));
		this.#carry = served < Math.floor(capacity) ? 0 : capacity - Math.floor(capacity);
		const sampled = this.#queue.slice(this.#head, this.#head + served);
		this.#head += served;
		// Keep the array small over a long day.
		if (this.#head > 5000) [this.#queue, this.#head] = [this.#queue.slice(this.#head), 0];
		return { queueLength: this.queueLength, served, sampled };
	}

	/** A round starts a day after the last (the demo's round repeats): the roster comes again, the queue starts afresh. */
	#enterRound(now: number): void {
		const round = Math.max(0, Math.floor((now - this.#roundStart) / DAY));
		if (round === this.#round) return;
		this.#round = round;
		this.#arrivals = rosterArrivals({ roster: this.#roster, roundStart: this.#roundStart + round * DAY, staffedDesks: this.#desksAtStart, seed: this.#seed + round });
		[this.#next, this.#queue, this.#head, this.#carry] = [0, [], 0, 0];
	}

	#arrive(now: number): void {
		while (this.#next < this.#arrivals.length && this.#arrivals[this.#next].at <= now) this.#queue.push(...this.#arrivals[this.#next++].members);
	}
}

const perMs = (desks: number) => (desks * PEOPLE_PER_SAMPLER_HOUR) / 3_600_000;
