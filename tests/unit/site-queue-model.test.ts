/** The demo's arrivals follow a sampling day in China time, and a site's load holds for hours (server/sim/site-queue-model.ts). */
import { describe, expect, it } from 'vitest';
import { chinaMinuteOfDay, dayProfile, SiteQueueModel } from '../../server/sim/site-queue-model';

/** An instant at a China-time clock reading on 2026-11-30 (UTC+8). */
const china = (hours: number, minutes = 0) => Date.UTC(2026, 10, 30, hours - 8, minutes);
/** Chengmen's ten sites, seeded as the simulator seeds them. */
const sitesOf = (seed: number, count = 10) => Array.from({ length: count }, (_, index) => new SiteQueueModel({ desks: 2, seed: seed + index * 7919 }));
const rankAt = (loads: number[], index: number) => [...loads].sort((a, b) => b - a).indexOf(loads[index]);

describe('the demo day (dayProfile)', () => {
	it('reads the clock in China time, whatever the zone', () => {
		expect(chinaMinuteOfDay(Date.UTC(2026, 10, 30, 0, 30))).toBe(8 * 60 + 30);
		expect(chinaMinuteOfDay(Date.UTC(2026, 10, 30, 20, 0))).toBe(4 * 60);
	});

	it('has a morning wave, a lull at lunch and a smaller after-work wave, and a trickle at night', () => {
		const at = (hours: number) => dayProfile(hours * 60);
		expect(at(8.5)).toBeGreaterThan(2 * at(12.5));
		expect(at(18.5)).toBeGreaterThan(2 * at(12.5));
		expect(at(18.5)).toBeLessThan(at(8.5));
		expect(at(12.5)).toBeLessThan(at(10.5));
		expect(at(12.5)).toBeLessThan(at(15));
		for (const hour of [0, 3, 5, 22.5, 23.5]) expect(at(hour)).toBeLessThan(0.1);
		// Opening and closing ramp, no cliff.
		expect(at(6.25)).toBeGreaterThan(at(6));
		expect(at(6.25)).toBeLessThan(at(6.5));
	});
});

describe('SiteQueueModel arrivals', () => {
	it('a site takes more than twice as many people at 08:00 as at 12:30', () => {
		for (const site of sitesOf(20220401)) expect(site.loadAt(china(8))).toBeGreaterThan(2 * site.loadAt(china(12, 30)));
	});

	it('the busiest site at 09:00 is still among the busier half at 09:45, on Chengmen’s seeds and on nearly every other', () => {
		const persists = (seed: number) => {
			const sites = sitesOf(seed);
			const at9 = sites.map((site) => site.loadAt(china(9)));
			return rankAt(sites.map((site) => site.loadAt(china(9, 45))), at9.indexOf(Math.max(...at9))) < sites.length / 2;
		};
		expect(persists(20220401)).toBe(true);
		const seeds = Array.from({ length: 200 }, (_, index) => 1000 + index * 31);
		// A village's call ending can reorder close sites now and then; a 30-minute swing reorders most of them.
		expect(seeds.filter(persists).length).toBeGreaterThanOrEqual(190);
	});

	it('a site busier than its desks at the morning wave is still busier than them three quarters of an hour on', () => {
		for (const site of sitesOf(20220401)) if (site.loadAt(china(8, 30)) > 1.2) expect(site.loadAt(china(9, 15))).toBeGreaterThan(1);
	});

	it('the people arriving match the rate, even at night’s trickle', () => {
		const arrivalsBetween = (from: number, to: number) => {
			const site = new SiteQueueModel({ desks: 2, seed: 42 });
			site.continueFrom(0);
			site.setStaffedDesks(0);
			let expected = 0;
			let queue = 0;
			for (let now = from; now < to; now += 5000) {
				expected += (2 * 200 * site.loadAt(now) * 5000) / 3_600_000;
				queue = site.step(now, 5000).queueLength;
			}
			return { arrived: queue, expected };
		};
		const morning = arrivalsBetween(china(8), china(10));
		expect(Math.abs(morning.arrived - morning.expected)).toBeLessThan(0.05 * morning.expected);
		const night = arrivalsBetween(china(0), china(5));
		expect(night.expected).toBeGreaterThan(20);
		expect(Math.abs(night.arrived - night.expected)).toBeLessThan(0.25 * night.expected);
	});

	it('a site sees the same day on the next day (the drift and its village’s call repeat)', () => {
		const site = sitesOf(7, 1)[0];
		for (const minute of [0, 7 * 60, 9 * 60 + 17, 18 * 60 + 30]) expect(site.loadAt(china(0, minute) + 86_400_000)).toBeCloseTo(site.loadAt(china(0, minute)), 9);
	});
});
