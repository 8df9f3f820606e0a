import { describe, expect, it } from 'vitest';
import { FLOATS_PER_VEHICLE, FleetBuffers, FleetLook, fleetLook, mercator } from '../../src/lib/map/fleet-buffers';
import type { VehicleEntity } from '../../src/lib/protocol/index';

const vehicle = (id: string, over: Partial<VehicleEntity> = {}): VehicleEntity =>
	({ id, name: `车${id}`, kind: 'courier', lat: 29.66, lon: 115.83, heading: 90, speedKmh: 30, fixAt: '2026-12-01T02:00:00.000Z', coarse: false, ...over }) as VehicleEntity;

const lookOf = (fleet: FleetBuffers, id: string) => fleet.data[fleet.slotOf(id)! * FLOATS_PER_VEHICLE + 3];
const positionOf = (fleet: FleetBuffers, id: string) => Array.from(fleet.data.subarray(fleet.slotOf(id)! * FLOATS_PER_VEHICLE, fleet.slotOf(id)! * FLOATS_PER_VEHICLE + 3));
const courierLook = (v: VehicleEntity) => fleetLook(v, false);

describe('mercator', () => {
	it('puts lon/lat where MapLibre puts them: 0..1 from the antimeridian and from the north', () => {
		expect(mercator(0, 0)).toEqual([0.5, 0.5]);
		expect(mercator(-180, 0)[0]).toBe(0);
		const [x, y] = mercator(115.83, 29.66);
		expect(x).toBeCloseTo(0.821750, 5);
		// North of the equator is above the middle (y smaller).
		expect(y).toBeLessThan(0.5);
		expect(y).toBeCloseTo(0.4137, 3);
	});
});

describe('fleetLook', () => {
	it('colours by kind, grey when silent, and rings a vehicle shown at village level', () => {
		expect(fleetLook(vehicle('a'), false)).toBe(FleetLook.courier);
		expect(fleetLook(vehicle('a', { kind: 'transfer' }), false)).toBe(FleetLook.transfer);
		expect(fleetLook(vehicle('a', { kind: 'transfer' }), true)).toBe(FleetLook.silent);
		expect(fleetLook(vehicle('a', { kind: 'transfer', coarse: true }), false)).toBe(FleetLook.transfer + FleetLook.RING);
	});
});

describe('FleetBuffers', () => {
	it('packs each drawn vehicle once: position, heading in radians, look', () => {
		const fleet = new FleetBuffers();
		expect(fleet.update([vehicle('a'), vehicle('b', { heading: 180 }), vehicle('c', { lat: null, lon: null })], courierLook)).toEqual({ written: 2, removed: 0 });
		expect(fleet.count).toBe(2);
		expect(fleet.slotOf('c')).toBeUndefined();
		const [x, y, heading] = positionOf(fleet, 'b');
		expect(x).toBeCloseTo(mercator(115.83, 29.66)[0], 6);
		expect(y).toBeCloseTo(mercator(115.83, 29.66)[1], 6);
		expect(heading).toBeCloseTo(Math.PI, 5);
	});

	it('writes only what changed: the same entity objects in the same epoch cost nothing', () => {
		const fleet = new FleetBuffers();
		const a = vehicle('a');
		const b = vehicle('b');
		fleet.update([a, b], courierLook, [1]);
		expect(fleet.update([a, b], courierLook, [1])).toEqual({ written: 0, removed: 0 });
		const moved = vehicle('b', { lat: 29.7 });
		expect(fleet.update([a, moved], courierLook, [1])).toEqual({ written: 1, removed: 0 });
		expect(positionOf(fleet, 'b')[1]).toBeCloseTo(mercator(115.83, 29.7)[1], 6);
	});

	it('asks the look again when the epoch changes, and writes only the vehicles whose look changed', () => {
		const fleet = new FleetBuffers();
		const a = vehicle('a');
		const b = vehicle('b');
		fleet.update([a, b], courierLook, [1]);
		const silentB = (v: VehicleEntity) => fleetLook(v, v.id === 'b');
		expect(fleet.update([a, b], silentB, [2])).toEqual({ written: 1, removed: 0 });
		expect(lookOf(fleet, 'b')).toBe(FleetLook.silent);
		expect(lookOf(fleet, 'a')).toBe(FleetLook.courier);
	});

	it('keeps the arrays packed when a vehicle leaves: the last one takes its slot', () => {
		const fleet = new FleetBuffers();
		fleet.update([vehicle('a'), vehicle('b'), vehicle('c', { heading: 270 })], courierLook);
		const slotOfB = fleet.slotOf('b');
		expect(fleet.update([vehicle('a'), vehicle('c', { heading: 270 })], courierLook)).toEqual({ written: 2, removed: 1 });
		expect(fleet.count).toBe(2);
		expect(fleet.slotOf('b')).toBeUndefined();
		expect(fleet.slotOf('c')).toBe(slotOfB);
		expect(positionOf(fleet, 'c')[2]).toBeCloseTo((270 * Math.PI) / 180, 5);
	});

	it('drops a vehicle that lost its fix and takes it back when it has one again', () => {
		const fleet = new FleetBuffers();
		fleet.update([vehicle('a'), vehicle('b')], courierLook);
		fleet.update([vehicle('a'), vehicle('b', { lat: null, lon: null })], courierLook);
		expect(fleet.count).toBe(1);
		fleet.update([vehicle('a'), vehicle('b')], courierLook);
		expect(fleet.count).toBe(2);
	});

	it('shows no heading for a vehicle at village level (coarse)', () => {
		const fleet = new FleetBuffers();
		fleet.update([vehicle('t', { kind: 'transfer', coarse: true, heading: 135 })], courierLook);
		expect(positionOf(fleet, 't')[2]).toBe(0);
	});

	it('grows past its first size and keeps every vehicle where it was written', () => {
		const fleet = new FleetBuffers();
		const many = Array.from({ length: 10_000 }, (_, index) => vehicle(`v${index}`, { lon: 115 + index / 10_000 }));
		expect(fleet.update(many, courierLook).written).toBe(10_000);
		expect(fleet.count).toBe(10_000);
		expect(positionOf(fleet, 'v9999')[0]).toBeCloseTo(mercator(115.9999, 29.66)[0], 6);
		expect(positionOf(fleet, 'v0')[0]).toBeCloseTo(mercator(115, 29.66)[0], 6);
	});
});
