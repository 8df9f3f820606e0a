/**
 * The wall's overview (GET /api/wall/overview), polled: it is aggregated on the server; and read
 * at once when the live KPI's overviewChanges moves (changed). A failed poll keeps the last
 * overview on screen; its age shows as that source's data time.
 */
import type { WallOverview } from '$lib/protocol';

export const OVERVIEW_POLL_MS = 30_000;

export class WallOverviewState {
	overview = $state.raw<WallOverview | null>(null);
	/** Browser clock of the last successful poll. */
	fetchedAt = $state<number | null>(null);
	#timer: ReturnType<typeof setInterval> | null = null;

	#headers: Record<string, string> = {};
	/** The live KPI's overviewChanges last asked for. */
	#changes: number | null = null;

	start(headers: Record<string, string>, everyMs = OVERVIEW_POLL_MS): () => void {
		this.#headers = headers;
		void this.#poll();
		this.#timer = setInterval(() => void this.#poll(), everyMs);
		return () => {
			if (this.#timer) clearInterval(this.#timer);
		};
	}

	/**
	 * The live KPI says an event changed the overview's counts (a zone lifted, a handover, a case
	 * placed): read it now, not at the next poll, so those counts follow their events within a tick.
	 */
	changed(changes: number | undefined): void {
		if (changes === undefined || changes === this.#changes) return;
		this.#changes = changes;
		void this.#poll();
	}

	async #poll(): Promise<void> {
		try {
			const query = this.#changes === null ? '' : `?changes=${this.#changes}`;
			const response = await fetch(`/api/wall/overview${query}`, { headers: this.#headers });
			if (!response.ok) return;
			this.overview = (await response.json()) as WallOverview;
			this.fetchedAt = Date.now();
		} catch {
			// Offline: the stale banner already says so; keep what is shown.
		}
	}
}
