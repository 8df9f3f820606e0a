/**
 * Runs a read when asked, at most once per interval: a request inside the interval runs once at
 * its end, however many came. Nothing runs unless asked, so an idle source costs no reads.
 *
 * `requestNow` is the leading edge, for a change another person made (a run accepted, a transfer
 * assigned or handed over): what follows from it on the board (ETAs, suggestions recomputed, a
 * hotel's beds) is read at once rather than up to an interval later; a read waiting for the end of
 * its interval is folded into it. Such changes come at the pace of people, so this costs few reads.
 */
export class ThrottledReader {
	#read: () => Promise<unknown>;
	#intervalMs: number;
	/** Made just before the page's first read: the first request waits its interval after it. */
	#lastAt = Date.now();
	#pending: ReturnType<typeof setTimeout> | null = null;
	#stopped = false;

	constructor(read: () => Promise<unknown>, intervalMs: number) {
		this.#read = read;
		this.#intervalMs = intervalMs;
	}

	request(now = Date.now()): void {
		if (this.#stopped || this.#pending !== null) return;
		const wait = Math.max(0, this.#lastAt + this.#intervalMs - now);
		this.#pending = setTimeout(() => this.#run(), wait);
	}

	/** Reads now, taking the place of any read waiting for its turn. */
	requestNow(): void {
		if (this.#stopped) return;
		if (this.#pending !== null) clearTimeout(this.#pending);
		this.#run();
	}

	stop(): void {
		this.#stopped = true;
		if (this.#pending !== null) clearTimeout(this.#pending);
	}

	#run(): void {
		this.#pending = null;
		this.#lastAt = Date.now();
		void this.#read().catch(() => {});
	}
}
