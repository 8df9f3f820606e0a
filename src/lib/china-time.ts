/**
 * Every time a page shows is China time (Asia/Shanghai, UTC+8, no daylight saving since 1991),
 * whatever zone the browser or the wall's PC is set to: a wall in a command centre whose PC says
 * UTC must not read 04:xx beside a chart whose bars are at 12. The one place pages format times.
 * Arithmetic on a fixed offset, not Intl, so every browser and Node give the same text.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (value: number) => String(value).padStart(2, '0');
/** A Date whose UTC fields read China's wall-clock time. */
const shifted = (epochMs: number) => new Date(epochMs + CHINA_OFFSET_MS);

/** "HH:MM:SS" (or "HH:MM" with seconds: false), 24-hour, China time. */
export function chinaClock(epochMs: number, { seconds = true }: { seconds?: boolean } = {}): string {
	const at = shifted(epochMs);
	const hm = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
	return seconds ? `${hm}:${pad(at.getUTCSeconds())}` : hm;
}

/** "HH:MM" of an ISO instant, or the fallback when there is none. */
export function chinaMinutes(iso: string | null | undefined, fallback = '—'): string {
	if (!iso) return fallback;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? fallback : chinaClock(ms, { seconds: false });
}

/** "YYYY-MM-DD HH:MM:SS", China time. */
export function chinaDateTime(epochMs: number): string {
	return shifted(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** The value of a datetime-local input ("YYYY-MM-DDTHH:MM") showing an instant in China time. */
export function chinaInputValue(epochMs: number): string {
	return shifted(epochMs).toISOString().slice(0, 16);
}

/** The instant a datetime-local value means when read as China time; NaN when it is not one. */
export function fromChinaInputValue(value: string): number {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return Number.NaN;
	return Date.parse(`${value}Z`) - CHINA_OFFSET_MS;
}

/** How long something has stood, in whole minutes (never negative). */
export function minutesSince(sinceMs: number, nowMs: number): number {
	return Math.max(0, Math.floor((nowMs - sinceMs) / 60_000));
}
