import type { CourierPositionEvent, DeviceEvent } from '../../src/lib/protocol/index';
import type { CommandEvent } from '../../src/lib/protocol/command-events';
import { toWgs84 } from '../../src/lib/domain/coordinates';

/** A courier position as the log keeps it: WGS-84 in lat/lon, the device's reading in raw. */
export type NormalizedPosition = Omit<CourierPositionEvent, 'crs'> & {
	crs: 'wgs84';
	raw: { crs: CourierPositionEvent['crs']; lat: number; lon: number };
};

export type NormalizedEvent = Exclude<DeviceEvent, CourierPositionEvent> | NormalizedPosition;

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
