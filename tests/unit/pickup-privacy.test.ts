import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distanceMetres } from '../../src/lib/domain/coordinates';
import { coarsePointFor, FRESH_MEMORY, haltNearPickup, isShielded, memoryOf, mergeMemories, releasedAt, rememberFix, screenTrack, shieldingWatch, type PickupWatch, type WatchFix } from '../../src/lib/domain/pickup-privacy';

const T0 = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
const HOME = { lat: 29.63816, lon: 115.86649 };
const VILLAGE = { lat: 29.634, lon: 115.867 };
/** Metres per degree of latitude on the sphere distanceMetres uses: a fix due north is exactly this far. */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
/** A fix `metres` due north of the home at minute `minute` after assignment. */
const north = (metres: number, minute: number): WatchFix => ({ lat: HOME.lat + metres / METRES_PER_DEGREE, lon: HOME.lon, at: T0 + minute * MIN });

const watch = (overrides: Partial<PickupWatch> = {}): PickupWatch => ({ taskId: 1, vehicleId: 'transfer-1', assignedAt: T0, closedAt: null, pickup: HOME, coarse: VILLAGE, ...overrides });
/** The verdict on each fix, with everything known about the track. */
const verdicts = (w: PickupWatch, fixes: WatchFix[]) => {
	const memory = memoryOf(w, fixes);
	return fixes.map((fix) => isShielded(w, memory, fix));
};

/** From the hotel 2.5 km away to the door, 3 minutes there, then away and on to the hotel. */
const trip = [north(2500, 1), north(1500, 2), north(600, 3), north(200, 4), north(10, 5), north(0, 6), north(5, 7), north(0, 8), north(300, 9), north(480, 10), north(650, 11), north(1500, 12), north(2500, 13)];

describe('pickup privacy', () => {
	it('measures the boundary as the fixes of these tests place them', () => {
		expect(distanceMetres(HOME, north(500, 0))).toBeCloseTo(500, 6);
	});

	it('leaves fixes before the assignment alone, unless the vehicle stood near the door in the half hour before', () => {
		expect(isShielded(watch(), FRESH_MEMORY, north(2500, -1))).toBe(false);
		expect(isShielded(watch(), FRESH_MEMORY, north(0, -31))).toBe(false);
		expect(isShielded(watch(), FRESH_MEMORY, north(0, -29))).toBe(true);
		expect(isShielded(watch(), FRESH_MEMORY, north(520, -1))).toBe(false);
	});

	it('shields the whole trip while the task is open, the way out and on to the hotel included', () => {
		expect(verdicts(watch(), trip).every(Boolean)).toBe(true);
		expect(releasedAt(watch(), memoryOf(watch(), trip))).toBeNull();
		// A track shown from 500 m out, with its heading, would point back at the door.
		expect(verdicts(watch(), [...trip, north(5000, 20)]).at(-1)).toBe(true);
	});

	it('lifts once the task is closed at the hotel, from the first fix after it', () => {
		const handedOver = watch({ closedAt: T0 + 12.5 * MIN });
		expect(verdicts(handedOver, trip)).toEqual([...Array(12).fill(true), false]);
		expect(releasedAt(handedOver, memoryOf(handedOver, trip))).toBe(T0 + 13 * MIN);
	});

	it('lifts at 500 m from the door after the close and not a metre before', () => {
		const at = (metres: number) => verdicts(watch({ closedAt: T0 + 1.5 * MIN }), [north(0, 1), north(metres, 2), north(510, 3)]);
		expect(at(499.5)).toEqual([true, true, false]);
		expect(at(500.5)).toEqual([true, false, false]);
	});

	it('keeps a task closed near the door shielded until the vehicle is 500 m away', () => {
		const back = [...trip, north(200, 14), north(900, 16)];
		expect(verdicts(watch({ closedAt: T0 + 13.5 * MIN }), back).slice(-2)).toEqual([true, false]);
	});

	it('keeps a vehicle that never quite reached the door shielded until the task closes and it is away', () => {
		const parkedAtTheLane = [north(2500, 1), north(150, 2), north(150, 8), north(900, 10), north(2500, 12), north(2500, 20)];
		expect(verdicts(watch(), parkedAtTheLane)).toEqual([true, true, true, true, true, true]);
		expect(verdicts(watch({ closedAt: T0 + 15 * MIN }), parkedAtTheLane)).toEqual([true, true, true, true, true, false]);
	});

	it('holds a cancelled task until the vehicle is 500 m away, whether it was near the door or still coming', () => {
		const nearWhenCancelled = [north(2500, 1), north(300, 2), north(250, 4), north(700, 6)];
		expect(verdicts(watch({ closedAt: T0 + 3 * MIN }), nearWhenCancelled)).toEqual([true, true, true, false]);
		const farWhenCancelled = [north(2500, 1), north(1500, 2), north(1400, 4)];
		expect(verdicts(watch({ closedAt: T0 + 3 * MIN }), farWhenCancelled)).toEqual([true, true, false]);
	});

	it('judges two tasks in a row each by its own pickup, the later one drawing the vehicle', () => {
		const first = watch({ closedAt: T0 + 14 * MIN });
		const secondHome = { lat: HOME.lat - 0.02, lon: HOME.lon };
		const second = watch({ taskId: 2, assignedAt: T0 + 20 * MIN, pickup: secondHome, coarse: { lat: 29.61, lon: 115.86 } });
		const towardsSecond = { lat: secondHome.lat + 0.002, lon: HOME.lon, at: T0 + 22 * MIN };
		const fixes = [...trip, north(2500, 19), towardsSecond];
		const remembered = [first, second].map((each) => ({ watch: each, memory: memoryOf(each, fixes) }));
		expect(shieldingWatch(remembered, north(0, 6))?.taskId).toBe(1);
		expect(shieldingWatch(remembered, north(2500, 19))).toBeNull();
		expect(shieldingWatch(remembered, towardsSecond)?.taskId).toBe(2);
	});

	it('gives the same verdicts whatever order the fixes arrived in, resent ones included', () => {
		const w = watch();
		const expected = verdicts(w, trip);
		fc.assert(
			fc.property(fc.shuffledSubarray(trip, { minLength: trip.length, maxLength: trip.length }), fc.array(fc.nat(trip.length - 1), { maxLength: 4 }), (shuffled, resent) => {
				const memory = memoryOf(w, [...shuffled, ...resent.map((index) => trip[index])]);
				expect(trip.map((fix) => isShielded(w, memory, fix))).toEqual(expected);
			})
		);
	});

	it('takes a late far fix after the close into account when it comes', () => {
		const w = watch({ closedAt: T0 + 12.5 * MIN });
		let memory = memoryOf(w, trip.slice(0, -1));
		expect(isShielded(w, memory, north(2500, 13))).toBe(true);
		memory = rememberFix(w, memory, north(2500, 13));
		expect(releasedAt(w, memory)).toBe(T0 + 13 * MIN);
		expect(isShielded(w, memory, north(2500, 13))).toBe(false);
	});

	it('keeps no far fix while the task is open, and none past the release, so a long trip costs little', () => {
		expect(memoryOf(watch(), trip).farAt).toEqual([]);
		const memory = memoryOf(watch({ closedAt: T0 + 12.5 * MIN }), [...trip, north(3000, 30), north(3000, 31)]);
		expect(memory.farAt).toEqual([T0 + 13 * MIN]);
	});

	it('takes the shielded fixes out of a track and says which spans they covered', () => {
		const before = north(2500, -5);
		const fixes = [north(1500, 12), before, ...trip.slice(0, 10), north(2500, 13)];
		const handedOver = watch({ closedAt: T0 + 12.5 * MIN });
		const { shown, hidden } = screenTrack([{ watch: handedOver, memory: memoryOf(handedOver, [...fixes, north(650, 11)]) }], fixes);
		expect(shown).toEqual([before, north(2500, 13)]);
		expect(hidden).toEqual([{ from: T0 + MIN, to: T0 + 12 * MIN }]);
		expect(shown.every((fix) => distanceMetres(HOME, fix) >= 500)).toBe(true);
	});

	it('judges a window of a track by the task, whatever part of the trip the window holds', () => {
		const window = trip.slice(10);
		expect(screenTrack([{ watch: watch(), memory: memoryOf(watch(), trip) }], window).shown).toEqual([]);
		const cancelled = watch({ closedAt: T0 + 10.5 * MIN });
		expect(screenTrack([{ watch: cancelled, memory: memoryOf(cancelled, trip) }], window).shown).toEqual(window);
	});

	it('merges what storage had with what was seen live as if seen together', () => {
		const w = watch({ closedAt: T0 + 10.5 * MIN });
		const [stored, live] = [trip.filter((_, index) => index % 2 === 0), trip.filter((_, index) => index % 2 === 1)];
		expect(mergeMemories(w, memoryOf(w, stored), memoryOf(w, live))).toEqual(memoryOf(w, trip));
	});

	it('draws a shielded vehicle at its village, else the nearest village, else a 5 km cell, never at the pickup', () => {
		const other = { lat: 29.7, lon: 115.9 };
		expect(coarsePointFor(HOME, VILLAGE, [other])).toEqual(VILLAGE);
		expect(coarsePointFor(HOME, null, [other, VILLAGE])).toEqual(VILLAGE);
		const cell = coarsePointFor(HOME, null, []);
		expect(cell).toEqual({ lat: expect.closeTo(29.625, 9), lon: expect.closeTo(115.875, 9) });
	});

	it('calls a halt within 2 km of the pickup one to show at village level', () => {
		expect(haltNearPickup(watch(), north(1950, 0))).toBe(true);
		expect(haltNearPickup(watch(), north(2050, 0))).toBe(false);
	});
});
