/**
 * Each source of the wall's data has its own clock: site tablets post every few seconds, courier
 * phones every second, the overview is polled every 30 s. A source whose newest data is older than
 * its limit has gone quiet, and the wall says so even while the server itself answers.
 */
import { isCanonicalIso } from './iso-time';

export const QUIET_AFTER_MS = { sites: 60_000, couriers: 60_000, overview: 90_000 } as const;

export type DataSource = keyof typeof QUIET_AFTER_MS;

/** The newest of some ISO times, as epoch ms; null when there is none. The server's own shape is compared as strings (iso-time.ts), any other parsed. */
export function newestTime(times: Iterable<string | null>): number | null {
	let newestCanonical: string | null = null;
	let newestOther: number | null = null;
	for (const time of times) {
		if (time === null) continue;
		if (isCanonicalIso(time)) {
			if (newestCanonical === null || time > newestCanonical) newestCanonical = time;
			continue;
		}
		const ms = Date.parse(time);
		if (newestOther === null || ms > newestOther) newestOther = ms;
	}
	const canonical = newestCanonical === null ? null : Date.parse(newestCanonical);
	if (canonical === null) return newestOther;
	return newestOther === null ? canonical : Math.max(canonical, newestOther);
}

/** The sources that have gone quiet; one never heard from is not quiet yet (it may have nothing to say). */
export function quietSources(latest: Record<DataSource, number | null>, now: number, limits: Record<DataSource, number> = QUIET_AFTER_MS): DataSource[] {
	return (Object.keys(limits) as DataSource[]).filter((source) => latest[source] !== null && now - latest[source]! > limits[source]);
}
