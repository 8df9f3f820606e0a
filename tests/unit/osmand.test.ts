import { describe, expect, it } from 'vitest';
import { parseOsmAndJson, parseOsmAndQuery, parseOsmAndTime } from '../../src/lib/protocol/osmand';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const query = (text: string) => parseOsmAndQuery(new URLSearchParams(text), NOW);

describe('OsmAnd times', () => {
	it('reads Unix seconds, Unix milliseconds, ISO 8601 and yyyy-MM-dd HH:mm:ss (UTC)', () => {
		expect(parseOsmAndTime('1795399200')).toBe(Date.parse('2026-11-23T02:00:00Z'));
		expect(parseOsmAndTime('1795399200123')).toBe(Date.parse('2026-11-23T02:00:00.123Z'));
		expect(parseOsmAndTime('2026-11-23T10:00:00+08:00')).toBe(Date.parse('2026-11-23T02:00:00Z'));
		expect(parseOsmAndTime('2026-11-23 02:00:00')).toBe(Date.parse('2026-11-23T02:00:00Z'));
		expect(parseOsmAndTime('yesterday')).toBeNull();
	});
	it('refuses dates and times that are not on the calendar, rather than rolling them over', () => {
		expect(parseOsmAndTime('2026-13-45 99:99:99')).toBeNull();
		expect(parseOsmAndTime('2026-02-30 00:00:00')).toBeNull();
		expect(parseOsmAndTime('2026-11-23 24:00:00')).toBeNull();
		expect(parseOsmAndTime('2026-02-30T00:00:00Z')).toBeNull();
		expect(parseOsmAndTime('2026-11-23T10:00:00+25:00')).toBeNull();
		expect(parseOsmAndTime('2024-02-29 12:00:00')).toBe(Date.parse('2024-02-29T12:00:00Z'));
	});
	it('refuses a number too large to be any time', () => {
		expect(parseOsmAndTime('100000000000000000000')).toBeNull();
		expect(parseOsmAndTime('9'.repeat(400))).toBeNull();
	});
});

describe('the OsmAnd query form', () => {
	it('takes id, lat, lon, timestamp, speed in knots and bearing', () => {
		expect(query('id=123456&lat=29.65&lon=115.85&timestamp=1795399200&speed=10&bearing=90&altitude=30&accuracy=8&batt=76')).toEqual({
			ok: true,
			fix: { deviceId: '123456', lat: 29.65, lon: 115.85, at: NOW, speedKmh: 18.5, heading: 90, accuracyM: 8, altitudeM: 30, batteryPct: 76 },
			dropped: []
		});
	});
	it('takes location=lat,lon, deviceid, heading and hdop instead', () => {
		expect(query('deviceid=abc&location=29.65,115.85&heading=45&hdop=2')).toEqual({ ok: true, fix: { deviceId: 'abc', lat: 29.65, lon: 115.85, at: NOW, heading: 45, accuracyM: 2 }, dropped: [] });
	});
	it('stamps a fix without a timestamp with the time it arrived', () => {
		const parsed = query('id=abc&lat=29.65&lon=115.85');
		expect(parsed.ok && parsed.fix.at).toBe(NOW);
	});
	it('refuses what is missing or wrong, naming it', () => {
		expect(query('lat=29.65&lon=115.85')).toEqual({ ok: false, reason: 'id: the device id is missing (id, deviceid or device_id)' });
		expect(query('id=abc&lat=95&lon=115.85')).toEqual({ ok: false, reason: 'lat must be within -90..90' });
		expect(query('id=abc&lat=29.65')).toEqual({ ok: false, reason: 'lon must be a number' });
		expect(query('id=abc&lat=0&lon=0')).toEqual({ ok: false, reason: 'lat: 0,0 is what a GPS without a fix reports, not a position' });
		expect(query('id=abc&lat=29.65&lon=115.85&timestamp=soon')).toMatchObject({ ok: false, reason: expect.stringMatching(/^timestamp: /) });
		expect(query('id=a%20b&lat=29.65&lon=115.85')).toMatchObject({ ok: false, reason: expect.stringMatching(/^id: /) });
		expect(query('id=abc&lat=0x1D&lon=115.85')).toEqual({ ok: false, reason: 'lat must be a decimal number' });
		expect(query('id=abc&lat=29.65&lon=1e2x')).toEqual({ ok: false, reason: 'lon must be a decimal number' });
		expect(query('id=abc&lat=29.65&lon=Infinity')).toEqual({ ok: false, reason: 'lon must be a decimal number' });
		expect(query('id=abc&lat=29.65&lon=115.85&timestamp=2026-13-45%2099:99:99')).toMatchObject({ ok: false, reason: expect.stringMatching(/^timestamp: /) });
		expect(query('id=abc&lat=29.65&lon=115.85&timestamp=100000000000000000000')).toMatchObject({ ok: false, reason: expect.stringMatching(/^timestamp: /) });
	});
	it('takes numbers as Java and Kotlin print them', () => {
		expect(query('id=abc&lat=29.65&lon=115.85&speed=1.0E-4&batt=85.0')).toMatchObject({ ok: true, fix: { speedKmh: 0, batteryPct: 85 } });
	});
	it('keeps the fix and drops an optional value that is unknown (-1), out of range or not a number, naming it', () => {
		expect(query('id=abc&lat=29.65&lon=115.85&batt=-1&bearing=-1&speed=-1&accuracy=-1&altitude=99999')).toEqual({
			ok: true,
			fix: { deviceId: 'abc', lat: 29.65, lon: 115.85, at: NOW },
			dropped: ['speed', 'heading', 'accuracy', 'altitude', 'batt']
		});
		expect(query('id=abc&lat=29.65&lon=115.85&batt=300&heading=0x10&speed=9999')).toEqual({ ok: true, fix: { deviceId: 'abc', lat: 29.65, lon: 115.85, at: NOW }, dropped: ['speed', 'heading', 'batt'] });
	});
});

describe('the OsmAnd JSON form', () => {
	const body = (overrides: Record<string, unknown> = {}) => ({
		device_id: 'phone-7',
		location: { timestamp: '2026-11-23T02:00:00.000Z', coords: { latitude: 29.65, longitude: 115.85, speed: 10, heading: 180, accuracy: 5, altitude: 20, ...overrides }, battery: { level: 0.5 }, is_moving: true }
	});
	it('takes device_id, location.timestamp, coords (speed in m/s) and battery level 0–1', () => {
		expect(parseOsmAndJson(body(), NOW)).toEqual({ ok: true, fix: { deviceId: 'phone-7', lat: 29.65, lon: 115.85, at: NOW, speedKmh: 36, heading: 180, accuracyM: 5, altitudeM: 20, batteryPct: 50 }, dropped: [] });
	});
	it('reads heading -1 and speed -1 as unknown, as the app sends them without a fix of motion', () => {
		const parsed = parseOsmAndJson(body({ speed: -1, heading: -1 }), NOW);
		expect(parsed.ok && [parsed.fix.speedKmh, parsed.fix.heading]).toEqual([undefined, undefined]);
	});
	it('keeps a fix from iOS that knows neither its battery, heading, speed nor accuracy (all -1)', () => {
		const ios = { device_id: 'phone-7', location: { timestamp: '2026-11-23T02:00:00.000Z', coords: { latitude: 29.65, longitude: 115.85, speed: -1, heading: -1, accuracy: -1, altitude_accuracy: -1, altitude: 20 }, battery: { level: -1, is_charging: false }, is_moving: false } };
		expect(parseOsmAndJson(ios, NOW)).toEqual({ ok: true, fix: { deviceId: 'phone-7', lat: 29.65, lon: 115.85, at: NOW, altitudeM: 20 }, dropped: ['speed', 'heading', 'accuracy', 'batt'] });
	});
	it('drops a battery level or accuracy that is out of range, and keeps the fix', () => {
		const wrong = body({ accuracy: 1e9 });
		expect(parseOsmAndJson({ ...wrong, location: { ...wrong.location, battery: { level: 250 } } }, NOW)).toMatchObject({ ok: true, dropped: ['accuracy', 'batt'] });
	});
	it('refuses coordinates and times that are not plain values', () => {
		expect(parseOsmAndJson(body({ latitude: '0x1D' }), NOW)).toEqual({ ok: false, reason: 'lat must be a decimal number' });
		expect(parseOsmAndJson({ ...body(), location: { ...body().location, timestamp: 1e20 } }, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/^timestamp: /) });
	});
	it('refuses a body of the wrong shape, naming the part', () => {
		expect(parseOsmAndJson([], NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/^body: /) });
		expect(parseOsmAndJson({ device_id: 'x' }, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/^location: /) });
		expect(parseOsmAndJson({ device_id: 'x', location: {} }, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/^location\.coords: /) });
		expect(parseOsmAndJson(body({ latitude: 'north' }), NOW)).toEqual({ ok: false, reason: 'lat must be a decimal number' });
	});
});
