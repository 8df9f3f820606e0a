/**
 * The counts a site tablet seals a box with, checked before anything is sent. The form starts
 * empty (a prefilled 20 / 200 sealed a made-up box in one tap): both numbers must be typed, whole,
 * within the device API's bounds, and no fewer people than tubes (a tube holds at least one
 * person), so the tablet says what is wrong before sending rather than the server after.
 */
import type { MessageKey } from '$lib/i18n/messages';

export type BoxCounts = { ok: true; tubes: number; people: number } | { ok: false; problem: MessageKey };

/** What the number inputs hold: a number, or null / '' / undefined while left empty. */
type Entered = number | string | null | undefined;

const whole = (value: Entered): number | null => {
	if (value === null || value === undefined || value === '') return null;
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) ? number : null;
};

export function checkBoxCounts(tubesEntered: Entered, peopleEntered: Entered): BoxCounts {
	const tubes = whole(tubesEntered);
	const people = whole(peopleEntered);
	if (tubes === null) return { ok: false, problem: 'field.box.tubesMissing' };
	if (people === null) return { ok: false, problem: 'field.box.peopleMissing' };
	if (!Number.isInteger(tubes) || tubes < 1 || tubes > 10_000) return { ok: false, problem: 'field.box.tubesInvalid' };
	if (!Number.isInteger(people) || people < 1 || people > 200_000) return { ok: false, problem: 'field.box.peopleInvalid' };
	if (people < tubes) return { ok: false, problem: 'field.box.fewerPeople' };
	return { ok: true, tubes, people };
}
