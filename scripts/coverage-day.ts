/**
 * The core of `npm run eval:coverage`: replays a Chengmen round with the simulator's own roster
 * arrivals (server/sim/roster-queue.ts: the same households, the same seed), in simulated time,
 * minute by minute, with the timetable the demo lays out for its round (各村时间安排表, default-timetable.ts)
 * unless `timetable: false`, and at each checkpoint runs the finish forecast on what the board would see
 * then (each site's queue, its staffed desks, its tablet's reports an hour apart for the arrival
 * rate, per village the registered and sampled, and the home visits left with the routes still
 * out) against the ground truth: when the last member who comes is sampled, at a site or at home.
 * A day that has not finished by the replay's end says so (actualFinishAt null, the share
 * sampled), rather than passing the end for a finish. Pure and fast (well under a second a site).
 */
import { chengmen } from '../server/sim/scenarios/chengmen';
import { rosterFromLedger } from '../server/sim/roster-desk';
import { RosterQueue } from '../server/sim/roster-queue';
import { rosterArrivals } from '../server/sim/roster-arrivals';
import { forecastFinish, forecastTarget, FORECAST_RULES, type ForecastRules, type SiteForecastInput } from '../src/lib/domain/finish-forecast';
import { siteRates } from '../src/lib/domain/site-rates';
import { desksStaffedBy } from '../src/lib/domain/staff-transit';
import { homeVisitPlan, type HomeVisit } from './coverage-home-visits';
import { defaultTimetable } from '../server/modules/timetable/default-timetable';
import { slotInRound } from '../src/lib/domain/round-window';

const MINUTE = 60_000;
/** The forecast's target for the finish: 30 minutes either way. */
export const ERROR_TARGET_MIN = 30;

export interface CheckpointResult {
	/** "14:00", China time. */
	at: string;
	forecastFinishAt: number;
	/** Forecast − actual, minutes (positive: forecast late); null when the day did not finish in the replay. */
	errorMin: number | null;
	lastVillage: string | null;
	bound: string | null;
}

export interface CoverageDay {
	roundStart: number;
	/** When the last member who comes was sampled (site or home); null: not finished by the replay's end. */
	actualFinishAt: number | null;
	/** The replay's end (the next round starts a day after this one). */
	replayEnd: number;
	registered: number;
	/** Of them, those who come at all (the rest, 2 % of households, are the gap list). */
	coming: number;
	sampled: number;
	/** Of the sampled, visited at home. */
	sampledAtHome: number;
	checkpoints: CheckpointResult[];
}

/** The round from 08:00 China time of `day`, checkpoints as HH:MM of that day. */
export function replayCoverageDay({ seed = 20220401, day = '2026-11-30', checkpoints = ['10:00', '14:00', '18:00'], hours = 24, siteIds, rules = FORECAST_RULES, timetable = true }: { seed?: number; day?: string; checkpoints?: string[]; hours?: number; siteIds?: string[]; rules?: ForecastRules; timetable?: boolean } = {}): CoverageDay {
	const ledgers = chengmen.ledgers();
	const roundStart = Date.parse(`${day}T08:00:00+08:00`);
	const replayEnd = roundStart + hours * 60 * MINUTE - MINUTE;
	const samplersAt = new Map<string, number>();
	for (const member of ledgers.staff) if (member.role === 'sampler' && member.site) samplersAt.set(member.site, (samplersAt.get(member.site) ?? 0) + 1);
	// Who cannot come, from the scenario's 花名册 (as the demo loads it): visited at home, never at a site.
	const cannot = new Set((ledgers.roster ?? []).filter((member) => member.cannotCome && member.cannotCome.length > 0).map((member) => `${member.household}-${member.memberNo}`));
	// The demo's timetable for a round declared at roundStart: each site's villages in turn.
	const residents = new Map<string, number>();
	for (const household of ledgers.households) residents.set(household.village, (residents.get(household.village) ?? 0) + household.members);
	const slots = timetable ? defaultTimetable({ sites: ledgers.sites, residents, samplers: samplersAt, roundStart }) : [];
	const rosters = rosterFromLedger(ledgers.sites, ledgers.households)
		.filter((roster) => roster.households.length > 0 && (!siteIds || siteIds.includes(roster.siteId)))
		.map((roster) => ({
			...roster,
			...(timetable ? { timetable: new Map(slots.filter((slot) => slot.siteId === roster.siteId).map((slot) => [slot.villageId, slot])) } : {}),
			households: roster.households.map((household) => ({ ...household, members: household.members.map((member) => ({ ...member, canCome: !cannot.has(member.code) })) }))
		}));
	const villageOf = new Map<string, string>();
	const canComeIn = new Map<string, number>();
	const cannotIn = new Map<string, number>();
	for (const roster of rosters) for (const household of roster.households) {
		villageOf.set(household.code, household.villageId);
		for (const member of household.members) (member.canCome ? canComeIn : cannotIn).set(household.villageId, ((member.canCome ? canComeIn : cannotIn).get(household.villageId) ?? 0) + 1);
	}
	let coming = 0;
	const sites = rosters.map((roster) => {
		const index = ledgers.sites.findIndex((site) => site.code === roster.siteId);
		const desks = desksStaffedBy(ledgers.sites[index].desks, samplersAt.get(roster.siteId) ?? 0);
		// The simulator's seed for the site (simulator.ts): the same people come at the same times.
		const siteSeed = seed + index * 7919;
		for (const household of rosterArrivals({ roster, roundStart, staffedDesks: desks, seed: siteSeed })) if (Number.isFinite(household.at)) coming += household.members.length;
		return { roster, desks, queue: new RosterQueue({ roster, roundStart, seed: siteSeed, desks }), sampled: 0, reports: [] as { at: number; queueLength: number; sampledToday: number }[] };
	});
	const visits = homeVisitPlan(rosters, roundStart);
	coming += visits.reduce((sum, visit) => sum + visit.members, 0);
	const sampledIn = new Map<string, number>();
	const visitedIn = new Map<string, number>();
	const wanted = new Map(checkpoints.map((hhmm) => [Date.parse(`${day}T${hhmm}:00+08:00`), hhmm]));
	const pending: { hhmm: string; forecast: ReturnType<typeof forecastFinish> }[] = [];
	let [lastSampledAt, sampled, atHome, nextVisit] = [roundStart, 0, 0, 0];
	for (let now = roundStart; now < replayEnd; now += MINUTE) {
		const hhmm = wanted.get(now);
		if (hhmm) {
			const board = sites.map((site) => boardInput(site, now, canComeIn, sampledIn, cannotIn, visitedIn, rules, roundStart));
			pending.push({ hhmm, forecast: forecastFinish({ sites: board, now, target: forecastTarget(roundStart), doorTeams: openTrips(visits, nextVisit) }, rules) });
		}
		for (const site of sites) {
			const step = site.queue.step(now + MINUTE, MINUTE);
			site.sampled += step.served;
			sampled += step.served;
			for (const code of step.sampled) {
				const village = villageOf.get(code.split('-')[0])!;
				sampledIn.set(village, (sampledIn.get(village) ?? 0) + 1);
			}
			if (step.served > 0) lastSampledAt = now + MINUTE;
			site.reports.push({ at: now + MINUTE, queueLength: step.queueLength, sampledToday: site.sampled });
		}
		for (; nextVisit < visits.length && visits[nextVisit].at <= now + MINUTE; nextVisit++) {
			const visit = visits[nextVisit];
			visitedIn.set(visit.villageId, (visitedIn.get(visit.villageId) ?? 0) + visit.members);
			[sampled, atHome, lastSampledAt] = [sampled + visit.members, atHome + visit.members, Math.max(lastSampledAt, now + MINUTE)];
		}
	}
	const actualFinishAt = sampled >= coming ? lastSampledAt : null;
	const results = pending.map(({ hhmm, forecast }) => ({ at: hhmm, forecastFinishAt: forecast.county.finishAt, errorMin: actualFinishAt === null ? null : Math.round((forecast.county.finishAt - actualFinishAt) / MINUTE), lastVillage: forecast.county.last?.villageId ?? null, bound: forecast.county.last?.bound ?? null }));
	const registered = [...canComeIn.values(), ...cannotIn.values()].reduce((a, b) => a + b, 0);
	return { roundStart, actualFinishAt, replayEnd, registered, coming, sampled, sampledAtHome: atHome, checkpoints: results };
}

/** Per township, the trips with a stop still to visit after the first `done` visits: the board's open routes. */
function openTrips(visits: readonly HomeVisit[], done: number): Record<string, number> {
	const open = new Map<string, Set<number>>();
	for (const visit of visits.slice(done)) open.set(visit.townshipId, (open.get(visit.townshipId) ?? new Set()).add(visit.trip));
	return Object.fromEntries([...open].map(([townshipId, trips]) => [townshipId, trips.size]));
}

/** What the board sees of a site at `now`: the forecast's input, built as the server builds it (server/modules/coverage/finish-forecast.ts). */
function boardInput(site: { roster: { siteId: string; households: { villageId: string }[]; timetable?: ReadonlyMap<string, { startsAt: string; endsAt: string }> }; desks: number; reports: { at: number; queueLength: number; sampledToday: number }[] }, now: number, canComeIn: Map<string, number>, sampledIn: Map<string, number>, cannotIn: Map<string, number>, visitedIn: Map<string, number>, rules: ForecastRules, roundStart: number): SiteForecastInput {
	const latest = site.reports[site.reports.length - 1];
	const earlier = site.reports.find((report) => report.at >= now - rules.rateWindowMinutes * MINUTE);
	const day = 'replay';
	const rates = siteRates({ earlier: earlier && { ...earlier, day }, latest: latest && { ...latest, day }, staffedDesks: site.desks });
	const villages = [...new Set(site.roster.households.map((household) => household.villageId))];
	return {
		siteId: site.roster.siteId,
		queueLength: latest?.queueLength ?? 0,
		staffedDesks: site.desks,
		arrivalsPerMinute: rates.arrivalsPerMinute,
		villages: villages.map((villageId) => ({
			villageId,
			townshipId: `t:${villageId.slice(2, villageId.indexOf('/'))}`,
			registered: canComeIn.get(villageId) ?? 0,
			remaining: (canComeIn.get(villageId) ?? 0) - (sampledIn.get(villageId) ?? 0),
			homeVisits: (cannotIn.get(villageId) ?? 0) - (visitedIn.get(villageId) ?? 0),
			slot: site.roster.timetable?.has(villageId) ? slotInRound(site.roster.timetable.get(villageId)!, roundStart) : null
		}))
	};
}
