/**
 * The day's roster coverage (GET /api/coverage) for the wall and /sites: read on opening, every
 * 30 s, and soon after the live count of people sampled moves (changed), at most once every few
 * seconds, since the server recomputes it no more often. A failed read keeps what is shown.
 */
import type { RoundCoverage } from '$lib/protocol';

const POLL_MS = 30_000;
const AT_MOST_EVERY_MS = 3_000;

export class RoundCoverageState {
	coverage = $state.raw<RoundCoverage | null>(null);
	#headers: Record<string, string> = {};
	#timer: ReturnType<typeof setInterval> | null = null;
	#soon: ReturnType<typeof setTimeout> | null = null;
	#lastAt = 0;
	#seen: number | undefined;

	start(headers: Record<string, string> = {}): () => void {
		this.#headers = headers;
		void this.#read();
		this.#timer = setInterval(() => void this.#read(), POLL_MS);
		return () => {
			if (this.#timer) clearInterval(this.#timer);
			if (this.#soon) clearTimeout(this.#soon);
		};
	}

	/**
	 * The live count moved: read again soon, and once more a few seconds later, since the live
	 * count moves as the projector applies a scan, a little before its row is written and before
	 * the server's few-seconds cache of coverage expires.
	 */
	changed(count: number | undefined): void {
		if (count === undefined || count === this.#seen) return;
		this.#seen = count;
		if (this.#soon) return;
		const first = Math.max(1_000, this.#lastAt + AT_MOST_EVERY_MS - Date.now());
		this.#soon = setTimeout(() => {
			void this.#read();
			this.#soon = setTimeout(() => {
				this.#soon = null;
				void this.#read();
			}, AT_MOST_EVERY_MS + 1_000);
		}, first);
	}

	/** Read now (the page changed what the coverage is judged against: the deadline). */
	refresh(): Promise<void> {
		return this.#read();
	}

	async #read(): Promise<void> {
		this.#lastAt = Date.now();
		try {
			const response = await fetch('/api/coverage', { headers: this.#headers });
			if (response.ok) this.coverage = (await response.json()) as RoundCoverage;
		} catch {
			// Offline: the wall's stale banner says so; keep what is shown.
		}
	}
}
