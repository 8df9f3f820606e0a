/**
 * When a round's villages are sampled: a timetable slot (各村时间安排表, HH:MM China time) placed
 * on the round's clock, and how long a site's desks need for its roster. Shared by the simulator's
 * arrivals, the finish forecast and the demo's default timetable, so all three place a slot alike.
 */
import { PEOPLE_PER_SAMPLER_HOUR } from './site-load';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ROUND_WINDOW = {
	/** People arrive at 115 % of the staffed desks' pace: a queue builds without growing without end. */
	loadOverWindow: 1.15,
	windowMs: { min: 5 * HOUR, max: 12 * HOUR }
} as const;

/** How long a site's main window lasts for `comers` people at its staffed desks' pace (5–12 h). */
export function samplingWindowMs(comers: number, staffedDesks: number): number {
	const perHour = Math.max(1, staffedDesks) * PEOPLE_PER_SAMPLER_HOUR * ROUND_WINDOW.loadOverWindow;
	return Math.min(ROUND_WINDOW.windowMs.max, Math.max(ROUND_WINDOW.windowMs.min, (comers / perHour) * HOUR));
}

/** A timetable slot (HH:MM China time) as epoch ms: the first such slot ending after `after` (a round's start, or a day's). */
export function slotInRound(slot: { startsAt: string; endsAt: string }, after: number): { from: number; to: number } {
	const dayStart = Date.parse(`${new Date(after + 8 * HOUR).toISOString().slice(0, 10)}T00:00:00+08:00`);
	const at = (hhmm: string) => dayStart + Number(hhmm.slice(0, 2)) * HOUR + Number(hhmm.slice(3, 5)) * MINUTE;
	let [from, to] = [at(slot.startsAt), at(slot.endsAt)];
	if (to <= from) to += 24 * HOUR;
	if (to <= after) [from, to] = [from + 24 * HOUR, to + 24 * HOUR];
	return { from, to };
}
