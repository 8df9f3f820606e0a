/** Whether the wall is live, and since when its data is stale. */
export const STALE_AFTER_MS = 5000;

export class ConnectionState {
	connected = $state(false);
	/** Browser clock when the last heartbeat or data arrived. */
	lastHeardAt = $state<number | null>(null);
	/** Device time of the newest event the server applied. */
	dataTime = $state<string | null>(null);
	/** Why the server refused the connection (no or a revoked display token), if it did. */
	refusal = $state<string | null>(null);
	/** Browser clock, ticking once a second so that staleness shows without any event. */
	now = $state(Date.now());

	get staleSince(): number | null {
		if (this.lastHeardAt === null) return null;
		return this.now - this.lastHeardAt > STALE_AFTER_MS ? this.lastHeardAt : null;
	}

	heard(dataTime?: string | null): void {
		this.lastHeardAt = Date.now();
		this.refusal = null;
		if (dataTime !== undefined && dataTime !== null) this.dataTime = dataTime;
	}
}
