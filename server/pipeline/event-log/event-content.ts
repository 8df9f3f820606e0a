/**
 * What "the same event" means when a device resends an id: the fields the device protocol
 * defines, compared canonically. Keys in any order, the time in any zone and a default the schema
 * filled in are the same content; what the server derived (a position converted to WGS-84, the
 * raw reading kept for audit, any receive time) is not content. A resend with the same content
 * is a duplicate; with other content it is a conflict, answered 409 and never stored over the first.
 */
import { createHash } from 'node:crypto';
import { deviceEvent } from '../../../src/lib/protocol/index';
import type { LoggedEvent } from '../normalized-event';
import { isCommandEvent } from '../../../src/lib/protocol/command-events';

/**
 * Every field of every device event (and of a box's pools and the samples of site.sampled), sorted. As JSON.stringify's key list
 * it writes only these, each object's in this order: canonical, and native, which matters since
 * the Redis log hashes every event it appends.
 */
const DEVICE_FIELDS = [...new Set([...deviceEvent.options.flatMap((schema) => Object.keys(schema.shape)), 'tube', 'householdIds', 'memberCode', 'householdCode'])].sort();

/** The device's content of an event as one canonical text. */
export function eventContent(event: LoggedEvent): string {
	// A command's event is made by the server whole: its content is every field, keys sorted.
	if (isCommandEvent(event)) return JSON.stringify(event, Object.keys(event).sort());
	const at = Date.parse(event.at);
	const fields: Record<string, unknown> = { ...event, at: Number.isFinite(at) ? new Date(at).toISOString() : event.at };
	// A position's device reading is its raw one: lat/lon/crs as sent, before conversion.
	if (event.type === 'courier.position' && event.raw) Object.assign(fields, { lat: event.raw.lat, lon: event.raw.lon, crs: event.raw.crs });
	return JSON.stringify(fields, DEVICE_FIELDS);
}

/** A short digest of eventContent, for stores that keep a hash rather than the event (Redis). */
export function eventContentHash(event: LoggedEvent): string {
	return createHash('sha256').update(eventContent(event)).digest('base64url');
}
