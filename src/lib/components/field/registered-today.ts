/**
 * The roster codes this tablet registered today (China service day), kept in its own storage so the
 * desk can say 今日已登记 when a code comes again: the server keeps the first sample of a day and
 * answers "accepted" either way. Codes only (never a name or ID number), and only today's.
 */
import { serviceDay } from '$lib/domain/service-day';

const KEY = 'cc-site-registered';

function read(day: string): Set<string> {
	try {
		const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { day?: string; codes?: string[] } | null;
		return new Set(stored?.day === day && Array.isArray(stored.codes) ? stored.codes : []);
	} catch {
		return new Set();
	}
}

export function registeredToday(now = Date.now()): Set<string> {
	return read(serviceDay(now));
}

export function rememberRegistered(codes: readonly string[], now = Date.now()): void {
	const day = serviceDay(now);
	const all = read(day);
	for (const code of codes) all.add(code);
	try {
		localStorage.setItem(KEY, JSON.stringify({ day, codes: [...all] }));
	} catch {
		// Storage full or off: the desk still registers; only the 今日已登记 hint is lost.
	}
}
