/**
 * Runs a read when asked, at most once per interval: a request inside the interval runs once at
 * its end, however many came. Nothing runs unless asked, so an idle source costs no reads.
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
		this.#pending = setTimeout(() => {
			this.#pending = null;
			this.#lastAt = Date.now();
			void this.#read().catch(() => {});
		}, wait);
	}

	stop(): void {
		this.#stopped = true;
		if (this.#pending !== null) clearTimeout(this.#pending);
	}
}
