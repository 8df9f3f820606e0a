import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { courierState, fenceAt, trackDistanceKm, trackFenceEvents, trackStops, unexpectedStop, type TrackFix } from '../../src/lib/domain/vehicle-track';
import { bedsToPromise, transferProgress } from '../../src/lib/domain/closed-loop-transfer';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
const ORIGIN = { lat: 29.6, lon: 115.8 };
/** A fix d metres east of the origin at minute m. */
const east = (metres: number, minute: number): TrackFix => ({ lat: ORIGIN.lat, lon: ORIGIN.lon + metres / (111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180)), at: NOW + minute * MIN });
/** Drives east at 600 m a minute (36 km/h) from `fromMetres`, one fix a minute. */
const drive = (fromMetres: number, minutes: number, startMinute: number) => Array.from({ length: minutes }, (_, index) => east(fromMetres + index * 600, startMinute + index));
/** Stands at `metres` with ±15 m jitter, one fix a minute. */
const stand = (metres: number, minutes: number, startMinute: number) => Array.from({ length: minutes }, (_, index) => east(metres + (index % 2 === 0 ? 15 : -15), startMinute + index));

describe('trackStops', () => {
	it('finds a 12-minute halt between two drives, at the place it happened', () => {
		const fixes = [...drive(0, 5, 0), ...stand(3000, 13, 5), ...drive(3600, 5, 18)];
		const stops = trackStops(fixes);
		expect(stops).toHaveLength(1);
		expect(stops[0].minutes).toBe(12);
		expect(stops[0].from).toBe(NOW + 5 * MIN);
		expect(stops[0].ongoing).toBe(false);
		expect(Math.abs(stops[0].lon - east(3000, 0).lon)).toBeLessThan(0.0003);
	});
	it('does not call a 5-minute wait at a light a stop', () => {
		expect(trackStops([...drive(0, 5, 0), ...stand(3000, 6, 5), ...drive(3600, 5, 11)])).toEqual([]);
	});
	it('marks a stop that lasts to the newest fix as ongoing', () => {
		const stops = trackStops([...drive(0, 5, 0), ...stand(3000, 15, 5)]);
		expect(stops.map((stop) => stop.ongoing)).toEqual([true]);
	});
	it('counts a silent gap while parked as standing', () => {
		const fixes = [...drive(0, 3, 0), east(1800, 3), east(1810, 20), ...drive(2400, 3, 21)];
		expect(trackStops(fixes)[0].minutes).toBe(17);
	});
	it('gives the same stops for any order of arrival of the same fixes', () => {
		const fixes = [...drive(0, 5, 0), ...stand(3000, 13, 5), ...drive(3600, 5, 18)];
		const expected = trackStops(fixes);
		fc.assert(fc.property(fc.shuffledSubarray(fixes, { minLength: fixes.length, maxLength: fixes.length }), (shuffled) => {
			expect(trackStops(shuffled)).toEqual(expected);
		}));
	});
});

describe('trackDistanceKm', () => {
	it('adds up the kilometres driven', () => {
		expect(trackDistanceKm(drive(0, 11, 0))).toBe(6);
	});
	it('leaves out a GPS glitch that jumps 50 km in a minute', () => {
		const fixes = [...drive(0, 6, 0), east(50_000, 6), ...drive(3600, 5, 7)];
		expect(trackDistanceKm(fixes)).toBeLessThan(7);
	});
});

describe('fences along a track', () => {
	const site = { id: 'site', center: east(3000, 0), radiusM: 100 };
	const far = { id: 'far', center: { lat: 30.5, lon: 116.5 }, radiusM: 100 };
	it('arrives at and departs from the site the track passes through, and ignores fences far away', () => {
		const events = trackFenceEvents([site, far], [...drive(0, 5, 0), ...stand(3000, 13, 5), ...drive(3600, 5, 18)]);
		expect(events.map((event) => `${event.fenceId}:${event.type}`)).toEqual(['site:arrive', 'site:depart']);
	});
	it('says which fence a point is in', () => {
		expect(fenceAt(east(3050, 0), [far, site])?.id).toBe('site');
		expect(fenceAt(east(4000, 0), [far, site])).toBeNull();
	});
});

describe('unexpectedStop', () => {
	const lab = { id: 'lab', center: east(3000, 0), radiusM: 150 };
	it('flags a vehicle standing 12 minutes on the road', () => {
		expect(unexpectedStop([...drive(0, 5, 0), ...stand(3000, 13, 5)], [])?.minutes).toBe(12);
	});
	it('does not flag the same halt at a lab, where couriers stop', () => {
		expect(unexpectedStop([...drive(0, 5, 0), ...stand(3000, 13, 5)], [lab])).toBeNull();
	});
	it('does not flag a stop that has ended', () => {
		expect(unexpectedStop([...drive(0, 5, 0), ...stand(3000, 13, 5), ...drive(3600, 3, 18)], [])).toBeNull();
	});
});

describe('courierState', () => {
	it('is idle with nothing to do, to site with sites left, loaded with boxes and sites left, to lab with boxes only', () => {
		expect(courierState({ sitesLeft: 0, boxesOnBoard: 0 })).toBe('idle');
		expect(courierState({ sitesLeft: 2, boxesOnBoard: 0 })).toBe('to_site');
		expect(courierState({ sitesLeft: 1, boxesOnBoard: 3 })).toBe('loaded');
		expect(courierState({ sitesLeft: 0, boxesOnBoard: 3 })).toBe('to_lab');
	});

	it('is on the road, not idle, when it drives with no run and nothing on board (dispatch read "空闲 40 km/h")', () => {
		expect(courierState({ sitesLeft: 0, boxesOnBoard: 0, speedKmh: 40 })).toBe('roaming');
		expect(courierState({ sitesLeft: 0, boxesOnBoard: 0, speedKmh: 2 })).toBe('idle');
		expect(courierState({ sitesLeft: 0, boxesOnBoard: 0, speedKmh: null })).toBe('idle');
		expect(courierState({ sitesLeft: 2, boxesOnBoard: 0, speedKmh: 40 })).toBe('to_site');
	});
});

describe('transferProgress', () => {
	const fences = { pickup: { id: 'home', center: east(3000, 0), radiusM: 120 }, hotel: { id: 'hotel', center: east(9000, 0), radiusM: 200 } };
	it('is on its way to the pickup point before it gets there', () => {
		expect(transferProgress(fences, drive(0, 3, 0)).phase).toBe('to_pickup');
	});
	it('waits at the pickup point, then carries the passengers from the moment it leaves', () => {
		const atPickup = [...drive(0, 5, 0), ...stand(3000, 6, 5)];
		expect(transferProgress(fences, atPickup)).toMatchObject({ phase: 'at_pickup', atPickupAt: NOW + 5 * MIN });
		const leaving = [...atPickup, ...drive(3600, 4, 11)];
		expect(transferProgress(fences, leaving)).toMatchObject({ phase: 'carrying', pickedUpAt: NOW + 11 * MIN, arrivedAt: null, stopsOnTheWay: [] });
	});
	it('arrives at the hotel in a closed loop: a wait at the pickup point is not a stop on the way', () => {
		const fixes = [...drive(0, 5, 0), ...stand(3000, 15, 5), ...drive(3600, 10, 20), ...stand(9000, 5, 30)];
		const progress = transferProgress(fences, fixes);
		expect(progress).toMatchObject({ phase: 'arrived', pickedUpAt: NOW + 20 * MIN, arrivedAt: NOW + 29 * MIN, stopsOnTheWay: [] });
	});
	it('flags a 4-minute halt on the way, with where and when', () => {
		const fixes = [...drive(0, 5, 0), ...stand(3000, 3, 5), ...drive(3600, 4, 8), ...stand(6000, 5, 12), ...drive(6600, 5, 17), ...stand(9000, 3, 22)];
		const progress = transferProgress(fences, fixes);
		expect(progress.phase).toBe('arrived');
		expect(progress.stopsOnTheWay).toHaveLength(1);
		expect(progress.stopsOnTheWay[0]).toMatchObject({ from: NOW + 12 * MIN, minutes: 4 });
	});
	it('starts at the pickup point when the first fix is already there', () => {
		expect(transferProgress(fences, [...stand(3000, 3, 0), ...drive(3600, 3, 3)])).toMatchObject({ atPickupAt: NOW, pickedUpAt: NOW + 3 * MIN });
	});
});

describe('bedsToPromise', () => {
	it('holds beds for transfers on their way, and never goes below zero', () => {
		expect(bedsToPromise({ beds: 120, occupied: 86, heldForTransfers: 4 })).toBe(30);
		expect(bedsToPromise({ beds: 10, occupied: 9, heldForTransfers: 4 })).toBe(0);
	});
});
