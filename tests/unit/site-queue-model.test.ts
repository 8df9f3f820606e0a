/**
 * The demo's arrivals follow an emergency whole-population round laid out from its start, whatever
 * the clock says then, and a site's load holds for hours (server/sim/site-queue-model.ts).
 */
import { describe, expect, it } from 'vitest';
import { chinaMinuteOfDay, minutesIntoRound, roundProfile, SiteQueueModel } from '../../server/sim/site-queue-model';

/** An instant at a China-time clock reading on 2026-11-30 (UTC+8). */
const china = (hours: number, minutes = 0) => Date.UTC(2026, 10, 30, hours - 8, minutes);
const HOUR = 3_600_000;
/** Chengmen's ten sites, seeded as the simulator seeds them, in a round declared at `roundStart`. */
const sitesOf = (seed: number, roundStart: number, count = 10) => Array.from({ length: count }, (_, index) => new SiteQueueModel({ desks: 2, seed: seed + index * 7919, roundStart }));
const rankAt = (loads: number[], index: number) => [...loads].sort((a, b) => b - a).indexOf(loads[index]);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** A China-time minute away from the small hours (no dip), for the round's own shape. */
const NOON = 12 * 60;

describe('the round (roundProfile)', () => {
	it('reads the clock in China time, whatever the zone', () => {
		expect(chinaMinuteOfDay(Date.UTC(2026, 10, 30, 0, 30))).toBe(8 * 60 + 30);
		expect(chinaMinuteOfDay(Date.UTC(2026, 10, 30, 20, 0))).toBe(4 * 60);
	});

	it('counts minutes from the round’s start, a next round a day later', () => {
		expect(minutesIntoRound(china(21, 45) + 90 * 60_000, china(21, 45))).toBe(90);
		expect(minutesIntoRound(china(21, 45) + 24 * HOUR + 90 * 60_000, china(21, 45))).toBe(90);
		expect(minutesIntoRound(china(21, 45) - 60_000, china(21, 45))).toBe(-1);
	});

	it('surges in the first hours, has waves and lulls after, and tapers as coverage rises', () => {
		const at = (hours: number) => roundProfile(hours * 60, NOON);
		// The first surge: well above what the desks take (1) for an hour and more.
		for (const hours of [0.75, 1, 1.5, 2]) expect(at(hours)).toBeGreaterThan(1.2);
		// Waves at 5, 9 and 13 h stand over the lulls between them.
		expect(at(5)).toBeGreaterThan(at(7) * 1.4);
		expect(at(9)).toBeGreaterThan(at(7) * 1.3);
		expect(at(9)).toBeGreaterThan(at(11) * 1.3);
		// Each wave smaller than the one before; late in the round it tapers to the mop-up.
		expect(at(5)).toBeLessThan(at(1.5));
		expect(at(13)).toBeLessThan(at(9));
		for (let hours = 14; hours < 18; hours += 0.5) expect(at(hours + 0.5)).toBeLessThanOrEqual(at(hours));
		expect(at(17.5)).toBeLessThan(at(1.5) / 4);
		// Filling up, no cliff at the call.
		expect(at(0.1)).toBeLessThan(at(0.25));
		expect(at(0.25)).toBeLessThan(at(0.5));
	});

	it('is never dead: between rounds and in the small hours people still come', () => {
		for (const hours of [-1, 18.5, 20, 23.9]) expect(roundProfile(hours * 60, 3.5 * 60)).toBeGreaterThan(0.1);
		// The small hours dip a little, no more.
		expect(roundProfile(90, 3.5 * 60)).toBeLessThan(roundProfile(90, NOON));
		expect(roundProfile(90, 3.5 * 60)).toBeGreaterThan(0.8 * roundProfile(90, NOON));
	});
});

describe('SiteQueueModel arrivals', () => {
	// 21:45 China time: a demo started in the evening in Europe or America; the old clock-day model was then nearly dead.
	for (const [label, start] of [['21:45', china(21, 45)], ['09:00', china(9)], ['02:30', china(2, 30)]] as const) {
		it(`right after a round declared at ${label} China time the sites take more than their desks do, and queues grow`, () => {
			const sites = sitesOf(20220401, start);
			for (const hours of [0.75, 1.5, 2.5]) expect(mean(sites.map((site) => site.loadAt(start + hours * HOUR)))).toBeGreaterThan(1);
			// Played as the simulator plays them (a step every 5 s): at least half the queues are longer after two hours than at the call (most, away from the small hours).
			const queues = sites.map((site) => {
				site.continueFrom(100);
				let queue = 100;
				for (let now = start; now < start + 2 * HOUR; now += 5000) queue = site.step(now, 5000).queueLength;
				return queue;
			});
			expect(queues.filter((queue) => queue > 100).length).toBeGreaterThanOrEqual(label === '02:30' ? 5 : 8);
		});
	}

	it('the same round plays the same whatever hour it was declared at, but for the small hours', () => {
		const evening = sitesOf(20220401, china(21, 45));
		const morning = sitesOf(20220401, china(9));
		for (const [index, site] of evening.entries()) {
			// Hours in that are in neither round's small hours (evening: 22:45, 09:45, 11:45; morning: 10:00, 21:00, 23:00).
			for (const hours of [1, 12, 14]) expect(Math.abs(site.loadAt(china(21, 45) + hours * HOUR) / morning[index].loadAt(china(9) + hours * HOUR) - 1)).toBeLessThan(0.01);
			// In the small hours (evening round 6 h in: 03:45) a little fewer come than at 15:00 in the morning round.
			expect(site.loadAt(china(21, 45) + 6 * HOUR)).toBeLessThan(morning[index].loadAt(china(9) + 6 * HOUR));
		}
	});

	it('every site takes more than four times as many people at the first surge as at the round’s end', () => {
		for (const site of sitesOf(20220401, china(21, 45))) expect(site.loadAt(china(21, 45) + 1.5 * HOUR)).toBeGreaterThan(4 * site.loadAt(china(21, 45) + 17.5 * HOUR));
	});

	it('the busiest site two hours in is still among the busier half 45 minutes on, on Chengmen’s seeds and on nearly every other', () => {
		const start = china(9);
		const persists = (seed: number) => {
			const sites = sitesOf(seed, start);
			const first = sites.map((site) => site.loadAt(start + 2 * HOUR));
			return rankAt(sites.map((site) => site.loadAt(start + 2.75 * HOUR)), first.indexOf(Math.max(...first))) < sites.length / 2;
		};
		expect(persists(20220401)).toBe(true);
		const seeds = Array.from({ length: 200 }, (_, index) => 1000 + index * 31);
		// A village's call ending can reorder close sites now and then; a 30-minute swing reorders most of them.
		expect(seeds.filter(persists).length).toBeGreaterThanOrEqual(190);
	});

	it('a site busier than its desks at the first surge is still busier than them three quarters of an hour on', () => {
		const start = china(21, 45);
		for (const site of sitesOf(20220401, start)) if (site.loadAt(start + 1.5 * HOUR) > 1.2) expect(site.loadAt(start + 2.25 * HOUR)).toBeGreaterThan(1);
	});

	it('the people arriving match the rate, even at the mop-up between rounds', () => {
		const start = china(21, 45);
		const arrivalsBetween = (from: number, to: number) => {
			const site = new SiteQueueModel({ desks: 2, seed: 42, roundStart: start });
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
		const surge = arrivalsBetween(start, start + 2 * HOUR);
		expect(Math.abs(surge.arrived - surge.expected)).toBeLessThan(0.05 * surge.expected);
		const mopUp = arrivalsBetween(start + 19 * HOUR, start + 23 * HOUR);
		expect(mopUp.expected).toBeGreaterThan(20);
		expect(Math.abs(mopUp.arrived - mopUp.expected)).toBeLessThan(0.25 * mopUp.expected);
	});

	it('a site sees the same round the next day (the drift and its village’s call repeat)', () => {
		const start = china(21, 45);
		const site = sitesOf(7, start, 1)[0];
		for (const minute of [0, 7 * 60, 9 * 60 + 17, 18 * 60 + 30]) expect(site.loadAt(start + minute * 60_000 + 24 * HOUR)).toBeCloseTo(site.loadAt(start + minute * 60_000), 9);
	});
});
