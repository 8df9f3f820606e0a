/**
 * Each source of the wall's data has its own clock: site tablets post every few seconds, courier
 * phones every second, the overview is polled every 30 s. A source whose newest data is older than
 * its limit has gone quiet, and the wall says so even while the server itself answers.
 */
export const QUIET_AFTER_MS = { sites: 60_000, couriers: 60_000, overview: 90_000 } as const;

export type DataSource = keyof typeof QUIET_AFTER_MS;

/** The newest of some ISO times, as epoch ms; null when there is none. */
export function newestTime(times: Iterable<string | null>): number | null {
	let newest: number | null = null;
	for (const time of times) {
		if (time === null) continue;
		const ms = Date.parse(time);
		if (newest === null || ms > newest) newest = ms;
	}
	return newest;
}

/** The sources that have gone quiet; one never heard from is not quiet yet (it may have nothing to say). */
export function quietSources(latest: Record<DataSource, number | null>, now: number, limits: Record<DataSource, number> = QUIET_AFTER_MS): DataSource[] {
	return (Object.keys(limits) as DataSource[]).filter((source) => latest[source] !== null && now - latest[source]! > limits[source]);
}
