import type { CourierPositionEvent, DeviceEvent, SiteSampledEvent } from '../../src/lib/protocol/index';
import type { CommandEvent } from '../../src/lib/protocol/command-events';
import { toWgs84 } from '../../src/lib/domain/coordinates';

/** A courier position as the log keeps it: WGS-84 in lat/lon, the device's reading in raw. */
export type NormalizedPosition = Omit<CourierPositionEvent, 'crs'> & {
	crs: 'wgs84';
	raw: { crs: CourierPositionEvent['crs']; lat: number; lon: number };
};

/**
 * People sampled as the log keeps them: the device's samples and, resolved at ingest against the
 * roster, each member in them (a household code expanded to its members), which the live state
 * counts and persistence writes. Derived by the server, so not part of the event's content.
 */
export type NormalizedSampled = SiteSampledEvent & { members?: { tube: string; memberCode: string }[] };

export type NormalizedEvent = Exclude<DeviceEvent, CourierPositionEvent | SiteSampledEvent> | NormalizedPosition | NormalizedSampled;

/**
 * What the event log carries: device events, and the events of people's commands (staff moves,
 * …; server/modules/command-events.ts), whose rows their operation has already written.
 */
export type LoggedEvent = NormalizedEvent | CommandEvent;

/** One event as read back from the event log; logId is the log's own position of it. */
export interface LogEntry {
	logId: string;
	event: LoggedEvent;
}

/** Converts coordinates once, at ingest, keeping the raw reading for audit. */
export function normalizeEvent(event: DeviceEvent): NormalizedEvent {
	if (event.type !== 'courier.position') return event;
	const { lat, lon } = toWgs84({ lat: event.lat, lon: event.lon }, event.crs);
	return { ...event, lat, lon, crs: 'wgs84', raw: { crs: event.crs, lat: event.lat, lon: event.lon } };
}
