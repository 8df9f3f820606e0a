/**
 * The OsmAnd protocol as the open-source Traccar Client app speaks it, in its two forms:
 *  - query: GET or POST /?id=…&lat=…&lon=…[&timestamp=…&speed=<knots>&bearing|heading=…&altitude=…
 *    &hdop=…&accuracy=…&batt=…], with location=lat,lon instead of lat/lon and deviceid instead of id;
 *  - JSON: {"device_id", "location": {"timestamp", "coords": {"latitude", "longitude", "speed" (m/s),
 *    "heading", "accuracy", "altitude"}, "battery": {"level"}, "is_moving"}}.
 * Pure: turns either into one fix, or a reason naming what was wrong.
 */
export interface OsmAndFix {
	deviceId: string;
	lat: number;
	lon: number;
	/** Epoch ms of the fix (the request's arrival when the device sent none). */
	at: number;
	speedKmh?: number;
	heading?: number;
	accuracyM?: number;
	altitudeM?: number;
	/** 0–100 */
	batteryPct?: number;
}

/** The optional values of a fix, as the app names them; one that is unknown or wrong is dropped. */
export const OSMAND_OPTIONAL_FIELDS = ['speed', 'heading', 'accuracy', 'altitude', 'batt'] as const;
export type OsmAndOptionalField = (typeof OSMAND_OPTIONAL_FIELDS)[number];

/**
 * A fix with a valid id, time and coordinates is always kept: an optional value that is the
 * app's "unknown" (-1, as iOS sends for battery, heading, speed and accuracy), out of range or
 * not a number is left out and named in `dropped`, never a reason to lose the position.
 */
export type OsmAndParse = { ok: true; fix: OsmAndFix; dropped: OsmAndOptionalField[] } | { ok: false; reason: string };

const KMH_PER_KNOT = 1.852;
const KMH_PER_MPS = 3.6;
const DEVICE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Plain decimal, as Java and Kotlin print a double ("1.0E-4" included); no hex, no Infinity, no spaces. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
/** The range of a JavaScript Date. */
const MAX_TIME_MS = 8.64e15;

function onCalendar(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A time as the app may send it: Unix seconds, Unix milliseconds, ISO 8601, or
 * "yyyy-MM-dd HH:mm:ss" (UTC, as Traccar reads it). Null when it is none of them, or names a day
 * or time not on the calendar (2026-13-45 is refused, not rolled over into 2027).
 */
export function parseOsmAndTime(value: string): number | null {
	const text = value.trim();
	if (/^\d{1,20}(\.\d{1,9})?$/.test(text)) {
		const number = Number(text);
		// Seconds until the year 5138; anything larger is milliseconds.
		const ms = number < 1e11 ? Math.round(number * 1000) : Math.round(number);
		return ms <= MAX_TIME_MS ? ms : null;
	}
	const parts = text.match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/);
	if (!parts) return null;
	const [, year, month, day, hour, minute, second = '00', fraction, zone] = parts.map((part) => part ?? undefined);
	if (!onCalendar(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second))) return null;
	// Without a zone the app sends seconds (yyyy-MM-dd HH:mm:ss).
	if (zone === undefined && parts[6] === undefined) return null;
	let offsetMs = 0;
	if (zone !== undefined && zone !== 'Z') {
		const offsetHours = Number(zone.slice(1, 3));
		const offsetMinutes = Number(zone.slice(-2));
		if (offsetHours > 14 || offsetMinutes > 59) return null;
		offsetMs = (zone[0] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
	}
	const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), fraction ? Math.round(Number(fraction) * 1000) : 0) - offsetMs;
	return Math.abs(ms) <= MAX_TIME_MS ? ms : null;
}

/** A number from the request: a JSON number, or a string in plain decimal. */
function decimalOf(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
	if (typeof raw !== 'string' || !DECIMAL.test(raw)) return null;
	const value = Number(raw);
	return Number.isFinite(value) ? value : null;
}

function coordinate(name: string, raw: unknown, limit: number): number | string {
	if (raw === undefined || raw === null || raw === '') return `${name} must be a number`;
	const value = decimalOf(raw);
	if (value === null) return `${name} must be a decimal number`;
	if (value < -limit || value > limit) return `${name} must be within ${-limit}..${limit}`;
	return value;
}

interface OptionalValues {
	time?: unknown;
	/** Already in km/h (the forms send knots or m/s). */
	speedKmh?: number | null;
	heading?: unknown;
	accuracy?: unknown;
	altitude?: unknown;
	battery?: unknown;
}

function finish(deviceId: unknown, lat: unknown, lon: unknown, rest: OptionalValues, now: number): OsmAndParse {
	if (typeof deviceId !== 'string' || deviceId === '') return { ok: false, reason: 'id: the device id is missing (id, deviceid or device_id)' };
	if (!DEVICE_ID.test(deviceId)) return { ok: false, reason: 'id: may use only letters, digits and _ . : -, at most 64' };
	const latitude = coordinate('lat', lat, 90);
	if (typeof latitude === 'string') return { ok: false, reason: latitude };
	const longitude = coordinate('lon', lon, 180);
	if (typeof longitude === 'string') return { ok: false, reason: longitude };
	if (latitude === 0 && longitude === 0) return { ok: false, reason: 'lat: 0,0 is what a GPS without a fix reports, not a position' };
	let at = now;
	if (rest.time !== undefined && rest.time !== null && rest.time !== '') {
		const parsed = typeof rest.time === 'number' ? (Number.isFinite(rest.time) ? parseOsmAndTime(String(rest.time)) : null) : typeof rest.time === 'string' ? parseOsmAndTime(rest.time) : null;
		if (parsed === null) return { ok: false, reason: 'timestamp: must be Unix seconds or milliseconds, ISO 8601, or yyyy-MM-dd HH:mm:ss, on the calendar' };
		at = parsed;
	}
	const fix: OsmAndFix = { deviceId, lat: latitude, lon: longitude, at };
	const dropped: OsmAndOptionalField[] = [];
	const optional: [OsmAndOptionalField, keyof OsmAndFix, unknown, number, number][] = [
		['speed', 'speedKmh', rest.speedKmh, 0, 300],
		['heading', 'heading', rest.heading, 0, 360],
		['accuracy', 'accuracyM', rest.accuracy, 0, 100_000],
		['altitude', 'altitudeM', rest.altitude, -1000, 20_000],
		['batt', 'batteryPct', rest.battery, 0, 100]
	];
	for (const [name, key, raw, min, max] of optional) {
		if (raw === undefined || raw === '') continue;
		const value = decimalOf(raw);
		if (value === null || value < min || value > max) dropped.push(name);
		else (fix as unknown as Record<string, number>)[key] = key === 'speedKmh' ? Math.round(value * 10) / 10 : value;
	}
	return { ok: true, fix, dropped };
}

/** The query form, from URL search parameters (GET, or a POST's query or form body). */
export function parseOsmAndQuery(params: URLSearchParams, now: number): OsmAndParse {
	let lat: unknown = params.get('lat') ?? undefined;
	let lon: unknown = params.get('lon') ?? undefined;
	const location = params.get('location');
	if ((lat === undefined || lon === undefined) && location) [lat, lon] = location.split(',');
	const speed = params.get('speed');
	const knots = speed === null || speed === '' ? undefined : decimalOf(speed);
	// null (not a number) reaches finish, which drops it and says so.
	const speedKmh = knots === undefined || knots === null ? knots : knots * KMH_PER_KNOT;
	return finish(params.get('id') ?? params.get('deviceid') ?? undefined, lat, lon, { time: params.get('timestamp') ?? undefined, speedKmh, heading: params.get('bearing') ?? params.get('heading') ?? undefined, accuracy: params.get('accuracy') ?? params.get('hdop') ?? undefined, altitude: params.get('altitude') ?? undefined, battery: params.get('batt') ?? undefined }, now);
}

/** The JSON form. */
export function parseOsmAndJson(body: unknown, now: number): OsmAndParse {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'body: must be a JSON object with device_id and location' };
	const { device_id: deviceId, location } = body as { device_id?: unknown; location?: unknown };
	if (typeof location !== 'object' || location === null) return { ok: false, reason: 'location: must be an object with timestamp and coords' };
	const { timestamp, coords, battery } = location as { timestamp?: unknown; coords?: unknown; battery?: { level?: unknown } };
	if (typeof coords !== 'object' || coords === null) return { ok: false, reason: 'location.coords: must be an object with latitude and longitude' };
	const { latitude, longitude, speed, heading, accuracy, altitude } = coords as Record<string, unknown>;
	const speedMps = speed === undefined || speed === null ? undefined : decimalOf(speed);
	// The app reports a battery level of 0–1; some versions 0–100. iOS sends -1 when it does not know.
	const level = battery?.level === undefined || battery.level === null ? undefined : decimalOf(battery.level);
	const batteryPct = level === undefined || level === null ? level : level <= 1 && level >= 0 ? level * 100 : level;
	return finish(deviceId, latitude, longitude, { time: timestamp, speedKmh: speedMps === undefined || speedMps === null ? speedMps : speedMps * KMH_PER_MPS, heading: heading ?? undefined, accuracy: accuracy ?? undefined, altitude: altitude ?? undefined, battery: batteryPct }, now);
}
