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
const NESTED_FIELDS = ['tube', 'householdIds', 'memberCode', 'householdCode'];
const DEVICE_FIELDS = [...new Set([...deviceEvent.options.flatMap((schema) => Object.keys(schema.shape)), ...NESTED_FIELDS])].sort();

/**
 * The same list cut to each type's own fields (and the nested ones), in the same order: a field
 * of another type is never in an event that passed its type's schema.
 */
const FIELDS_OF_TYPE = new Map(deviceEvent.options.map((schema) => {
	const own = new Set([...Object.keys(schema.shape), ...NESTED_FIELDS]);
	return [schema.shape.type.value as string, DEVICE_FIELDS.filter((field) => own.has(field))];
}));

/** The device's content of an event as one canonical text. */
export function eventContent(event: LoggedEvent): string {
	// A command's event is made by the server whole: its content is every field, keys sorted.
	if (isCommandEvent(event)) return JSON.stringify(event, Object.keys(event).sort());
	const fields: Record<string, unknown> = { ...event, at: canonicalTime(event.at) };
	// A position's device reading is its raw one: lat/lon/crs as sent, before conversion.
	if (event.type === 'courier.position' && event.raw) Object.assign(fields, { lat: event.raw.lat, lon: event.raw.lon, crs: event.raw.crs });
	return JSON.stringify(ordered(fields, FIELDS_OF_TYPE.get(event.type) ?? DEVICE_FIELDS));
}

/**
 * The object with only the listed keys, in the list's order, nested objects alike: what
 * JSON.stringify(value, list) writes, byte for byte (so the hashes Redis holds stay valid), but
 * written by JSON.stringify's fast path, which a replacer list turns off. A position is hashed
 * 15,000 times a second at a megacity's load.
 */
function ordered(value: unknown, fields: readonly string[]): unknown {
	if (Array.isArray(value)) return value.map((item) => ordered(item, fields));
	if (value === null || typeof value !== 'object') return value;
	const record = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const field of fields) if (field in record) out[field] = ordered(record[field], fields);
	return out;
}

/** A short digest of eventContent, for stores that keep a hash rather than the event (Redis). */
export function eventContentHash(event: LoggedEvent): string {
	return createHash('sha256').update(eventContent(event)).digest('base64url');
}

/** Already in the canonical form toISOString writes (most devices send it): no need to parse it. */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function canonicalTime(text: string): string {
	if (CANONICAL_TIME.test(text)) return text;
	const at = Date.parse(text);
	return Number.isFinite(at) ? new Date(at).toISOString() : text;
}
