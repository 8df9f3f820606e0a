import { describe, expect, it } from 'vitest';
import { planDoorRoutes, type DoorStop } from '../../src/lib/domain/door-routes';

const now = Date.parse('2026-11-30T01:00:00Z');
const base = { lat: 29.64, lon: 115.85 };
// Households due east of the base, 1 km apart (about 0.0103° of longitude at this latitude).
const east = (householdId: string, km: number, teamId = 't1'): DoorStop => ({ householdId, teamId, location: { lat: 29.64, lon: 115.85 + km * 0.0103 } });

describe('planDoorRoutes', () => {
	it('visits the nearest household first and then the next nearest, whatever order they were listed in', () => {
		const routes = planDoorRoutes({ stops: [east('H3', 3), east('H1', 1), east('H2', 2)], bases: { t1: base }, now });
		expect(routes).toHaveLength(1);
		expect(routes[0].householdIds).toEqual(['H1', 'H2', 'H3']);
		// Times only move forward, and the first door is reached after the drive from the base.
		expect(routes[0].arrivals[0]).toBeGreaterThan(now);
		expect(routes[0].arrivals[1]).toBeGreaterThan(routes[0].arrivals[0]);
	});

	it('cuts a long list into trips of at most maxStops, the later trip leaving after the first returns', () => {
		const stops = Array.from({ length: 5 }, (_, index) => east(`H${index + 1}`, index + 1));
		const routes = planDoorRoutes({ stops, bases: { t1: base }, now, rules: { maxStops: 2, minutesPerStop: 10 } });
		expect(routes.map((route) => route.householdIds)).toEqual([['H1', 'H2'], ['H3', 'H4'], ['H5']]);
		expect(routes.map((route) => route.trip)).toEqual([1, 2, 3]);
		expect(routes[1].arrivals[0]).toBeGreaterThan(routes[0].arrivals[1]);
	});

	it('keeps each team to its own households', () => {
		const routes = planDoorRoutes({ stops: [east('A1', 1, 'ta'), east('B1', 1, 'tb'), east('A2', 2, 'ta')], bases: { ta: base, tb: base }, now });
		expect(routes.map((route) => [route.teamId, route.householdIds])).toEqual([['ta', ['A1', 'A2']], ['tb', ['B1']]]);
	});

	it('starts a team with no known base at its first household', () => {
		const routes = planDoorRoutes({ stops: [east('H1', 1)], bases: {}, now });
		expect(routes[0].arrivals[0]).toBe(now);
	});
});
