import { describe, expect, it } from 'vitest';
import { LiveState } from '../../server/pipeline/live-state';
import type { KpiEntity, SiteEntity, VehicleEntity } from '../../src/lib/protocol/index';
import { box, normalized, position, queue } from '../fixtures/events';

const registry = {
	sites: [
		{ id: 'site-baifan', name: '白畈村采样点', townshipId: 't:城门街道', kind: 'fixed' as const, status: 'open' as const, lat: 29.66, lon: 115.83, desks: 2, staffedDesks: 2, pooling: '10:1' as const },
		{ id: 'site-baihe', name: '白合村采样点', townshipId: 't:城门街道', kind: 'fixed' as const, status: 'open' as const, lat: 29.67, lon: 115.85, desks: 2, staffedDesks: 2, pooling: '10:1' as const }
	],
	vehicles: [{ id: 'courier-1', name: '送样车1', kind: 'courier' as const }]
};
// 10:00 China time on 23 November 2026.
const now = Date.parse('2026-11-23T02:00:00Z');
const iso = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toISOString();

const vehicleOf = (state: LiveState) => state.snapshot('vehicles').entities[0] as VehicleEntity;
const siteOf = (state: LiveState, id: string) => (state.snapshot('sites').entities as SiteEntity[]).find((site) => site.id === id)!;
const kpiOf = (state: LiveState) => state.snapshot('kpis').entities[0] as KpiEntity;

describe('LiveState', () => {
	it('moves a vehicle to its newest fix', () => {
		const state = new LiveState(registry, now);
		expect(state.apply(normalized(position({ at: iso(-2), lat: 29.6, lon: 115.8 })))).toBe('applied');
		expect(state.apply(normalized(position({ at: iso(-1), lat: 29.61, lon: 115.81 })))).toBe('applied');
		expect(vehicleOf(state)).toMatchObject({ lat: 29.61, lon: 115.81, fixAt: iso(-1) });
	});

	it('never moves a marker backwards in time when a late fix arrives', () => {
		const state = new LiveState(registry, now);
		state.apply(normalized(position({ at: iso(-1), lat: 29.61, lon: 115.81 })));
		expect(state.apply(normalized(position({ at: iso(-30), lat: 29.5, lon: 115.7 })))).toBe('stale');
		expect(vehicleOf(state)).toMatchObject({ lat: 29.61, lon: 115.81, fixAt: iso(-1) });
	});

	it('stores positions converted to WGS-84 when a phone reports GCJ-02', () => {
		const state = new LiveState(registry, now);
		state.apply(normalized(position({ at: iso(-1), lat: 29.65, lon: 115.85, crs: 'gcj02' })));
		const vehicle = vehicleOf(state);
		// GCJ-02 is offset a few hundred metres from WGS-84 in China.
		expect(Math.abs(vehicle.lat! - 29.65)).toBeGreaterThan(0.0005);
		expect(Math.abs(vehicle.lon! - 115.85)).toBeGreaterThan(0.0005);
	});

	it('takes a site\'s newest status report, and never an older one that arrives late', () => {
		const state = new LiveState(registry, now);
		const report = (at: string, status: 'open' | 'paused' | 'closed') => ({ type: 'site.status' as const, id: `status-${at}-${status}`, deviceId: 'tablet-site-baifan', at, siteId: 'site-baifan', status });
		expect(state.apply(report(iso(-10), 'paused'))).toBe('applied');
		expect(siteOf(state, 'site-baifan').status).toBe('paused');
		expect(state.apply(report(iso(-20), 'open'))).toBe('stale');
		expect(state.apply(report(iso(-5), 'closed'))).toBe('applied');
		expect(siteOf(state, 'site-baifan').status).toBe('closed');
		expect(state.takeDeltas(now).find((delta) => delta.layer === 'sites')!.upserts).toEqual([expect.objectContaining({ id: 'site-baifan', status: 'closed' })]);
	});

	it('counts a resent box once', () => {
		const state = new LiveState(registry, now);
		const sealed = box({ at: iso(-60), tubes: 20, people: 200 });
		expect(state.apply(normalized(sealed))).toBe('applied');
		expect(state.apply(normalized(sealed))).toBe('duplicate');
		// The same box under a new event id (a tablet that lost its answer and re-sealed) is still one box.
		expect(state.apply(normalized({ ...sealed, id: 'another-event-id-1' }))).toBe('duplicate');
		expect(siteOf(state, 'site-baifan')).toMatchObject({ tubesToday: 20, peopleToday: 200, boxesToday: 1 });
	});

	it('keeps the newest queue reading and ignores an older one', () => {
		const state = new LiveState(registry, now);
		state.apply(normalized(queue({ at: iso(-5), queueLength: 80 })));
		expect(state.apply(normalized(queue({ at: iso(-10), queueLength: 5 })))).toBe('stale');
		expect(siteOf(state, 'site-baifan').queueLength).toBe(80);
	});

	it('ignores events about sites and vehicles it does not know', () => {
		const state = new LiveState(registry, now);
		expect(state.apply(normalized(queue({ siteId: 'site-nowhere' })))).toBe('unknown-entity');
		expect(state.apply(normalized(position({ vehicleId: 'courier-99' })))).toBe('unknown-entity');
	});

	it('does not count a box sealed on another day into today', () => {
		const state = new LiveState(registry, now);
		expect(state.apply(normalized(box({ at: '2026-11-22T15:59:00Z' })))).toBe('stale'); // 23:59 China time, the day before
		expect(siteOf(state, 'site-baifan').tubesToday).toBe(0);
	});

	it('coalesces a tick into one delta per layer, each entity once in its latest state, with the next sequence number', () => {
		const state = new LiveState(registry, now);
		state.takeDeltas(now);
		state.apply(normalized(queue({ at: iso(-3), queueLength: 10 })));
		state.apply(normalized(queue({ at: iso(-2), queueLength: 20 })));
		state.apply(normalized(queue({ at: iso(-1), siteId: 'site-baihe', queueLength: 7 })));
		const deltas = state.takeDeltas(now);
		const sites = deltas.find((delta) => delta.layer === 'sites')!;
		expect(sites.seq).toBe(1);
		expect(sites.upserts).toHaveLength(2);
		expect((sites.upserts as SiteEntity[]).find((site) => site.id === 'site-baifan')!.queueLength).toBe(20);
		expect(deltas.find((delta) => delta.layer === 'vehicles')).toBeUndefined();
		expect(state.takeDeltas(now)).toEqual([]);
		state.apply(normalized(queue({ at: iso(0), queueLength: 21 })));
		expect(state.takeDeltas(now).find((delta) => delta.layer === 'sites')!.seq).toBe(2);
	});

	it('sums queues and the day’s tubes into the county KPIs and counts couriers with a recent fix', () => {
		const state = new LiveState(registry, now);
		state.apply(normalized(queue({ at: iso(-5), queueLength: 30 })));
		state.apply(normalized(queue({ at: iso(-5), siteId: 'site-baihe', queueLength: 12 })));
		state.apply(normalized(box({ at: iso(-5), tubes: 15, people: 150 })));
		state.apply(normalized(position({ at: iso(-10) })));
		state.takeDeltas(now);
		expect(kpiOf(state)).toMatchObject({ peopleQueueing: 42, tubesToday: 15, peopleSampledToday: 150, couriersOnRoad: 1, dataTime: iso(-5) });
		state.takeDeltas(now + 10 * 60_000);
		expect(kpiOf(state).couriersOnRoad).toBe(0);
	});

	it('counts the people a site tablet reports sampled today before any box is sealed, and a box sealed later not twice', () => {
		const state = new LiveState(registry, now);
		state.apply(normalized(queue({ at: iso(-60), queueLength: 30, sampledToday: 120 })));
		state.apply(normalized(queue({ at: iso(-5), queueLength: 28, sampledToday: 160 })));
		state.takeDeltas(now);
		expect(siteOf(state, 'site-baifan')).toMatchObject({ peopleToday: 160, boxesToday: 0 });
		expect(kpiOf(state).peopleSampledToday).toBe(160);
		// The hour's box holds the same people the tablet counted: the day stays at the larger count.
		state.apply(normalized(box({ at: iso(-4), tubes: 15, people: 150 })));
		state.takeDeltas(now);
		expect(siteOf(state, 'site-baifan')).toMatchObject({ peopleToday: 160, boxesToday: 1, tubesToday: 15 });
		// A late report with a smaller count never lowers it, nor does a count of yesterday.
		state.apply(normalized(queue({ at: iso(-30), queueLength: 29, sampledToday: 140 })));
		state.apply(normalized(queue({ at: iso(-3), queueLength: 27 })));
		expect(siteOf(state, 'site-baifan').peopleToday).toBe(160);
		const yesterday = new LiveState(registry, now);
		yesterday.apply(normalized(queue({ at: new Date(now - 24 * 3_600_000).toISOString(), sampledToday: 900 })));
		expect(siteOf(yesterday, 'site-baifan').peopleToday).toBe(0);
		// A tablet that does not count: the boxes' people, as before.
		state.apply(normalized(box({ at: iso(-2), siteId: 'site-baihe', tubes: 9, people: 90 })));
		state.takeDeltas(now);
		expect(kpiOf(state).peopleSampledToday).toBe(250);
	});

	it('counts the members scanned against the roster once anyone is scanned today, as the coverage does, and members sampled at home in the county', () => {
		const state = new LiveState(registry, now);
		// Before any scan: the tablets' own counts (a county that does not scan).
		state.apply(normalized(queue({ at: iso(-60), queueLength: 30, sampledToday: 14 })));
		state.apply(normalized(box({ at: iso(-50), siteId: 'site-baihe', tubes: 1, people: 5 })));
		state.takeDeltas(now);
		expect(kpiOf(state).peopleSampledToday).toBe(19);
		// The first scan: from now on the day's people are the members scanned, at every site; the
		// tablet's count, ahead of the batches it has sent, no longer adds people the roster does not have.
		const scan = (id: string, siteId: string, codes: string[]) =>
			state.apply({ type: 'site.sampled', id, deviceId: `tablet-${siteId}`, at: iso(-10), siteId, via: 'site', samples: codes.map((memberCode) => ({ tube: 'T-1', memberCode })), members: codes.map((memberCode) => ({ tube: 'T-1', memberCode })) });
		expect(scan('scan-1', 'site-baifan', ['CM010001-1', 'CM010001-2', 'CM010002-1'])).toBe('applied');
		state.apply(normalized(queue({ at: iso(-5), queueLength: 28, sampledToday: 16 })));
		state.takeDeltas(now);
		expect(siteOf(state, 'site-baifan').peopleToday).toBe(3);
		expect(siteOf(state, 'site-baihe').peopleToday).toBe(0);
		expect(kpiOf(state).peopleSampledToday).toBe(3);
		// A member scanned again elsewhere counts once; members sampled at home count in the county's figure.
		expect(scan('scan-2', 'site-baihe', ['CM010001-2', 'CM020001-1'])).toBe('applied');
		const home = { type: 'door_visit.sampled' as const, id: 'door-sampled-1', at: iso(-4), actor: 'officer-1', day: '2026-11-23', villageId: 'v:1', reason: 'cannot_come' as const, memberCodes: ['CM030001-1', 'CM010002-1'], tube: 'D-1', playbookId: null };
		expect(state.apply(home)).toBe('applied');
		state.takeDeltas(now);
		expect(siteOf(state, 'site-baihe').peopleToday).toBe(1);
		expect(kpiOf(state).peopleSampledToday).toBe(5);
	});

	it('starts the tablet counts of the day again at midnight China time', () => {
		const evening = Date.parse('2026-11-23T15:30:00Z'); // 23:30 China time
		const state = new LiveState(registry, evening);
		state.apply(normalized(queue({ at: new Date(evening - 60_000).toISOString(), sampledToday: 700 })));
		state.takeDeltas(evening);
		expect(kpiOf(state).peopleSampledToday).toBe(700);
		state.takeDeltas(Date.parse('2026-11-23T16:00:01Z'));
		expect(kpiOf(state).peopleSampledToday).toBe(0);
		state.apply(normalized(queue({ at: '2026-11-23T16:05:00Z', sampledToday: 12 })));
		state.takeDeltas(Date.parse('2026-11-23T16:05:01Z'));
		expect(kpiOf(state).peopleSampledToday).toBe(12);
	});

	it('starts the day’s counters again at midnight China time', () => {
		const evening = Date.parse('2026-11-23T15:30:00Z'); // 23:30 China time
		const state = new LiveState(registry, evening);
		state.apply(normalized(box({ at: new Date(evening - 60_000).toISOString(), tubes: 9, people: 90 })));
		state.takeDeltas(evening);
		const deltas = state.takeDeltas(Date.parse('2026-11-23T16:00:01Z'));
		expect((deltas.find((delta) => delta.layer === 'sites')!.upserts[0] as SiteEntity).tubesToday).toBe(0);
		expect(kpiOf(state).tubesToday).toBe(0);
	});

	it('continues the sequence of a store it takes over, so clients see a gap rather than a rewind', () => {
		const state = new LiveState(registry, now);
		state.continueSequence('sites', 41);
		expect(state.snapshot('sites').seq).toBe(41);
		state.apply(normalized(queue({ at: iso(-1) })));
		expect(state.takeDeltas(now).find((delta) => delta.layer === 'sites')!.seq).toBe(42);
	});
});
