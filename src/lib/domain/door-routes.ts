/**
 * Routes for the door-to-door teams (上门采样): the households to visit, grouped per team (a
 * township's mobile team, starting from its base) and ordered into trips of at most `maxStops`
 * households, nearest next, with the same travel model as the courier pickup planner
 * (custody.ts driveMinutes / arrivalTimes: county road speed and road factor), only a longer stop
 * (suiting up, sampling every member). A household is one stop whatever its members. Positions
 * stay inside: a route says household ids and times, never where. Pure; time is a parameter.
 */
import { arrivalTimes, CUSTODY_RULES, driveMinutes, type CustodyRules } from './custody';
import type { LatLon } from './coordinates';

export const DOOR_ROUTE_RULES = {
	/** Households per trip: a team's cooler and PPE for one outing (seed 001: 上门采样 by appointment). */
	maxStops: 12,
	/** Minutes at a door: PPE check, swabbing each member, the household's registration. */
	minutesPerStop: 10
} as const;

export type DoorRouteRules = { [K in keyof typeof DOOR_ROUTE_RULES]: number };

export interface DoorStop {
	householdId: string;
	/** The team that serves it (a township). */
	teamId: string;
	location: LatLon;
}

export interface DoorRoute {
	teamId: string;
	/** 1, 2, … per team, in the order the team should go out. */
	trip: number;
	householdIds: string[];
	/** When the team reaches each household if it leaves its base at `now` (epoch ms). */
	arrivals: number[];
}

/** Nearest next household from where the team is, ties by id so the same input gives the same route. */
function nearestFirst(from: LatLon, stops: DoorStop[], rules: CustodyRules): DoorStop[] {
	const left = [...stops].sort((a, b) => a.householdId.localeCompare(b.householdId));
	const ordered: DoorStop[] = [];
	let here = from;
	while (left.length > 0) {
		let best = 0;
		for (let index = 1; index < left.length; index++) if (driveMinutes(here, left[index].location, rules) < driveMinutes(here, left[best].location, rules)) best = index;
		const [next] = left.splice(best, 1);
		ordered.push(next);
		here = next.location;
	}
	return ordered;
}

/**
 * Each team's households in trips: the nearest-next order from its base cut every maxStops, each
 * trip timed from the base (the team returns between trips; later trips start later by the time
 * of the earlier ones). A team with no base known starts at its first household.
 */
export function planDoorRoutes({ stops, bases, now, rules = DOOR_ROUTE_RULES }: { stops: readonly DoorStop[]; bases: Readonly<Record<string, LatLon>>; now: number; rules?: DoorRouteRules }): DoorRoute[] {
	const travel: CustodyRules = { ...CUSTODY_RULES, minutesPerStop: rules.minutesPerStop };
	const byTeam = new Map<string, DoorStop[]>();
	for (const stop of stops) byTeam.set(stop.teamId, [...(byTeam.get(stop.teamId) ?? []), stop]);
	const routes: DoorRoute[] = [];
	for (const teamId of [...byTeam.keys()].sort()) {
		const teamStops = byTeam.get(teamId)!;
		const base = bases[teamId] ?? teamStops[0].location;
		const ordered = nearestFirst(base, teamStops, travel);
		let leaves = now;
		for (let start = 0, trip = 1; start < ordered.length; start += rules.maxStops, trip++) {
			const chunk = ordered.slice(start, start + rules.maxStops);
			const arrivals = arrivalTimes(base, chunk.map((stop) => stop.location), leaves, travel);
			routes.push({ teamId, trip, householdIds: chunk.map((stop) => stop.householdId), arrivals });
			// Back at base after the last door: the next trip leaves then.
			leaves = arrivals[arrivals.length - 1] + (rules.minutesPerStop + driveMinutes(chunk[chunk.length - 1].location, base, travel)) * 60_000;
		}
	}
	return routes;
}
