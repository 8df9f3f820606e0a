/**
 * The shift leader's staffing board: every site of the township with its staff, queue, arrival
 * and service rates, expected wait, finish time and coverage, and the recommended moves as one
 * plan (src/lib/domain/staffing-plan.ts), kept stable between refreshes (shown-plans.ts).
 * Built from the database: queue readings, boxes, assignments.
 */
import { and, desc, eq, gte, inArray, isNull, lte, sql, sum } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { households, people, sampleBoxes, siteStatus, siteVillages, sites, staff, staffAssignments, staffMoves } from '../../db/schema/index';
import type { BoardSite, StaffingBoard } from '../../../src/lib/protocol/staffing';
import { arrivalDue, hasArrived } from '../../../src/lib/domain/staff-transit';
import { maskName } from '../../../src/lib/domain/masking';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import {
	arrivalRatePerMinute,
	learnedServiceRate,
	minutesToFinish,
	ppeWarning,
	staffedDesks,
	STAFFING_RULES,
	type SiteStaffing
} from '../../../src/lib/domain/staffing';
import { expectedWaitMinutes } from '../../../src/lib/domain/site-load';
import { siteRates, type QueueReport } from '../../../src/lib/domain/site-rates';
import { planMoves, type InTransit } from '../../../src/lib/domain/staffing-plan';
import { shownPlans, type ShownPlans } from './shown-plans';
import { firstSamplesOn } from './first-sample';
import { hoursOnShift } from '../../../src/lib/domain/shift-start';

/** Arrivals are measured over this window of queue readings. */
const WINDOW_MINUTES = 15;

export async function loadBoard(db: Db, { townshipId, now = Date.now(), plans = shownPlans }: { townshipId: string | null; now?: number; plans?: ShownPlans }): Promise<StaffingBoard> {
	const day = serviceDay(now);
	const dayStart = new Date(serviceDayStart(day));
	const windowStart = new Date(now - WINDOW_MINUTES * 60_000);
	const siteRows = await db.select().from(sites).where(townshipId ? eq(sites.townshipId, townshipId) : sql`true`);
	const siteIds = siteRows.map((site) => site.id);
	if (siteIds.length === 0) return { generatedAt: new Date(now).toISOString(), townshipId, sites: [], recommendations: [], recentMoves: [] };

	const [statusRows, pastQueues, servedToday, servedInWindow, assignmentRows, residentRows, moveRows, firstSamples] = await Promise.all([
		db.select().from(siteStatus).where(inArray(siteStatus.siteId, siteIds)),
		// The last reading of each site before the window began (where its queue and count stood then),
		// or, for a site reporting for less than the window, its first reading: rates show from the start.
		db.execute(sql`select distinct on (payload->>'siteId') payload->>'siteId' as site_id, (payload->>'queueLength')::int as queue_length,
				(payload->>'sampledToday')::int as sampled_today, at
			from device_events where type = 'site.queue' and at > ${new Date(now - 3 * WINDOW_MINUTES * 60_000).toISOString()}::timestamptz and at <= ${new Date(now).toISOString()}::timestamptz
			order by payload->>'siteId', (at <= ${windowStart.toISOString()}::timestamptz) desc,
				case when at <= ${windowStart.toISOString()}::timestamptz then -extract(epoch from at) else extract(epoch from at) end`),
		db.select({ siteId: sampleBoxes.siteId, people: sum(sampleBoxes.people) }).from(sampleBoxes).where(and(gte(sampleBoxes.sealedAt, dayStart), inArray(sampleBoxes.siteId, siteIds))).groupBy(sampleBoxes.siteId),
		db.select({ siteId: sampleBoxes.siteId, people: sum(sampleBoxes.people) }).from(sampleBoxes).where(and(gte(sampleBoxes.sealedAt, windowStart), inArray(sampleBoxes.siteId, siteIds))).groupBy(sampleBoxes.siteId),
		db
			.select({ staffId: staff.id, siteId: staffAssignments.siteId, startsAt: staffAssignments.startsAt, ppeLimitHours: staff.ppeLimitHours, name: people.name })
			.from(staffAssignments)
			.innerJoin(staff, eq(staff.id, staffAssignments.staffId))
			.leftJoin(people, eq(people.id, staff.personId))
			// Samplers on the way (their place starts at the ETA) are in `incoming`, not at the desks.
			.where(and(isNull(staffAssignments.endsAt), lte(staffAssignments.startsAt, new Date(now)), eq(staff.role, 'sampler'), eq(staff.active, true), inArray(staffAssignments.siteId, siteIds))),
		db
			.select({ siteId: siteVillages.siteId, residents: sum(households.members) })
			.from(siteVillages)
			.innerJoin(households, eq(households.villageId, siteVillages.villageId))
			.where(inArray(siteVillages.siteId, siteIds))
			.groupBy(siteVillages.siteId),
		db.select().from(staffMoves).where(gte(staffMoves.at, dayStart)).orderBy(desc(staffMoves.at)).limit(50),
		firstSamplesOn(db, day, siteIds)
	]);

	const queueNow = new Map(statusRows.map((row) => [row.siteId, row.queueLength]));
	const pastRows = rowsOf<{ site_id: string; queue_length: number; sampled_today: number | null; at: string | Date }>(pastQueues);
	// Readings at the window's start: the old estimate (without a tablet count) only uses one from before it.
	const queueBefore = new Map(pastRows.filter((row) => new Date(row.at).getTime() <= windowStart.getTime()).map((row) => [row.site_id, Number(row.queue_length)]));
	const reportBefore = new Map(pastRows.map((row): [string, QueueReport] => {
		const at = new Date(row.at).getTime();
		return [row.site_id, { at, queueLength: Number(row.queue_length), sampledToday: row.sampled_today === null ? null : Number(row.sampled_today), day: serviceDay(at) }];
	}));
	const reportNow = new Map(statusRows.map((row): [string, QueueReport] => [row.siteId, {
		at: row.queueAt.getTime(), queueLength: row.queueLength, sampledToday: row.sampledToday, day: serviceDay((row.sampledAt ?? row.queueAt).getTime())
	}]));
	// People sampled today: the tablet's count (each person scanned) or the sealed boxes', whichever is more.
	const boxedToday = new Map(servedToday.map((row) => [row.siteId, Number(row.people ?? 0)]));
	const tabletToday = (siteId: string) => {
		const report = reportNow.get(siteId);
		return report && report.sampledToday !== null && report.day === day ? report.sampledToday : null;
	};
	const sampledToday = new Map(siteIds.map((id) => [id, Math.max(boxedToday.get(id) ?? 0, tabletToday(id) ?? 0)]));
	const sampledInWindow = new Map(servedInWindow.map((row) => [row.siteId, Number(row.people ?? 0)]));
	const residentsOf = new Map(residentRows.map((row) => [row.siteId, Number(row.residents ?? 0)]));
	const liveMoves = moveRows.filter((move) => !move.undoneAt);
	// Samplers moved and not yet arrived: the plan counts them at the receiver from their ETA, never at either site now.
	const onTheWay = liveMoves.filter((move) => !hasArrived({ arrivesAt: arrivalDue(move.at.getTime(), move.travelMinutes), arrivedAt: move.arrivedAt?.getTime() ?? null }, now));
	const travelling = new Set(onTheWay.flatMap((move) => move.staffIds));
	const inTransit: InTransit[] = onTheWay.map((move) => ({ toSiteId: move.toSiteId, count: move.staffIds.length, etaMs: arrivalDue(move.at.getTime(), move.travelMinutes) }));

	const staffing: SiteStaffing[] = [];
	const boardSites: BoardSite[] = [];
	for (const site of siteRows) {
		const opensAt = serviceDayStart(day) + minutesOf(site.opensAt) * 60_000;
		const samplers = assignmentRows
			.filter((row) => row.siteId === site.id)
			.map((row) => {
				const lastMove = liveMoves.find((move) => move.staffIds.includes(row.staffId));
				// A shift starts at opening (or the site's first sample, if earlier: a round runs all night) or when the sampler came on.
				const hoursWorked = hoursOnShift({ opensAt, firstSampleAt: firstSamples.get(site.id) ?? null, assignedAt: row.startsAt.getTime(), movedAt: lastMove?.at.getTime() }, now);
				return {
					id: row.staffId,
					maskedName: maskName(row.name ?? null),
					hoursWorked: round2(hoursWorked),
					ppeLimitHours: row.ppeLimitHours,
					minutesSinceMoved: lastMove ? (now - lastMove.at.getTime()) / 60_000 - lastMove.travelMinutes : undefined
				};
			})
			.sort((a, b) => a.id.localeCompare(b.id));
		const queueLength = queueNow.get(site.id) ?? 0;
		const staffed = staffedDesks({ desks: site.desks, samplers });
		const capacityPerMinute = (staffed * STAFFING_RULES.peoplePerSamplerHour) / 60;
		const before = queueBefore.get(site.id);
		// A counting tablet: arrivals are queue growth plus people sampled, the pace people sampled per staffed desk (site-rates.ts).
		const measured = siteRates({ earlier: reportBefore.get(site.id), latest: reportNow.get(site.id), staffedDesks: staffed });
		const counting = tabletToday(site.id) !== null;
		// Without one: the boxes sealed in the window, or, between boxes, what the staffed desks can serve while a queue stands.
		const served = sampledInWindow.get(site.id) ?? (before !== undefined && before > 0 && queueLength > 0 ? capacityPerMinute * WINDOW_MINUTES : 0);
		const arrivals = counting
			? (measured.arrivalsPerMinute ?? 0)
			: before === undefined ? 0 : arrivalRatePerMinute({ queueAtStart: before, queueAtEnd: queueLength, servedInWindow: served, windowMinutes: WINDOW_MINUTES });
		const samplerHoursToday = samplers.reduce((total, sampler) => total + sampler.hoursWorked, 0);
		// Desks idle for want of people say nothing of their pace: the default stands until a queue shows it.
		const rate = counting
			? (measured.peoplePerDeskHour ?? STAFFING_RULES.peoplePerSamplerHour)
			: learnedServiceRate({ peopleServed: sampledToday.get(site.id) ?? 0, samplerHours: samplerHoursToday });
		const open = site.status === 'open' || site.status === 'busy';
		const entry: SiteStaffing = { id: site.id, name: site.name, townshipId: site.townshipId, location: { lat: site.lat, lon: site.lon }, open, desks: site.desks, queueLength, arrivalsPerMinute: round2(arrivals), peoplePerSamplerHour: rate, samplers };
		staffing.push({ ...entry, samplers: samplers.filter((sampler) => !travelling.has(sampler.id)) });
		// The one wait model of every screen (site-load.ts): the wall and the map show the same minutes.
		const wait = expectedWaitMinutes(queueLength, staffed);
		const residents = residentsOf.get(site.id) ?? 0;
		const sampled = sampledToday.get(site.id) ?? 0;
		const finishIn = minutesToFinish({ residentsLeft: residents - sampled, servers: staffed, perServerPerMinute: rate / 60 });
		boardSites.push({
			id: site.id, name: site.name, townshipId: site.townshipId, lat: site.lat, lon: site.lon, status: site.status, desks: site.desks, staffedDesks: staffed,
			samplers: samplers.map(({ minutesSinceMoved: _moved, ...sampler }) => ({ ...sampler, ppe: ppeWarning(sampler) })),
			queueLength, arrivalsPerMinute: round2(arrivals), peoplePerSamplerHour: rate,
			expectedWaitMin: Number.isFinite(wait) ? Math.round(wait * 10) / 10 : null,
			finishAt: Number.isFinite(finishIn) ? new Date(now + finishIn * 60_000).toISOString() : null,
			coverage: { sampled, residents },
			incoming: liveMoves
				.filter((move) => move.toSiteId === site.id && !hasArrived({ arrivesAt: arrivalDue(move.at.getTime(), move.travelMinutes), arrivedAt: move.arrivedAt?.getTime() ?? null }, now))
				.map((move) => ({ moveId: move.id, staffIds: move.staffIds, fromSiteId: move.fromSiteId, arrivesAt: new Date(move.at.getTime() + move.travelMinutes * 60_000).toISOString() }))
		});
	}

	const names = new Map(siteRows.map((site) => [site.id, site.name]));
	// Anti-churn: the plan never sends staff back along a recent move (staffing-plan.ts).
	const recentMoves = liveMoves.map((move) => ({ fromSiteId: move.fromSiteId, toSiteId: move.toSiteId, atMs: move.at.getTime() }));
	const planInput = { sites: staffing, inTransit, now, townshipId, recentMoves };
	// Pressure first: the longest expected wait at the top, a site nobody serves above all.
	boardSites.sort((a, b) => (b.expectedWaitMin ?? Infinity) - (a.expectedWaitMin ?? Infinity) || b.queueLength - a.queueLength);
	const shown = await plans.show(townshipId, planMoves(planInput), planInput, now);
	return {
		generatedAt: new Date(now).toISOString(),
		townshipId,
		sites: boardSites,
		recommendations: shown.map((move) => ({ ...move, fromName: names.get(move.fromSiteId)!, toName: names.get(move.toSiteId)! })),
		recentMoves: moveRows
			.filter((move) => siteIds.includes(move.fromSiteId) || siteIds.includes(move.toSiteId))
			.map((move) => ({ id: move.id, staffIds: move.staffIds, fromSiteId: move.fromSiteId, toSiteId: move.toSiteId, movedBy: move.movedBy, reason: move.reason, at: move.at.toISOString(), undone: move.undoneAt !== null }))
	};
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const round2 = (value: number) => Math.round(value * 100) / 100;

/** PGlite answers { rows }, postgres-js an array of rows. */
function rowsOf<T>(result: unknown): T[] {
	return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}
