/**
 * The commander's deadline (完成时限) as typed: "HH:MM" China time on now's service day, "24:00"
 * meaning the midnight that ends it. A deadline at or before now is refused: the round cannot be
 * asked to have finished already. Pure: `now` is passed in (CI runs at night China time).
 */
import { clockTime } from '../ledgers/fields';
import { serviceDay, serviceDayStart } from './service-day';

export type DeadlineParse = { ok: true; at: number; clock: string } | { ok: false; reason: 'bad_time' | 'past'; clock: string };

export function parseRoundDeadline(typed: string, now: number): DeadlineParse {
	const parsed = clockTime(typed.trim());
	if (!parsed.ok) return { ok: false, reason: 'bad_time', clock: typed.trim() };
	const [hours, minutes] = parsed.value.split(':').map(Number);
	const at = serviceDayStart(serviceDay(now)) + (hours * 60 + minutes) * 60_000;
	return at <= now ? { ok: false, reason: 'past', clock: parsed.value } : { ok: true, at, clock: parsed.value };
}
