/**
 * The replay's ground truth for home visits (上门采样), done as the demo does them
 * (server/sim/door-visit-decisions.ts on routes from door-routes.ts): a township's households with
 * members who cannot come, cut into trips of DOOR_ROUTE_RULES.maxStops, every trip out at once
 * from the round's start, the k-th stop of a trip sampled k × 20 min (+ 0–10 min) after it. The
 * stops are taken in roster order, not nearest-next: the order within a trip does not move its end.
 */
import { DOOR_ROUTE_RULES } from '../src/lib/domain/door-routes';
import { DOOR_SIM_RULES, drawOf } from '../server/sim/door-visit-decisions';
import type { SiteRoster } from '../server/sim/roster-arrivals';

const MINUTE = 60_000;

export interface HomeVisit {
	townshipId: string;
	villageId: string;
	trip: number;
	/** Members sampled at this stop. */
	members: number;
	at: number;
}

/** Every stop of the day, in time order. */
export function homeVisitPlan(rosters: readonly SiteRoster[], roundStart: number): HomeVisit[] {
	const byTownship = new Map<string, { code: string; villageId: string; members: number }[]>();
	for (const roster of rosters) for (const household of roster.households) {
		const members = household.members.filter((member) => !member.canCome).length;
		if (members === 0) continue;
		const townshipId = `t:${household.villageId.slice(2, household.villageId.indexOf('/'))}`;
		byTownship.set(townshipId, [...(byTownship.get(townshipId) ?? []), { code: household.code, villageId: household.villageId, members }]);
	}
	const visits: HomeVisit[] = [];
	for (const [townshipId, stops] of byTownship) {
		stops.forEach((stop, index) => {
			const [trip, order] = [Math.floor(index / DOOR_ROUTE_RULES.maxStops), (index % DOOR_ROUTE_RULES.maxStops) + 1];
			const at = roundStart + (order * DOOR_SIM_RULES.minutesPerStop + 10 * drawOf(stop.code)) * MINUTE;
			visits.push({ townshipId, villageId: stop.villageId, trip, members: stop.members, at });
		});
	}
	return visits.sort((a, b) => a.at - b.at);
}
