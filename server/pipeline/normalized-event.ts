import type { CourierPositionEvent, DeviceEvent } from '../../src/lib/protocol/index';
import { toWgs84 } from '../../src/lib/domain/coordinates';

/** A courier position as the log keeps it: WGS-84 in lat/lon, the device's reading in raw. */
export type NormalizedPosition = Omit<CourierPositionEvent, 'crs'> & {
	crs: 'wgs84';
	raw: { crs: CourierPositionEvent['crs']; lat: number; lon: number };
};

export type NormalizedEvent = Exclude<DeviceEvent, CourierPositionEvent> | NormalizedPosition;

/** One event as read back from the event log; logId is the log's own position of it. */
export interface LogEntry {
	logId: string;
	event: NormalizedEvent;
}

/** Converts coordinates once, at ingest, keeping the raw reading for audit. */
export function normalizeEvent(event: DeviceEvent): NormalizedEvent {
	if (event.type !== 'courier.position') return event;
	const { lat, lon } = toWgs84({ lat: event.lat, lon: event.lon }, event.crs);
	return { ...event, lat, lon, crs: 'wgs84', raw: { crs: event.crs, lat: event.lat, lon: event.lon } };
}
