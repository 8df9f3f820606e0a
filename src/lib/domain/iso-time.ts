/**
 * Comparing times the server writes (Date#toISOString: 2026-12-01T02:00:00.000Z) without parsing
 * them. Strings of that one shape order as the times do, so a wall that asks every second whether
 * each of 10,000 vehicles has gone silent, or which report is the newest, compares strings; any
 * other shape a device may have sent is parsed as before. Pure.
 */

/** The shape Date#toISOString writes: 24 characters, a T at 10, a Z at the end (UTC, milliseconds). */
export function isCanonicalIso(time: string): boolean {
	return time.length === 24 && time.charCodeAt(10) === 84 && time.charCodeAt(23) === 90;
}

let lastMs = NaN;
let lastIso = '';
/** The canonical string of a moment; the last one is remembered (callers ask for the same moment 10,000 times in a row). */
function isoOf(ms: number): string {
	if (ms !== lastMs) {
		lastMs = ms;
		lastIso = new Date(ms).toISOString();
	}
	return lastIso;
}

/** Whether `time` is before (−1), at (0) or after (1) the moment `ms`. */
export function compareToMoment(time: string, ms: number): -1 | 0 | 1 {
	if (isCanonicalIso(time) && Number.isInteger(ms) && Math.abs(ms) < 8.64e15) {
		const moment = isoOf(ms);
		// A year outside 0000–9999 writes another shape: compared by parsing.
		if (moment.length === 24) return time < moment ? -1 : time > moment ? 1 : 0;
	}
	const at = Date.parse(time);
	return at < ms ? -1 : at > ms ? 1 : 0;
}

/** Whether `time` is later than the moment `ms`. */
export const isAfter = (time: string, ms: number): boolean => compareToMoment(time, ms) > 0;

/** Whether `time` is earlier than the moment `ms`. */
export const isBefore = (time: string, ms: number): boolean => compareToMoment(time, ms) < 0;
