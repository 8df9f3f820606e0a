/**
 * A few slots for expensive work that many requests may ask for at once (argon2: about a second
 * of a libuv thread and 64 MiB each). Beyond the slots, work waits in a queue; a bounded caller is
 * refused once the queue is full, so a flood of sign-ins cannot take every thread of the pool
 * (file and DNS work share it), the memory, or pile up without end.
 */
export class SlotsBusy extends Error {
	constructor() {
		super('too much of this work is waiting already');
	}
}

export class Slots {
	#active = 0;
	#waiting: (() => void)[] = [];
	#peak = 0;

	constructor(
		readonly size: number,
		readonly queueLimit: number
	) {}

	/** Runs the task in a slot. `bounded`: refuse with SlotsBusy when the queue is full instead of waiting. */
	async run<T>(task: () => Promise<T>, { bounded }: { bounded: boolean }): Promise<T> {
		if (this.#active < this.size) {
			this.#active++;
		} else {
			if (bounded && this.#waiting.length >= this.queueLimit) throw new SlotsBusy();
			// The slot is handed over by the task that releases it; #active does not change.
			await new Promise<void>((resolve) => this.#waiting.push(resolve));
		}
		this.#peak = Math.max(this.#peak, this.#active);
		try {
			return await task();
		} finally {
			const next = this.#waiting.shift();
			if (next) next();
			else this.#active--;
		}
	}

	/** Tasks running now, tasks waiting, and the most that ever ran at once (for metrics and tests). */
	get load(): { active: number; waiting: number; peak: number } {
		return { active: this.#active, waiting: this.#waiting.length, peak: this.#peak };
	}
}
