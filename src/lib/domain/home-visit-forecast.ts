/**
 * When each village's home visits (上门采样: those who cannot come, door_visits) will be done.
 * They are done by the township's door-to-door teams while its sites sample the crowd, not by a
 * site's desks after its last person: the routes (door-routes.ts) are handed to mobile teams and
 * village officers (the demo's phones work every route of the day side by side), so a village
 * finishes at the later of its site finish and its home-visit finish (finish-forecast.ts).
 *
 * Per township: its teams are its open routes today (each route one team's trip) when the routes
 * are out, else one team per `homeVisitsPerTeam` people to visit (a trip's load, door-routes.ts
 * maxStops: an assumption until the visits are generated). A team takes `minutesPerHomeVisit` a
 * person (suiting up, the drive between doors, swabbing; a planning default, the demo takes 20 min
 * a household of one or two). The township's visits are shared by its teams, villages in order.
 * Pure; time is a parameter.
 */
const MINUTE = 60_000;

export const HOME_VISIT_RULES = {
	minutesPerHomeVisit: 15,
	homeVisitsPerTeam: 12
} as const;

export type HomeVisitRules = { [K in keyof typeof HOME_VISIT_RULES]: number };

export interface VillageHomeVisits {
	villageId: string;
	townshipId: string;
	/** Members still to visit today (cannot come, not yet sampled). */
	visits: number;
}

/** Each village with visits left: when its last is done (epoch ms). Villages with none are absent. */
export function homeVisitFinishes(villages: readonly VillageHomeVisits[], now: number, teamsByTownship: Readonly<Record<string, number>> = {}, rules: HomeVisitRules = HOME_VISIT_RULES): Map<string, number> {
	const byTownship = new Map<string, VillageHomeVisits[]>();
	for (const village of villages) if (village.visits > 0) byTownship.set(village.townshipId, [...(byTownship.get(village.townshipId) ?? []), village]);
	const finishes = new Map<string, number>();
	for (const [townshipId, own] of byTownship) {
		const total = own.reduce((sum, village) => sum + village.visits, 0);
		const routes = teamsByTownship[townshipId] ?? 0;
		const teams = routes > 0 ? routes : Math.ceil(total / Math.max(1, rules.homeVisitsPerTeam));
		let done = now;
		for (const village of own) {
			done += ((village.visits * rules.minutesPerHomeVisit) / teams) * MINUTE;
			finishes.set(village.villageId, done);
		}
	}
	return finishes;
}
