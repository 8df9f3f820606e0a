/**
 * A Traccar Client fix as a courier.position event of its vehicle, and the ids it gets. Ingest ids are at most 64
 * characters and a tracker id may be 64 itself, so cutting `osmand:<tracker>:<ms>` to length made
 * every fix of a long id share one event id (all but the first silently taken as resends). A
 * tracker id that fits keeps the readable form; a longer one is replaced by a hash of it under
 * another prefix (`osmandh:`), so no two trackers and no two fix times ever share an id.
 */
import { createHash } from 'node:crypto';
import type { OsmAndFix } from '../../src/lib/protocol/osmand';

const MAX_ID = 64;
/** Epoch milliseconds have 13 digits until the year 2286. */
const TIME_DIGITS = 13;

function hashed(trackerId: string): string {
	// 128 bits in base64url (22 characters of A-Za-z0-9-_, all allowed in ids).
	return `osmandh:${createHash('sha256').update(trackerId).digest('base64url').slice(0, 22)}`;
}

/** The device id of a tracker's events: `osmand:<tracker>` when the fix ids fit, else a hash. */
export function osmandDeviceId(trackerId: string): string {
	const readable = `osmand:${trackerId}`;
	return readable.length + 1 + TIME_DIGITS <= MAX_ID ? readable : hashed(trackerId);
}

/** The id of a tracker's fix: one per tracker and fix time, so a resent fix counts once. */
export function osmandEventId(trackerId: string, atMs: number): string {
	return `${osmandDeviceId(trackerId)}:${atMs}`;
}

/** The event ingest checks and appends for a fix of a registered tracker (pure, so the fuzz suite can check it). */
export function osmandPositionEvent(fix: OsmAndFix, vehicleId: string) {
	return {
		type: 'courier.position' as const,
		id: osmandEventId(fix.deviceId, fix.at),
		deviceId: osmandDeviceId(fix.deviceId),
		at: new Date(fix.at).toISOString(),
		vehicleId,
		lat: fix.lat,
		lon: fix.lon,
		crs: 'wgs84' as const,
		...(fix.speedKmh !== undefined ? { speedKmh: fix.speedKmh } : {}),
		...(fix.heading !== undefined ? { heading: fix.heading } : {}),
		...(fix.accuracyM !== undefined ? { accuracyM: fix.accuracyM } : {})
	};
}
