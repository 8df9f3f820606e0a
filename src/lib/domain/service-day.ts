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

/** The instant (epoch ms) the given service day (YYYY-MM-DD) starts: local midnight in China. */
export function serviceDayStart(day: string): number {
	return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** The service day that follows the given one. */
export function nextServiceDay(day: string): string {
	return serviceDay(serviceDayStart(day) + 36 * 60 * 60 * 1000);
}
