/**
 * The events bench/persist.ts writes: what a metro day sends the persister, in log entries of the
 * projector's batch size. Positions of 10,000 vehicles (one in ten read in GCJ-02, so the raw
 * reading differs from the stored one), queue readings of 12,000 sites every 5 s (half with the
 * tablet's count of the day), and now and then a box sealed, picked up, received.
 */
import type { DeviceEvent } from '../src/lib/protocol/index';
import { normalizeEvent } from '../server/pipeline/normalized-event';
import type { LogEntry } from '../server/pipeline/normalized-event';

export const MIX = { vehicles: 10_000, sites: 12_000, positionsPerSecond: 15_000, queuesPerSecond: 2_400, boxesPerSecond: 4 } as const;
const PER_SECOND = MIX.positionsPerSecond + MIX.queuesPerSecond + 3 * MIX.boxesPerSecond;

const pad = (n: number) => String(n + 1).padStart(5, '0');

/** count events from the n-th on, starting at start (ms); ids carry the run's prefix. */
export function mixedEvents(prefix: string, from: number, count: number, start: number): LogEntry[] {
	const entries: LogEntry[] = [];
	for (let n = from; n < from + count; n++) {
		const at = new Date(start + Math.floor((n * 1000) / PER_SECOND)).toISOString();
		// Kinds interleaved as they arrive, not in runs: a batch holds each in its share.
		const slot = (n * 7919) % PER_SECOND;
		let event: DeviceEvent;
		if (slot < MIX.positionsPerSecond) {
			const vehicle = `M-V${pad(n % MIX.vehicles)}`;
			const gcj = n % 10 === 0;
			event = { type: 'courier.position', id: `${prefix}-p${n}`, deviceId: `phone-${vehicle}`, vehicleId: vehicle, at, lat: 29.3 + (n % 800) / 1000, lon: 115.6 + (n % 997) / 1000, crs: gcj ? 'gcj02' : 'wgs84', speedKmh: n % 60, heading: n % 360, ...(gcj ? { accuracyM: 8 } : {}) };
		} else if (slot < MIX.positionsPerSecond + MIX.queuesPerSecond) {
			const site = `M-S${pad(n % MIX.sites)}`;
			event = { type: 'site.queue', id: `${prefix}-q${n}`, deviceId: `tablet-${site}`, siteId: site, at, queueLength: (n * 7919) % 700, ...(n % 2 === 0 ? { sampledToday: n % 5000 } : {}) };
		} else {
			const kind = (slot - MIX.positionsPerSecond - MIX.queuesPerSecond) % 3;
			const box = `${prefix}-b${Math.floor(n / 3)}`;
			const site = `M-S${pad(n % MIX.sites)}`;
			if (kind === 0) event = { type: 'site.box_sealed', id: `${prefix}-s${n}`, deviceId: `tablet-${site}`, siteId: site, at, boxId: box, tubes: 20, people: 200, pooling: '10:1' };
			else if (kind === 1) event = { type: 'box.picked_up', id: `${prefix}-u${n}`, deviceId: 'phone-M-V00001', boxId: box, siteId: site, vehicleId: 'M-V00001', at, tubesCounted: 20 };
			else event = { type: 'box.received', id: `${prefix}-r${n}`, deviceId: 'lims-M-L1', boxId: box, labId: 'M-L1', at, tubesCounted: 20 };
		}
		entries.push({ logId: String(n + 1), event: normalizeEvent(event) });
	}
	return entries;
}
