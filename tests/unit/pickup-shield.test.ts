import { describe, expect, it } from 'vitest';
import { LiveState } from '../../server/pipeline/live-state';
import { FRESH_MEMORY, memoryOf, type PickupWatch } from '../../src/lib/domain/pickup-privacy';
import type { VehicleEntity } from '../../src/lib/protocol/index';
import { normalized, position } from '../fixtures/events';

const now = Date.parse('2026-11-23T02:00:00Z');
const iso = (seconds: number) => new Date(now + seconds * 1000).toISOString();
const HOME = { lat: 29.63816, lon: 115.86649 };
const VILLAGE = { lat: 29.634, lon: 115.867 };
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const north = (metres: number) => ({ lat: HOME.lat + metres / METRES_PER_DEGREE, lon: HOME.lon });
const registry = { sites: [], vehicles: [{ id: 'transfer-1', name: '转运车1', kind: 'transfer' as const }] };
const watch: PickupWatch = { taskId: 7, vehicleId: 'transfer-1', assignedAt: now, closedAt: null, pickup: HOME, coarse: VILLAGE };

/** The same task, handed over at the hotel 30 s in. */
const closed: PickupWatch = { ...watch, closedAt: now + 30_000 };

const fix = (seconds: number, at: { lat: number; lon: number }) => normalized(position({ vehicleId: 'transfer-1', at: iso(seconds), ...at, heading: 90, speedKmh: 20 }));
/** Every vehicle the state lets out, in deltas and in a snapshot. */
const published = (state: LiveState) => [...state.takeDeltas(now).flatMap((delta) => (delta.layer === 'vehicles' ? delta.upserts : [])), ...state.snapshot('vehicles').entities] as VehicleEntity[];

describe('the live state near a pickup', () => {
	it('lets a watched vehicle out only at its village for the whole trip, and where it is once the task closed and it is 500 m away', () => {
		const state = new LiveState(registry, now);
		state.watchPickups([{ watch, memory: FRESH_MEMORY }]);
		state.apply(fix(10, north(0)));
		expect(published(state)).toEqual([expect.objectContaining({ ...VILLAGE, heading: null, speedKmh: null, coarse: true, fixAt: iso(10) }), expect.objectContaining({ ...VILLAGE, coarse: true })]);
		state.apply(fix(20, north(450)));
		expect(published(state).every((vehicle) => vehicle.coarse && vehicle.lat === VILLAGE.lat)).toBe(true);
		state.apply(fix(25, north(3000)));
		expect(published(state).every((vehicle) => vehicle.coarse && vehicle.lat === VILLAGE.lat)).toBe(true);
		state.watchPickups([{ watch: closed, memory: FRESH_MEMORY }]);
		expect(published(state).every((vehicle) => vehicle.coarse && vehicle.lat === VILLAGE.lat)).toBe(true);
		state.apply(fix(40, north(3100)));
		expect(published(state)).toEqual([expect.objectContaining({ ...north(3100), heading: 90, speedKmh: 20 }), expect.objectContaining({ ...north(3100) })]);
		expect(published(state)[0].coarse).toBeUndefined();
	});

	it('hides the vehicle as soon as its task is watched, even for a fix that came before the task reached the projector', () => {
		const state = new LiveState(registry, now);
		state.apply(fix(10, north(50)));
		state.takeDeltas(now);
		state.watchPickups([{ watch, memory: FRESH_MEMORY }]);
		expect(published(state)).toEqual([expect.objectContaining({ ...VILLAGE, coarse: true }), expect.objectContaining({ ...VILLAGE, coarse: true })]);
	});

	it('hides a vehicle that already stood near the door when the task was assigned', () => {
		const state = new LiveState(registry, now);
		state.apply(fix(-60, north(80)));
		state.takeDeltas(now);
		state.watchPickups([{ watch, memory: FRESH_MEMORY }]);
		expect(published(state)[0]).toMatchObject({ ...VILLAGE, coarse: true });
	});

	it('keeps what storage had: a closed task that storage saw released shows the later fixes, but never one near the door', () => {
		const state = new LiveState(registry, now);
		state.watchPickups([{ watch: closed, memory: memoryOf(closed, [{ ...north(700), at: now + 40_000 }]) }]);
		state.apply(fix(50, north(300)));
		expect(published(state)[0]).toMatchObject({ ...VILLAGE, coarse: true });
		state.apply(fix(60, north(800)));
		expect(published(state)[0]).toMatchObject(north(800));
	});

	it('takes a late fix after the close into account without showing the current fix near the door', () => {
		const state = new LiveState(registry, now);
		state.watchPickups([{ watch: closed, memory: FRESH_MEMORY }]);
		state.apply(fix(60, north(300)));
		expect(published(state)[0]).toMatchObject({ coarse: true });
		expect(state.apply(fix(40, north(700)))).toBe('stale');
		expect(published(state)[0]).toMatchObject({ ...VILLAGE, coarse: true });
	});
});
