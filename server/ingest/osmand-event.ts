/**
 * A Traccar Client fix as a courier.position event of its vehicle, and the ids it gets. Ingest
 * ids are at most 64 characters and a tracker id may be 64 itself, so cutting
 * `osmand:<tracker>:<ms>` to length made every fix of a long id share one event id (all but the
 * first silently taken as resends). An id that fits keeps the readable form; a longer one has the
 * tracker replaced by a hash of it under another prefix (`osmandh:`), so no two trackers and no
 * two fix times ever share an id.
 */
import { createHash } from 'node:crypto';
import type { OsmAndFix } from '../../src/lib/protocol/osmand';

const MAX_ID = 64;

function hashed(trackerId: string): string {
	// 128 bits in base64url (22 characters of A-Za-z0-9-_, all allowed in ids).
	return `osmandh:${createHash('sha256').update(trackerId).digest('base64url').slice(0, 22)}`;
}

/** The device id of a tracker's events: `osmand:<tracker>` when it fits (trackers of up to 57 characters), else a hash. */
export function osmandDeviceId(trackerId: string): string {
	const readable = `osmand:${trackerId}`;
	return readable.length <= MAX_ID ? readable : hashed(trackerId);
}

/**
 * The id of a tracker's fix: one per tracker and fix time, so a resent fix counts once. The
 * readable form splits at its last colon (the time is digits only), and the hashed form has its
 * own prefix: no two trackers or times can share an id.
 */
export function osmandEventId(trackerId: string, atMs: number): string {
	const readable = `osmand:${trackerId}:${atMs}`;
	return readable.length <= MAX_ID ? readable : `${hashed(trackerId)}:${atMs}`;
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
