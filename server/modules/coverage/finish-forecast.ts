/**
 * The finish forecast of the round (预计完成时间, src/lib/domain/finish-forecast.ts) on a
 * RoundCoverage: each village's, township's and the county's finish, the target, and the wall's
 * sentence. From what the board sees now: each site's live queue (site_status), its staffed desks
 * (samplers assigned now, as the staffing board counts them), its arrival rate over the last two hours
 * of its tablet's reports (smoothed over rateWindowMinutes), and per village the remaining roster (the
 * coverage counts) and its timetable slot. The target: the commander's deadline when one is set
 * (kept, round-deadline.ts), else the round's start + 24 h (the demo's kept round start, else the
 * day's first sample), else the end of the service day. Home visits: the day's open door-to-door
 * routes per township are its teams at work. Counts only, as the coverage it fills.
 */
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { siteStatus, siteVillages, sites, staff, staffAssignments } from '../../db/schema/index';
import { villageTimetable } from '../../db/schema/roster';
import type { FinishView, RoundCoverage } from '../../../src/lib/protocol/coverage';
import { forecastFinish, forecastTarget, FORECAST_RULES, type Finish, type SiteForecastInput } from '../../../src/lib/domain/finish-forecast';
import { forecastText } from '../../../src/lib/domain/forecast-text';
import { siteRates } from '../../../src/lib/domain/site-rates';
import { serviceDay, serviceDayStart, nextServiceDay } from '../../../src/lib/domain/service-day';
import { desksStaffedBy } from '../../../src/lib/domain/staff-transit';
import { slotInRound } from '../../../src/lib/domain/round-window';
import { expectedCoverageBy } from '../../../src/lib/domain/coverage';
import { readKept } from '../screen-state/kept-screen-state';
import { DEMO_ROUND_START_KEY } from '../registry/demo-round-start';
import { readRoundDeadline } from './round-deadline';

const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

/** When the round started: the demo's kept start when it falls within a day, else the day's first sample; null before any. */
async function roundStartOf(db: Db, now: number): Promise<number | null> {
	const kept = await readKept(db, DEMO_ROUND_START_KEY);
	const startedAt = typeof kept === 'object' && kept !== null ? Date.parse(String((kept as { startedAt?: unknown }).startedAt)) : NaN;
	// The demo's round repeats daily from its start (server/sim/site-queue-model.ts): the current one.
	if (Number.isFinite(startedAt) && startedAt <= now) return startedAt + Math.floor((now - startedAt) / DAY_MS) * DAY_MS;
	const first = rowsOf<{ first: string | Date | null }>(await db.execute(sql`select min(sampled_at) as first from sampled_members where day = ${serviceDay(now)}`))[0]?.first;
	return first ? new Date(first).getTime() : null;
}

export async function attachForecast(db: Db, coverage: RoundCoverage, now: number): Promise<RoundCoverage> {
	if (coverage.villages.length === 0) return coverage;
	const [siteRows, statusRows, samplerRows, links, slots, earlierRows, roundStart, deadline] = await Promise.all([
		db.select({ id: sites.id, desks: sites.desks, status: sites.status }).from(sites),
		db.select().from(siteStatus),
		db
			.select({ siteId: staffAssignments.siteId, samplers: sql<number>`count(*)` })
			.from(staffAssignments)
			.innerJoin(staff, eq(staff.id, staffAssignments.staffId))
			.where(and(isNull(staffAssignments.endsAt), lte(staffAssignments.startsAt, new Date(now)), eq(staff.role, 'sampler'), eq(staff.active, true)))
			.groupBy(staffAssignments.siteId),
		db.select().from(siteVillages),
		db.select().from(villageTimetable),
		// Each site's first report of the last hour: the arrival rate is measured over it (smoothed).
		db.execute(sql`select distinct on (payload->>'siteId') payload->>'siteId' as site_id, (payload->>'queueLength')::int as queue_length, (payload->>'sampledToday')::int as sampled_today, at
			from device_events where type = 'site.queue' and at >= ${new Date(now - FORECAST_RULES.rateWindowMinutes * MINUTE).toISOString()}::timestamptz and at <= ${new Date(now).toISOString()}::timestamptz
			order by payload->>'siteId', at`),
		roundStartOf(db, now),
		readRoundDeadline(db, serviceDay(now))
	]);
	const target = deadline ?? (roundStart !== null ? forecastTarget(roundStart) : serviceDayStart(nextServiceDay(serviceDay(now))));
	const day = serviceDay(now);
	const samplersAt = new Map(samplerRows.map((row) => [row.siteId, Number(row.samplers)]));
	const statusOf = new Map(statusRows.map((row) => [row.siteId, row]));
	const earlierOf = new Map(rowsOf<{ site_id: string; queue_length: number; sampled_today: number | null; at: string | Date }>(earlierRows).map((row) => [row.site_id, row]));
	const villageOf = new Map(coverage.villages.map((village) => [village.villageId, village]));
	const sampledInRound = await roundSampled(db, roundStart, now);
	const taken = new Set<string>();
	const inputs: SiteForecastInput[] = [];
	// Each site's slots and village links looked up, not filtered out of all of them per site (a metro's 12,000 sites made that seconds a run).
	const bySite = <T extends { siteId: string }>(rows: T[]) => {
		const grouped = new Map<string, T[]>();
		for (const row of rows) {
			const list = grouped.get(row.siteId);
			if (list) list.push(row);
			else grouped.set(row.siteId, [row]);
		}
		return grouped;
	};
	const slotsOf = bySite(slots);
	const linksOf = bySite(links);
	for (const site of siteRows) {
		// Its villages in the timetable's order, then the rest; a village is forecast at its first site only.
		const own = [...(slotsOf.get(site.id) ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
		const villageIds = [...new Set([...own.map((slot) => slot.villageId), ...(linksOf.get(site.id) ?? []).map((link) => link.villageId)])].filter((id) => villageOf.has(id) && !taken.has(id));
		if (villageIds.length === 0) continue;
		villageIds.forEach((id) => taken.add(id));
		const status = statusOf.get(site.id);
		const earlier = earlierOf.get(site.id);
		const staffed = site.status === 'closed' || site.status === 'paused' ? 0 : desksStaffedBy(site.desks, samplersAt.get(site.id) ?? 0);
		const rates = siteRates({
			earlier: earlier && { at: new Date(earlier.at).getTime(), queueLength: Number(earlier.queue_length), sampledToday: earlier.sampled_today === null ? null : Number(earlier.sampled_today), day: serviceDay(new Date(earlier.at).getTime()) },
			latest: status && { at: status.queueAt.getTime(), queueLength: status.queueLength, sampledToday: status.sampledToday, day: serviceDay((status.sampledAt ?? status.queueAt).getTime()) },
			staffedDesks: staffed
		});
		inputs.push({
			siteId: site.id,
			queueLength: status?.queueLength ?? 0,
			staffedDesks: staffed,
			peoplePerDeskHour: rates.peoplePerDeskHour,
			arrivalsPerMinute: rates.arrivalsPerMinute,
			villages: villageIds.map((villageId) => {
				const village = villageOf.get(villageId)!;
				const slot = own.find((each) => each.villageId === villageId);
				// A round begun before today's midnight counts what it sampled since its start, not today.
				const round = sampledInRound?.get(villageId) ?? (sampledInRound ? { site: 0, home: 0, cannot: village.doorToDoor } : null);
				return {
					villageId, townshipId: village.townshipId, registered: village.registered - (round ? round.cannot : village.doorToDoor),
					remaining: round ? Math.max(0, village.registered - round.cannot - round.site) : village.notYetSampled - village.doorToDoor,
					homeVisits: round ? Math.max(0, round.cannot - round.home) : village.doorToDoor,
					slot: slot ? slotInRound(slot, serviceDayStart(day)) : null
				};
			})
		});
	}
	const forecast = forecastFinish({ sites: inputs, now, target, doorTeams: await doorTeamsOf(db, day) });
	const villageFinish = new Map(forecast.villages.map((village) => [village.villageId, view({ ...village, last: village })]));
	const townshipFinish = new Map(forecast.townships.map((township) => [township.townshipId, view(township)]));
	return {
		...coverage,
		targetAt: new Date(target).toISOString(),
		forecastText: forecastText(forecast.county, target, now),
		county: { ...coverage.county, finish: view(forecast.county) },
		// The share expected by now runs from the same round start to the same target the forecast is judged against.
		townships: coverage.townships.map((township) => ({ ...township, target: roundStart !== null ? expectedCoverageBy(now, roundStart, target) : township.target, finish: townshipFinish.get(township.townshipId) ?? null })),
		villages: coverage.villages.map((village) => ({ ...village, finish: villageFinish.get(village.villageId) ?? null }))
	};
}

/**
 * A round that began before today's China midnight (the demo's round, declared at any hour) has
 * sampled people yesterday evening who are not sampled again today: the day's counts would have
 * them still to come. Then each village's sampled since the round's start (a member once), those
 * who can come and those who cannot; null when the round began today (the day's counts are it).
 */
async function roundSampled(db: Db, roundStart: number | null, now: number): Promise<Map<string, { site: number; home: number; cannot: number }> | null> {
	if (roundStart === null || roundStart >= serviceDayStart(serviceDay(now))) return null;
	const rows = rowsOf<{ village_id: string; site: number | string; home: number | string; cannot: number | string }>(
		await db.execute(sql`select r.village_id, count(*) filter (where s.member_code is not null and cardinality(r.cannot_come) = 0) as site,
				count(*) filter (where s.member_code is not null and cardinality(r.cannot_come) > 0) as home, count(*) filter (where cardinality(r.cannot_come) > 0) as cannot
			from roster_members r left join (select distinct member_code from sampled_members where sampled_at >= ${new Date(roundStart).toISOString()}::timestamptz) s on s.member_code = r.code
			group by r.village_id`)
	);
	return new Map(rows.map((row) => [row.village_id, { site: Number(row.site), home: Number(row.home), cannot: Number(row.cannot) }]));
}

/** Per township, its door-to-door routes still open today: each route one team out (home-visit-forecast.ts). */
async function doorTeamsOf(db: Db, day: string): Promise<Record<string, number>> {
	const rows = rowsOf<{ township_id: string; routes: number | string }>(
		await db.execute(sql`select r.township_id, count(distinct d.route) as routes from door_visits d join roster_members r on r.code = d.member_code
			where d.day = ${day} and d.status = 'open' and d.route is not null group by r.township_id`)
	);
	return Object.fromEntries(rows.map((row) => [row.township_id, Number(row.routes)]));
}

function view(finish: Pick<Finish, 'finishAt' | 'marginMinutes' | 'misses' | 'last'>): FinishView {
	const finite = Number.isFinite(finish.finishAt);
	return { finishAt: finite ? new Date(finish.finishAt).toISOString() : null, marginMinutes: finite ? Math.round(finish.marginMinutes) : null, misses: finish.misses, bound: finish.last?.bound ?? 'done' };
}
