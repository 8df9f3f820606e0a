/**
 * The service day of a mass-testing operation runs on China Standard Time (UTC+8, no daylight
 * saving), whatever the server's zone: "tubes today" resets at local midnight, as the 24:00 daily
 * report does.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The service day (YYYY-MM-DD, China time) of an instant given in epoch ms. */
export function serviceDay(epochMs: number): string {
	return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
