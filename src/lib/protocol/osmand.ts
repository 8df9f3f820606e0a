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

export type OsmAndParse = { ok: true; fix: OsmAndFix } | { ok: false; reason: string };

const KMH_PER_KNOT = 1.852;
const KMH_PER_MPS = 3.6;
const DEVICE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * A time as the app may send it: Unix seconds, Unix milliseconds, ISO 8601, or
 * "yyyy-MM-dd HH:mm:ss" (UTC, as Traccar reads it). Null when it is none of them.
 */
export function parseOsmAndTime(value: string): number | null {
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		// Seconds until the year 5138; anything larger is milliseconds.
		return number < 1e11 ? Math.round(number * 1000) : Math.round(number);
	}
	const plain = text.match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/);
	if (plain) return Date.UTC(Number(plain[1]), Number(plain[2]) - 1, Number(plain[3]), Number(plain[4]), Number(plain[5]), Number(plain[6]), plain[7] ? Math.round(Number(plain[7]) * 1000) : 0);
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
		const ms = Date.parse(text);
		return Number.isNaN(ms) ? null : ms;
	}
	return null;
}

function numberOf(name: string, raw: unknown, { min, max }: { min: number; max: number }): number | string {
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
	if (!Number.isFinite(value)) return `${name} must be a number`;
	if (value < min || value > max) return `${name} must be within ${min}..${max}`;
	return value;
}

function finish(deviceId: unknown, lat: unknown, lon: unknown, rest: { time?: unknown; speedKmh?: number; heading?: unknown; accuracy?: unknown; altitude?: unknown; battery?: unknown }, now: number): OsmAndParse {
	if (typeof deviceId !== 'string' || deviceId === '') return { ok: false, reason: 'id: the device id is missing (id, deviceid or device_id)' };
	if (!DEVICE_ID.test(deviceId)) return { ok: false, reason: 'id: may use only letters, digits and _ . : -, at most 64' };
	const latitude = numberOf('lat', lat, { min: -90, max: 90 });
	if (typeof latitude === 'string') return { ok: false, reason: latitude };
	const longitude = numberOf('lon', lon, { min: -180, max: 180 });
	if (typeof longitude === 'string') return { ok: false, reason: longitude };
	if (latitude === 0 && longitude === 0) return { ok: false, reason: 'lat: 0,0 is what a GPS without a fix reports, not a position' };
	let at = now;
	if (rest.time !== undefined && rest.time !== null && rest.time !== '') {
		const parsed = typeof rest.time === 'number' ? parseOsmAndTime(String(rest.time)) : typeof rest.time === 'string' ? parseOsmAndTime(rest.time) : null;
		if (parsed === null) return { ok: false, reason: 'timestamp: must be Unix seconds or milliseconds, ISO 8601, or yyyy-MM-dd HH:mm:ss' };
		at = parsed;
	}
	const fix: OsmAndFix = { deviceId, lat: latitude, lon: longitude, at };
	if (rest.speedKmh !== undefined) {
		if (!Number.isFinite(rest.speedKmh) || rest.speedKmh < 0) return { ok: false, reason: 'speed must be a number ≥ 0' };
		fix.speedKmh = Math.min(300, Math.round(rest.speedKmh * 10) / 10);
	}
	const optional: [keyof OsmAndFix, string, unknown, { min: number; max: number }][] = [
		['heading', 'heading', rest.heading, { min: 0, max: 360 }],
		['accuracyM', 'accuracy', rest.accuracy, { min: 0, max: 100_000 }],
		['altitudeM', 'altitude', rest.altitude, { min: -1000, max: 20_000 }],
		['batteryPct', 'batt', rest.battery, { min: 0, max: 100 }]
	];
	for (const [key, name, raw, range] of optional) {
		if (raw === undefined || raw === null || raw === '') continue;
		const value = numberOf(name, raw, range);
		if (typeof value === 'string') return { ok: false, reason: value };
		(fix as unknown as Record<string, number>)[key] = value;
	}
	return { ok: true, fix };
}

/** The query form, from URL search parameters (GET, or a POST's query or form body). */
export function parseOsmAndQuery(params: URLSearchParams, now: number): OsmAndParse {
	let lat: unknown = params.get('lat') ?? undefined;
	let lon: unknown = params.get('lon') ?? undefined;
	const location = params.get('location');
	if ((lat === undefined || lon === undefined) && location) [lat, lon] = location.split(',');
	const speed = params.get('speed');
	let speedKmh: number | undefined;
	if (speed !== null && speed !== '') speedKmh = Number(speed) * KMH_PER_KNOT;
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
	let speedKmh: number | undefined;
	if (speed !== undefined && speed !== null) speedKmh = typeof speed === 'number' && speed >= 0 ? speed * KMH_PER_MPS : -1;
	// The app reports a battery level of 0–1; some versions 0–100.
	const level = typeof battery?.level === 'number' ? (battery.level <= 1 ? battery.level * 100 : battery.level) : undefined;
	// Without a fix the app sends heading -1 and speed -1: those mean "unknown", not errors.
	return finish(deviceId, latitude, longitude, { time: timestamp, speedKmh: speedKmh !== undefined && speedKmh < 0 ? undefined : speedKmh, heading: typeof heading === 'number' && heading < 0 ? undefined : heading, accuracy, altitude, battery: level }, now);
}
