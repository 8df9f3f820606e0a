/**
 * Parsers of ledger cells. Each takes the cell as text (trimmed; '' when empty) and returns a
 * value or a message that completes the sentence "row 14, 经度: 215.3 …".
 */
import { idNumberProblem } from '../domain/id-number';

export type FieldResult<T> = { ok: true; value: T } | { ok: false, message: string };
export type FieldParser<T> = (text: string) => FieldResult<T>;

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (message: string): FieldResult<never> => ({ ok: false, message });

export function text(maxLength = 200): FieldParser<string> {
	return (value) => (value.length > maxLength ? fail(`is longer than ${maxLength} characters`) : ok(value));
}

/** A code (natural key): letters, digits, Chinese characters and - _ . / ; no spaces. */
export const code: FieldParser<string> = (value) =>
	value.length > 64 ? fail('is longer than 64 characters') : /^[\p{L}\p{N}_.\-/:]+$/u.test(value) ? ok(value) : fail(`is not a valid code (letters, digits and - _ . / : only)`);

export function integer(min: number, max: number): FieldParser<number> {
	return (value) => {
		if (!/^-?\d+(\.0+)?$/.test(value)) return fail('is not a whole number');
		const number = Number(value);
		return number < min || number > max ? fail(`must be between ${min} and ${max}`) : ok(number);
	};
}

export function decimal(min: number, max: number): FieldParser<number> {
	return (value) => {
		if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value)) return fail('is not a number');
		const number = Number(value);
		return number < min || number > max ? fail(`must be between ${min} and ${max}`) : ok(number);
	};
}

export const longitude: FieldParser<number> = (value) => {
	const number = decimal(-Infinity, Infinity)(value);
	if (!number.ok || !Number.isFinite(number.value)) return fail('is not a number');
	return number.value < -180 || number.value > 180 ? fail('is not a longitude (−180 to 180)') : number;
};

export const latitude: FieldParser<number> = (value) => {
	const number = decimal(-Infinity, Infinity)(value);
	if (!number.ok || !Number.isFinite(number.value)) return fail('is not a number');
	return number.value < -90 || number.value > 90 ? fail('is not a latitude (−90 to 90)') : number;
};

/** One of a set of values, written in Chinese or English (the English is the stored value). */
export function choice<T extends string>(labels: Record<T, string>): FieldParser<T> & { labels: Record<T, string> } {
	const byText = new Map<string, T>();
	for (const [value, zh] of Object.entries(labels) as [T, string][]) {
		byText.set(value.toLowerCase(), value);
		byText.set(zh.toLowerCase(), value);
	}
	const parser = (value: string): FieldResult<T> => {
		const found = byText.get(value.toLowerCase());
		return found ? ok(found) : fail(`must be one of ${Object.values<string>(labels).join('、')}`);
	};
	return Object.assign(parser, { labels });
}

export const yesNo: FieldParser<boolean> = (value) => {
	const lower = value.toLowerCase();
	if (['是', 'yes', 'y', 'true', '1', '有'].includes(lower)) return ok(true);
	if (['否', 'no', 'n', 'false', '0', '无'].includes(lower)) return ok(false);
	return fail('must be 是 or 否 (yes or no)');
};

/** A local date, YYYY-MM-DD (also 2026/11/23 and 2026.11.23). */
export const date: FieldParser<string> = (value) => {
	const match = value.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
	if (!match) return fail('is not a date (YYYY-MM-DD)');
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const parsed = new Date(Date.UTC(year, month - 1, day));
	if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) return fail('is not a date on the calendar');
	return ok(parsed.toISOString().slice(0, 10));
};

/** A time of day, HH:MM, 00:00–24:00. */
export const clockTime: FieldParser<string> = (value) => {
	const match = value.match(/^(\d{1,2})[:：](\d{2})$/);
	if (!match) return fail('is not a time of day (HH:MM)');
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return fail('is not a time of day (00:00–24:00)');
	return ok(`${String(hours).padStart(2, '0')}:${match[2]}`);
};

export const idNumber: FieldParser<string> = (value) => {
	const upper = value.toUpperCase();
	const problem = idNumberProblem(upper);
	return problem ? fail(`is not a valid ID number: it ${problem}`) : ok(upper);
};

/** A mainland mobile (11 digits starting with 1) or a landline with its area code. */
export const phone: FieldParser<string> = (value) => {
	const compact = value.replace(/[\s-]/g, '');
	return /^1\d{10}$/.test(compact) || /^0\d{9,11}$/.test(compact) ? ok(compact) : fail('is not a phone number (11-digit mobile or area code and number)');
};

/** A list in one cell, separated by 、 ; ， or , */
export function list(item: FieldParser<string>): FieldParser<string[]> {
	return (value) => {
		const parts = value.split(/[、;；,，]/).map((part) => part.trim()).filter(Boolean);
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
	(value: string): FieldResult<CoordinateSystemName> => {
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
export const dateTime: FieldParser<string> = (value) => {
	if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(value) && /T/.test(value)) {
		const instant = Date.parse(value);
		return Number.isNaN(instant) ? fail('is not a date and time (YYYY-MM-DD HH:MM)') : ok(new Date(instant).toISOString());
	}
	const match = value.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$/);
	if (!match) return fail('is not a date and time (YYYY-MM-DD HH:MM, China time)');
	const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
	const utc = Date.UTC(year, month - 1, day, hours, minutes, seconds);
	const check = new Date(utc);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hours > 23 || minutes > 59 || seconds > 59) return fail('is not a date and time on the calendar');
	return ok(new Date(utc - 8 * 3_600_000).toISOString());
};

/** An ISO moment as a ledger writes it: "YYYY-MM-DD HH:MM" China time. */
export function formatChinaDateTime(value: unknown): string {
	if (typeof value !== 'string' || value === '') return '';
	return new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
