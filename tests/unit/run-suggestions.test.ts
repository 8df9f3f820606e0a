/** Suggested pickup runs hold still across refreshes unless a new plan is clearly better; silent couriers get none. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planPickups, type CourierState, type LabState, type WaitingBoxes } from '../../src/lib/domain/custody';
import { chooseSuggestions, courierSilent, planCost, replanShown, shownRunsOf, type PlanState } from '../../src/lib/domain/run-suggestions';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
/** Points on a north–south line, km from a base. */
const north = (km: number) => ({ lat: 29.6 + km / 111.195, lon: 115.8 });
const site = (id: string, km: number, sealedMinutesAgo: number, tubes = 20): WaitingBoxes => ({ siteId: id, location: north(km), oldestSealedAt: NOW - sealedMinutesAgo * MIN, tubes });
const courier = (id: string, km: number): CourierState => ({ id, location: north(km), freeAt: NOW });
const lab: LabState = { id: 'lab', location: north(0), spareTubes: 5000 };

const fresh = (state: PlanState) => planPickups(state);
const show = (state: PlanState, previous: ReturnType<typeof shownRunsOf> | null) => chooseSuggestions(previous, fresh(state), state);

describe('chooseSuggestions', () => {
	it('keeps the shown courier when another drifts a little closer (a fresh plan alone would swap them)', () => {
		const first: PlanState = { sites: [site('a', 10, 60)], couriers: [courier('c1', 10.2), courier('c2', 10.4)], labs: [lab], now: NOW };
		const shown = show(first, null);
		expect(shown.runs.map((run) => run.courierId)).toEqual(['c1']);
		// 5 s later c2 is 100 m nearer the site than c1: the greedy plan hands the site to c2.
		const later: PlanState = { ...first, couriers: [courier('c1', 10.2), courier('c2', 10.1)], now: NOW + 5000 };
		expect(fresh(later).runs.map((run) => run.courierId)).toEqual(['c2']);
		const again = show(later, shownRunsOf(shown));
		expect(again.runs.map((run) => [run.courierId, run.siteIds])).toEqual([['c1', ['a']]]);
		// Re-timed from where c1 is now, not the old arrival.
		expect(again.runs[0].arrivals.at(-1)).toBeGreaterThan(NOW + 5000);
	});

	it('switches when the new plan is better by the margin: a courier far nearer, or a box that would be late', () => {
		const first: PlanState = { sites: [site('a', 10, 60)], couriers: [courier('c1', 30), courier('c2', 50)], labs: [lab], now: NOW };
		const shown = shownRunsOf(show(first, null));
		expect(shown[0].courierId).toBe('c1');
		const nearer: PlanState = { ...first, couriers: [courier('c1', 30), courier('c2', 10)] };
		expect(show(nearer, shown).runs[0].courierId).toBe('c2');
	});

	it('drops a served site, plans a new one with the couriers left, and forgets no waiting site', () => {
		const first: PlanState = { sites: [site('a', 10, 60), site('b', 12, 50)], couriers: [courier('c1', 9), courier('c2', 40)], labs: [lab], now: NOW };
		const shown = shownRunsOf(show(first, null));
		const later: PlanState = { ...first, sites: [site('b', 12, 50), site('c', 38, 5)] };
		const kept = replanShown(shown, later);
		const planned = kept.runs.flatMap((run) => run.siteIds);
		expect(planned.sort()).toEqual(['b', 'c']);
		expect(kept.runs.some((run) => run.siteIds.includes('a'))).toBe(false);
	});

	it('drops a shown run whose courier is no longer offered (silent or gone) and plans its sites anew', () => {
		const first: PlanState = { sites: [site('a', 10, 60)], couriers: [courier('c1', 10), courier('c2', 20)], labs: [lab], now: NOW };
		const shown = shownRunsOf(show(first, null));
		expect(shown[0].courierId).toBe('c1');
		const without: PlanState = { ...first, couriers: [courier('c2', 20)] };
		expect(show(without, shown).runs.map((run) => run.courierId)).toEqual(['c2']);
	});

	it('weighs an unplanned or late site as hours of driving', () => {
		const onTime = planPickups({ sites: [site('a', 10, 60)], couriers: [courier('c1', 10)], labs: [lab], now: NOW });
		const none = planPickups({ sites: [site('a', 10, 60)], couriers: [], labs: [lab], now: NOW });
		expect(planCost(onTime, NOW)).toBeLessThan(60);
		expect(planCost(none, NOW)).toBeGreaterThanOrEqual(240);
	});

	it('over random states, shows each waiting site at most once and each courier at most once, never a site that is not waiting', () => {
		const stateOf = fc.record({
			sites: fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), km: fc.double({ min: 0, max: 60, noNaN: true }), age: fc.integer({ min: 0, max: 230 }), tubes: fc.integer({ min: 1, max: 200 }) }), { selector: (each) => each.id, maxLength: 6 }),
			couriers: fc.uniqueArray(fc.record({ id: fc.constantFrom('c1', 'c2', 'c3'), km: fc.double({ min: 0, max: 60, noNaN: true }) }), { selector: (each) => each.id, maxLength: 3 }),
			spare: fc.integer({ min: 0, max: 800 })
		});
		fc.assert(
			fc.property(stateOf, stateOf, (before, after) => {
				const state = (s: typeof before, now: number): PlanState => ({ sites: s.sites.map((each) => site(each.id, each.km, each.age, each.tubes)), couriers: s.couriers.map((each) => courier(each.id, each.km)), labs: [{ ...lab, spareTubes: s.spare }], now });
				const first = state(before, NOW);
				const second = state(after, NOW + 5000);
				const plan = show(second, shownRunsOf(show(first, null)));
				const sites = plan.runs.flatMap((run) => run.siteIds);
				expect(new Set(sites).size).toBe(sites.length);
				expect(new Set(plan.runs.map((run) => run.courierId)).size).toBe(plan.runs.length);
				const waiting = new Set(second.sites.map((each) => each.siteId));
				expect(sites.every((id) => waiting.has(id))).toBe(true);
				expect(plan.runs.every((run) => second.couriers.some((each) => each.id === run.courierId))).toBe(true);
				// Every waiting site is on a run or said to be unplanned.
				for (const id of waiting) expect(sites.includes(id) || plan.unplanned.some((each) => each.siteId === id)).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('courierSilent', () => {
	it('is silent after 10 minutes without a fix, or never heard from', () => {
		expect(courierSilent(NOW - 9 * MIN, NOW)).toBe(false);
		expect(courierSilent(NOW - 11 * MIN, NOW)).toBe(true);
		expect(courierSilent(null, NOW)).toBe(true);
	});
});
