/**
 * The core of `npm run eval:coverage`: replays a Chengmen round with the simulator's own roster
 * arrivals (server/sim/roster-queue.ts: the same households, the same seed), in simulated time,
 * minute by minute, and at each checkpoint runs the finish forecast on what the board would see
 * then (each site's queue, its staffed desks, its tablet's reports an hour apart for the arrival
 * rate, and per village the registered and sampled) against the ground truth: when the last
 * member who comes is sampled. Pure and fast (a day in well under a second per site).
 */
import { chengmen } from '../server/sim/scenarios/chengmen';
import { rosterFromLedger } from '../server/sim/roster-desk';
import { RosterQueue } from '../server/sim/roster-queue';
import { forecastFinish, forecastTarget, FORECAST_RULES, type ForecastRules, type SiteForecastInput } from '../src/lib/domain/finish-forecast';
import { siteRates } from '../src/lib/domain/site-rates';
import { desksStaffedBy } from '../src/lib/domain/staff-transit';

const MINUTE = 60_000;

export interface CheckpointResult {
	/** "14:00", China time. */
	at: string;
	forecastFinishAt: number;
	/** Forecast − actual, minutes (positive: forecast late). */
	errorMin: number;
	lastVillage: string | null;
	bound: string | null;
}

export interface CoverageDay {
	roundStart: number;
	actualFinishAt: number;
	registered: number;
	sampled: number;
	checkpoints: CheckpointResult[];
}

/** The round from 08:00 China time of `day`, checkpoints as HH:MM of that day. */
export function replayCoverageDay({ seed = 20220401, day = '2026-11-30', checkpoints = ['10:00', '14:00', '18:00'], hours = 24, siteIds, rules = FORECAST_RULES }: { seed?: number; day?: string; checkpoints?: string[]; hours?: number; siteIds?: string[]; rules?: ForecastRules } = {}): CoverageDay {
	const ledgers = chengmen.ledgers();
	const roundStart = Date.parse(`${day}T08:00:00+08:00`);
	const samplersAt = new Map<string, number>();
	for (const member of ledgers.staff) if (member.role === 'sampler' && member.site) samplersAt.set(member.site, (samplersAt.get(member.site) ?? 0) + 1);
	const rosters = rosterFromLedger(ledgers.sites, ledgers.households).filter((roster) => roster.households.length > 0 && (!siteIds || siteIds.includes(roster.siteId)));
	const villageOf = new Map<string, string>();
	const registeredIn = new Map<string, number>();
	for (const roster of rosters) for (const household of roster.households) {
		villageOf.set(household.code, household.villageId);
		registeredIn.set(household.villageId, (registeredIn.get(household.villageId) ?? 0) + household.members.length);
	}
	const sites = rosters.map((roster) => {
		const index = ledgers.sites.findIndex((site) => site.code === roster.siteId);
		const desks = desksStaffedBy(ledgers.sites[index].desks, samplersAt.get(roster.siteId) ?? 0);
		// The simulator's seed for the site (simulator.ts): the same people come at the same times.
		return { roster, desks, queue: new RosterQueue({ roster, roundStart, seed: seed + index * 7919, desks }), sampled: 0, reports: [] as { at: number; queueLength: number; sampledToday: number }[] };
	});
	const sampledIn = new Map<string, number>();
	const wanted = new Map(checkpoints.map((hhmm) => [Date.parse(`${day}T${hhmm}:00+08:00`), hhmm]));
	const results: CheckpointResult[] = [];
	const pending: { hhmm: string; forecast: ReturnType<typeof forecastFinish> }[] = [];
	let lastSampledAt = roundStart;
	// The next round starts a day after this one: stop a minute short of it.
	for (let now = roundStart; now < roundStart + hours * 60 * MINUTE - MINUTE; now += MINUTE) {
		const hhmm = wanted.get(now);
		if (hhmm) pending.push({ hhmm, forecast: forecastFinish({ sites: sites.map((site) => boardInput(site, now, registeredIn, sampledIn, rules)), now, target: forecastTarget(roundStart) }, rules) });
		for (const site of sites) {
			const step = site.queue.step(now + MINUTE, MINUTE);
			site.sampled += step.served;
			for (const code of step.sampled) {
				const village = villageOf.get(code.split('-')[0])!;
				sampledIn.set(village, (sampledIn.get(village) ?? 0) + 1);
			}
			if (step.served > 0) lastSampledAt = now + MINUTE;
			site.reports.push({ at: now + MINUTE, queueLength: step.queueLength, sampledToday: site.sampled });
		}
	}
	for (const { hhmm, forecast } of pending) {
		results.push({ at: hhmm, forecastFinishAt: forecast.county.finishAt, errorMin: Math.round((forecast.county.finishAt - lastSampledAt) / MINUTE), lastVillage: forecast.county.last?.villageId ?? null, bound: forecast.county.last?.bound ?? null });
	}
	return { roundStart, actualFinishAt: lastSampledAt, registered: [...registeredIn.values()].reduce((a, b) => a + b, 0), sampled: [...sampledIn.values()].reduce((a, b) => a + b, 0), checkpoints: results };
}

/** What the board sees of a site at `now`: the forecast's input, built as the server builds it (server/modules/coverage/finish-forecast.ts). */
function boardInput(site: { roster: { siteId: string; households: { villageId: string }[] }; desks: number; queue: RosterQueue; reports: { at: number; queueLength: number; sampledToday: number }[] }, now: number, registeredIn: Map<string, number>, sampledIn: Map<string, number>, rules: ForecastRules): SiteForecastInput {
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
		villages: villages.map((villageId) => ({ villageId, townshipId: 't:城门街道', registered: registeredIn.get(villageId) ?? 0, remaining: (registeredIn.get(villageId) ?? 0) - (sampledIn.get(villageId) ?? 0) }))
	};
}
