import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrivalTimes, boxRisk, driveMinutes, planPickups, type LabState, type WaitingBoxes } from '../../src/lib/domain/custody';
import { geofenceEvents, type GeofenceFix } from '../../src/lib/domain/geofence';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
/** 35 km/h with roads 1.3 × the straight line: 10 km apart takes 22.3 minutes. */
const north = (km: number) => ({ lat: 29.6 + km / 111.195, lon: 115.8 });

describe('driving and arrival', () => {
	it('drives 10 km of straight line in 22.3 minutes', () => {
		expect(driveMinutes(north(0), north(10))).toBeCloseTo(22.29, 1);
	});
	it('arrives at each stop in order, 5 minutes at each stop before driving on', () => {
		const [first, second] = arrivalTimes(north(0), [north(10), north(20)], NOW);
		expect((first - NOW) / MIN).toBeCloseTo(22.29, 1);
		expect((second - first) / MIN).toBeCloseTo(22.29 + 5, 1);
	});
});

describe('boxRisk', () => {
	const sealed = NOW - 2 * 60 * MIN;
	it('is fine with two hours left and an arrival in time', () => {
		expect(boxRisk({ sealedAt: sealed, labEta: NOW + 30 * MIN, now: NOW })).toBe('ok');
	});
	it('raises a predicted late arrival as soon as it is predicted: here 2 hours before the limit', () => {
		expect(boxRisk({ sealedAt: sealed, labEta: NOW + 121 * MIN, now: NOW })).toBe('predicted_late');
	});
	it('warns in the last hour, and calls a box past four hours late', () => {
		expect(boxRisk({ sealedAt: NOW - 3.5 * 60 * MIN, labEta: null, now: NOW })).toBe('near_deadline');
		expect(boxRisk({ sealedAt: NOW - 4 * 60 * MIN - 1, labEta: null, now: NOW })).toBe('late');
	});
});

describe('planPickups', () => {
	const lab = (spareTubes: number, km = 0, id = 'lab'): LabState => ({ id, location: north(km), spareTubes });
	const site = (id: string, km: number, sealedMinutesAgo: number, tubes = 20): WaitingBoxes => ({ siteId: id, location: north(km), oldestSealedAt: NOW - sealedMinutesAgo * MIN, tubes });

	it('collects two nearby sites on one run, the most urgent first, and ends at the lab', () => {
		const plan = planPickups({ sites: [site('b', 6, 60), site('a', 5, 200)], couriers: [{ id: 'c1', location: north(0), freeAt: NOW }], labs: [lab(1000)], now: NOW });
		expect(plan.unplanned).toEqual([]);
		expect(plan.runs).toEqual([expect.objectContaining({ courierId: 'c1', siteIds: ['a', 'b'], labId: 'lab', tubes: 40 })]);
		expect(plan.runs[0].arrivals.at(-1)!).toBeLessThan(plan.runs[0].deadline);
	});
	it('sends a second courier when one run cannot reach the lab before the oldest box’s limit', () => {
		// Site a has 25 minutes left; collecting far site b first would make it late.
		const plan = planPickups({
			sites: [site('a', 5, 215), site('b', 40, 100)],
			couriers: [{ id: 'c1', location: north(4), freeAt: NOW }, { id: 'c2', location: north(35), freeAt: NOW }],
			labs: [lab(1000)],
			now: NOW
		});
		expect(plan.runs.map((run) => [run.courierId, run.siteIds])).toEqual([['c1', ['a']], ['c2', ['b']]]);
	});
	it('avoids a lab without spare capacity, and reports a site nobody can take', () => {
		const plan = planPickups({ sites: [site('a', 5, 60, 300)], couriers: [{ id: 'c1', location: north(0), freeAt: NOW }], labs: [lab(100, 0, 'full'), lab(1000, 8, 'spare')], now: NOW });
		expect(plan.runs[0].labId).toBe('spare');
		const none = planPickups({ sites: [site('a', 5, 60, 300)], couriers: [{ id: 'c1', location: north(0), freeAt: NOW }], labs: [lab(100)], now: NOW });
		expect(none.unplanned).toEqual([{ siteId: 'a', reason: 'no_lab_capacity' }]);
		const tooFar = planPickups({ sites: [site('a', 150, 230)], couriers: [{ id: 'c1', location: north(0), freeAt: NOW }], labs: [lab(1000)], now: NOW });
		expect(tooFar.unplanned).toEqual([{ siteId: 'a', reason: 'no_courier_in_time' }]);
	});
	it('still collects a site that cannot be in time, on a rescue run marked late, and keeps it listed', () => {
		const plan = planPickups({ sites: [site('late', 10, 235)], couriers: [{ id: 'c1', location: north(0), freeAt: NOW }], labs: [lab(1000)], now: NOW });
		expect(plan.unplanned).toEqual([{ siteId: 'late', reason: 'no_courier_in_time' }]);
		expect(plan.runs).toEqual([expect.objectContaining({ courierId: 'c1', siteIds: ['late'], late: true })]);
	});
	it('lets an on-time run pick up a late site on the way only while its own boxes stay on time', () => {
		const couriers = [{ id: 'c1', location: north(0), freeAt: NOW }];
		// Plenty of time for b: the late site a, on the way, joins the run.
		const roomy = planPickups({ sites: [site('a', 3, 238), site('b', 6, 30)], couriers, labs: [lab(1000)], now: NOW });
		expect(roomy.runs).toEqual([expect.objectContaining({ siteIds: ['b', 'a'], late: false })]);
		expect(roomy.unplanned).toEqual([{ siteId: 'a', reason: 'no_courier_in_time' }]);
		// b has barely enough time itself: the late site waits rather than make b late too.
		const tight = planPickups({ sites: [site('a', 30, 238), site('b', 6, 190)], couriers, labs: [lab(1000)], now: NOW });
		expect(tight.runs.map((run) => run.siteIds)).toEqual([['b']]);
	});
});

describe('geofenceEvents', () => {
	const fence = { id: 'lab', center: { lat: 29.6, lon: 115.8 }, radiusM: 100 };
	/** A point d metres east of the fence's centre. */
	const east = (metres: number, at: number): GeofenceFix => ({ lat: 29.6, lon: 115.8 + metres / (111_320 * Math.cos((29.6 * Math.PI) / 180)), at });

	it('arrives and departs once for a drive in and out, at the first fix on the new side', () => {
		const fixes = [500, 300, 80, 40, 60, 90, 300, 600].map((metres, index) => east(metres, NOW + index * 10_000));
		expect(geofenceEvents(fence, fixes)).toEqual([
			{ fenceId: 'lab', type: 'arrive', at: NOW + 20_000 },
			{ fenceId: 'lab', type: 'depart', at: NOW + 60_000 }
		]);
	});
	it('ignores a single stray fix on the other side', () => {
		const fixes = [50, 60, 400, 55, 45].map((metres, index) => east(metres, NOW + index * 10_000));
		expect(geofenceEvents(fence, fixes)).toEqual([]);
	});
	it('never flaps for jitter inside the margin, whatever the jitter', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0, max: 139, noNaN: true }), { minLength: 1, maxLength: 60 }), (distances) => {
				const fixes = [east(20, NOW - 10_000), ...distances.map((metres, index) => east(metres, NOW + index * 5_000))];
				expect(geofenceEvents(fence, fixes)).toEqual([]);
			})
		);
	});
	it('gives the same events for any order of arrival of the same fixes, resent ones included', () => {
		const track = [500, 300, 80, 40, 60, 90, 300, 600, 700, 90, 50, 20].map((metres, index) => east(metres, NOW + index * 10_000));
		const expected = geofenceEvents(fence, track);
		fc.assert(
			fc.property(fc.shuffledSubarray(track, { minLength: track.length, maxLength: track.length }), fc.array(fc.nat(track.length - 1), { maxLength: 5 }), (shuffled, resent) => {
				expect(geofenceEvents(fence, [...shuffled, ...resent.map((index) => track[index])])).toEqual(expected);
			})
		);
	});
});
