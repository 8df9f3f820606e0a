/**
 * The wall's overview (GET /api/wall/overview), polled: it changes slowly and is aggregated on the
 * server. A failed poll keeps the last overview on screen; its age shows as that source's data time.
 */
import type { WallOverview } from '$lib/protocol';

export const OVERVIEW_POLL_MS = 30_000;

export class WallOverviewState {
	overview = $state.raw<WallOverview | null>(null);
	/** Browser clock of the last successful poll. */
	fetchedAt = $state<number | null>(null);
	#timer: ReturnType<typeof setInterval> | null = null;

	start(headers: Record<string, string>, everyMs = OVERVIEW_POLL_MS): () => void {
		const poll = async () => {
			try {
				const response = await fetch('/api/wall/overview', { headers });
				if (!response.ok) return;
				this.overview = (await response.json()) as WallOverview;
				this.fetchedAt = Date.now();
			} catch {
				// Offline: the stale banner already says so; keep what is shown.
			}
		};
		void poll();
		this.#timer = setInterval(poll, everyMs);
		return () => {
			if (this.#timer) clearInterval(this.#timer);
		};
	}
}
