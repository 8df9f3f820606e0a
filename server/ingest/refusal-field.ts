/**
 * The field a refusal is counted under in /metrics. A reason starts with the path of the field
 * at fault (`pools.7.tube: …`); the path can hold an index the device chose, so indices are
 * dropped and a path that is no field of any device event is counted as "other": the set of
 * label values stays fixed whatever devices send.
 */
import { deviceEvent } from '../../src/lib/protocol/index';

const EVENT_FIELDS = new Set(deviceEvent.options.flatMap((schema) => Object.keys(schema.shape)));
/** Fields inside a sealed box's pools, and the whole event or body when no field is at fault. */
export const REFUSAL_FIELDS: ReadonlySet<string> = new Set([...EVENT_FIELDS, 'pools.tube', 'pools.householdIds', 'samples.tube', 'samples.memberCode', 'samples.householdCode', 'event', 'body']);

export function refusalField(reason: string): string {
	const path = reason.split(':')[0].trim();
	const field = path
		.split('.')
		.filter((part) => !/^\d+$/.test(part))
		.join('.');
	return REFUSAL_FIELDS.has(field) ? field : 'other';
}
