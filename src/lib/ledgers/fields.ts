/**
 * Parsers of ledger cells. Each takes the cell as text (trimmed; '' when empty) and returns a
 * value or a message that completes the sentence "row 14, 经度: 215.3 …".
 *
 * Offices type on Chinese input methods: numbers, codes, dates, times, ID numbers and phones are
 * read with full-width forms (１２３, ：, ，, （）) as their ASCII (narrow); free text keeps them.
 */
import { idNumberProblem } from '../domain/id-number';

export type FieldResult<T> = { ok: true; value: T } | { ok: false, message: string };
export type FieldParser<T> = (text: string) => FieldResult<T>;

/**
 * What a spreadsheet's typed cell (a date, a time, a number) becomes for a column: a time-of-day
 * cell is HH:MM in a time column, a number cell keeps its digits in a number column, and so on
 * (table-shape.ts). Columns whose parser carries no kind are text.
 */
export type CellKind = 'text' | 'number' | 'time' | 'date' | 'dateTime';
const withKind = <P extends FieldParser<unknown>>(parser: P, cell: CellKind): P & { cell: CellKind } => Object.assign(parser, { cell });
export const cellKindOf = (parser: FieldParser<unknown>): CellKind => (parser as { cell?: CellKind }).cell ?? 'text';

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (message: string): FieldResult<never> => ({ ok: false, message });

/** Full-width ASCII forms (U+FF01–FF5E: １２３ ＡＢＣ ， ： （ ） －) as ASCII; the ideographic space as a space. */
export function narrow(value: string): string {
	return value.replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * A long number a spreadsheet has already damaged: typed into a number cell, an ID number or a
 * phone keeps only 15 significant digits, and a CSV saved from it writes what the cell showed
 * (3.60404E+17). The digits are gone; only the office can type them again.
 */
export const LOST_DIGITS = 'was stored as a number and lost its last digits: format the column as text and type it again';
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?[eE]\+?\d+$/;

export function text(maxLength = 200): FieldParser<string> {
	return (value) => (value.length > maxLength ? fail(`is longer than ${maxLength} characters`) : ok(value));
}

/** A code (natural key): letters, digits, Chinese characters and - _ . / ; no spaces. */
export const code: FieldParser<string> = (raw) => {
	const value = narrow(raw);
	if (SCIENTIFIC.test(value)) return fail(LOST_DIGITS);
	return value.length > 64 ? fail('is longer than 64 characters') : /^[\p{L}\p{N}_.\-/:]+$/u.test(value) ? ok(value) : fail(`is not a valid code (letters, digits and - _ . / : only)`);
};

export function integer(min: number, max: number): FieldParser<number> {
	return withKind((raw: string) => {
		const value = narrow(raw);
		if (!/^-?\d+(\.0+)?$/.test(value)) return fail('is not a whole number');
		const number = Number(value);
		return number < min || number > max ? fail(`must be between ${min} and ${max}`) : ok(number);
	}, 'number');
}

export function decimal(min: number, max: number): FieldParser<number> {
	return withKind((raw: string) => {
		const value = narrow(raw);
		if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value)) return fail('is not a number');
		const number = Number(value);
		return number < min || number > max ? fail(`must be between ${min} and ${max}`) : ok(number);
	}, 'number');
}

export const longitude = withKind((value: string): FieldResult<number> => {
	const number = decimal(-Infinity, Infinity)(value);
	if (!number.ok || !Number.isFinite(number.value)) return fail('is not a number');
	return number.value < -180 || number.value > 180 ? fail('is not a longitude (−180 to 180)') : number;
}, 'number');

export const latitude = withKind((value: string): FieldResult<number> => {
	const number = decimal(-Infinity, Infinity)(value);
	if (!number.ok || !Number.isFinite(number.value)) return fail('is not a number');
	return number.value < -90 || number.value > 90 ? fail('is not a latitude (−90 to 90)') : number;
}, 'number');

/** One of a set of values, written in Chinese or English (the English is the stored value). */
export function choice<T extends string>(labels: Record<T, string>): FieldParser<T> & { labels: Record<T, string> } {
	const byText = new Map<string, T>();
	for (const [value, zh] of Object.entries(labels) as [T, string][]) {
		byText.set(value.toLowerCase(), value);
		byText.set(zh.toLowerCase(), value);
	}
	const parser = (value: string): FieldResult<T> => {
		const found = byText.get(value.toLowerCase()) ?? byText.get(narrow(value).toLowerCase());
		return found ? ok(found) : fail(`must be one of ${Object.values<string>(labels).join('、')}`);
	};
	return Object.assign(parser, { labels });
}

export const yesNo: FieldParser<boolean> = (value) => {
	const lower = narrow(value).toLowerCase();
	if (['是', 'yes', 'y', 'true', '1', '有'].includes(lower)) return ok(true);
	if (['否', 'no', 'n', 'false', '0', '无'].includes(lower)) return ok(false);
	return fail('must be 是 or 否 (yes or no)');
};

/** The date of a cell: 2026-11-23, 2026/11/23, 2026.11.23, 2026年11月23日 (日 optional) or 20261123. */
const DATE_PART = String.raw`(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))`;
/** The time of a cell: 8:00, 08:00:30, 8时30分 (Excel's Chinese time format; not 8点, which is speech), and 上午 / 下午 / AM / PM around it. */
const TIME_PART = String.raw`(上午|下午|AM|PM)?\s*(\d{1,2})(?::(\d{2})(?::(\d{2}))?|时(?:(\d{1,2})分?(?:(\d{1,2})秒)?)?)\s*(上午|下午|AM|PM)?`;
const DATE_ONLY = new RegExp(`^${DATE_PART}$`);
const TIME_ONLY = new RegExp(`^${TIME_PART}$`, 'i');
const DATE_AND_TIME = new RegExp(`^${DATE_PART}(?:[ T]+|(?<=日))${TIME_PART}$`, 'i');

function datePart(match: string[]): [number, number, number] {
	const [, year, month1, day1, month2, day2, month3, day3] = match;
	return [Number(year), Number(month1 ?? month2 ?? month3), Number(day1 ?? day2 ?? day3)];
}

/** Hours, minutes and seconds of TIME_PART's groups, 12-hour forms made 24-hour; null when a 12-hour form names hour 0 or above 12. */
function timePart(groups: string[]): [number, number, number] | null {
	const [before, hourText, colonMinutes, colonSeconds, chineseMinutes, chineseSeconds, after] = groups;
	let hours = Number(hourText);
	const minutes = Number(colonMinutes ?? chineseMinutes ?? 0);
	const seconds = Number(colonSeconds ?? chineseSeconds ?? 0);
	const half = (before ?? after)?.toUpperCase();
	if (before && after) return null;
	if (half) {
		if (hours < 1 || hours > 12) return null;
		hours = (hours % 12) + (half === 'PM' || half === '下午' ? 12 : 0);
	}
	return [hours, minutes, seconds];
}

const onCalendar = (year: number, month: number, day: number) => {
	const parsed = new Date(Date.UTC(year, month - 1, day));
	return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
};

/** A local date, YYYY-MM-DD (also 2026/11/23, 2026.11.23, 2026年11月23日 and 20261123). */
export const date = withKind((raw: string): FieldResult<string> => {
	const match = narrow(raw).match(DATE_ONLY);
	if (!match) return fail('is not a date (YYYY-MM-DD)');
	const [year, month, day] = datePart(match);
	if (!onCalendar(year, month, day)) return fail('is not a date on the calendar');
	return ok(new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10));
}, 'date');

/** A time of day, HH:MM, 00:00–24:00 (also 8:00, 08:00:00, 8时30分, 下午2:30); seconds are dropped. */
export const clockTime = withKind((raw: string): FieldResult<string> => {
	const match = narrow(raw).match(TIME_ONLY);
	if (!match) return fail('is not a time of day (HH:MM)');
	const time = timePart(match.slice(1));
	if (!time) return fail('is not a time of day (00:00–24:00)');
	const [hours, minutes, seconds] = time;
	if (hours > 24 || minutes > 59 || seconds > 59 || (hours === 24 && minutes + seconds > 0)) return fail('is not a time of day (00:00–24:00)');
	return ok(`${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);
}, 'time');

export const idNumber: FieldParser<string> = (value) => {
	const upper = narrow(value).toUpperCase();
	if (SCIENTIFIC.test(upper)) return fail(LOST_DIGITS);
	const problem = idNumberProblem(upper);
	// Fifteen digits kept and three zeroed: a number cell's damage, unless the number is valid as it is.
	if (problem && /^\d{15}000$/.test(upper)) return fail(LOST_DIGITS);
	return problem ? fail(`is not a valid ID number: it ${problem}`) : ok(upper);
};

/** A mainland mobile (11 digits starting with 1) or a landline with its area code. */
export const phone: FieldParser<string> = (value) => {
	const compact = narrow(value).replace(/[\s-]/g, '');
	if (SCIENTIFIC.test(compact)) return fail(LOST_DIGITS);
	return /^1\d{10}$/.test(compact) || /^0\d{9,11}$/.test(compact) ? ok(compact) : fail('is not a phone number (11-digit mobile or area code and number)');
};

/** A list in one cell, separated by 、 ; ； , ， or spaces (an ideographic space too). */
export function list(item: FieldParser<string>): FieldParser<string[]> {
	return (value) => {
		const parts = value.split(/[、;；,，\s\u3000]+/).map((part) => part.trim()).filter(Boolean);
		const values: string[] = [];
		for (const part of parts) {
			const parsed = item(part);
			if (!parsed.ok) return fail(`"${part}" ${parsed.message}`);
			values.push(parsed.value);
		}
		return ok(values);
	};
}

export const COORDINATE_SYSTEM_LABELS = { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09', cgcs2000: 'CGCS2000' } as const;
type CoordinateSystemName = keyof typeof COORDINATE_SYSTEM_LABELS;
/** What a township calls the system after the map it copied from. */
const COORDINATE_SYSTEM_ALIASES: Record<string, CoordinateSystemName> = { 高德: 'gcj02', 腾讯: 'gcj02', 火星坐标: 'gcj02', 百度: 'bd09', 国家2000: 'cgcs2000' };
export const COORDINATE_SYSTEM_UNKNOWN = 'is not a coordinate system this import knows: WGS-84, GCJ-02 (Amap, Tencent), BD-09 (Baidu) or CGCS2000';

/**
 * The coordinate system of a row's positions: WGS-84, GCJ-02, BD-09 or CGCS2000, with or without
 * the hyphen, or the map app's name. An unknown one is refused, never guessed: a wrong guess moves
 * every point by hundreds of metres, enough to put a home in the wrong zone.
 */
export const coordinateSystem = Object.assign(
	(raw: string): FieldResult<CoordinateSystemName> => {
		const value = narrow(raw);
		const compact = value.toLowerCase().replace(/[\s_-]/g, '');
		const found = Object.hasOwn(COORDINATE_SYSTEM_LABELS, compact) ? (compact as CoordinateSystemName) : Object.hasOwn(COORDINATE_SYSTEM_ALIASES, value) ? COORDINATE_SYSTEM_ALIASES[value] : null;
		return found ? ok(found) : fail(COORDINATE_SYSTEM_UNKNOWN);
	},
	{ labels: COORDINATE_SYSTEM_LABELS }
);

/**
 * A moment, written as China time: "2026-11-23 14:30" (or with seconds, / or . between the date's
 * parts, T between date and time); an ISO time with its offset is taken as it says. The value is
 * ISO (UTC); formatChinaDateTime writes it back the way a ledger reads it.
 */
export const dateTime = withKind((raw: string): FieldResult<string> => {
	const value = narrow(raw);
	if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value) && /T/.test(value)) {
		const instant = Date.parse(value);
		return Number.isNaN(instant) ? fail('is not a date and time (YYYY-MM-DD HH:MM)') : ok(new Date(instant).toISOString());
	}
	// A date alone (an office's 返乡时间 typed as a date) is the start of that day, China time: the
	// earliest the moment can have been, so a test due within 24 h of it is asked for no later than due.
	const dateAlone = value.match(DATE_ONLY);
	if (dateAlone) {
		const [year, month, dayOfMonth] = datePart(dateAlone);
		if (!onCalendar(year, month, dayOfMonth)) return fail('is not a date on the calendar');
		return ok(new Date(Date.UTC(year, month - 1, dayOfMonth) - 8 * 3_600_000).toISOString());
	}
	const match = value.match(DATE_AND_TIME);
	if (!match) return fail('is not a date and time (YYYY-MM-DD HH:MM, China time)');
	const [year, month, day] = datePart(match);
	const time = timePart(match.slice(8));
	if (!time) return fail('is not a date and time on the calendar');
	const [hours, minutes, seconds] = time;
	if (!onCalendar(year, month, day) || hours > 23 || minutes > 59 || seconds > 59) return fail('is not a date and time on the calendar');
	return ok(new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds) - 8 * 3_600_000).toISOString());
}, 'dateTime');

/** An ISO moment as a ledger writes it: "YYYY-MM-DD HH:MM" China time. */
export function formatChinaDateTime(value: unknown): string {
	if (typeof value !== 'string' || value === '') return '';
	return new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
