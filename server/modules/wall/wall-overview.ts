/**
 * The wall's overview (src/lib/protocol/wall-overview.ts): counts and places, never persons.
 * Quarantine is counted from the cases (case-counts.ts), per measure, place and village, never
 * from the household ledger's measure; follow-ups are counted, not listed. Computed
 * at most every OVERVIEW_TTL_MS per scope, so any number of walls cost one set of queries, and at
 * once when the live KPI's overviewChanges moves (an event changed the cases, beds or zones).
 */
import { and, count, eq, gte, isNotNull, isNull, lte, or, sql, sum } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { households, labCounters, labs, quarantineSites, regions, riskZones, sampleBoxes, siteVillages, sites } from '../../db/schema/index';
import type { WallOverview } from '../../../src/lib/protocol/wall-overview';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { plannedPerHour, plannedPerHourInRound } from '../../../src/lib/domain/sampling-plan';
import { currentRoundStart } from '../coverage/round-start';
import { hoursToClear, labBacklog, labOverCapacity, testingRatePerHour } from '../../../src/lib/domain/lab-load';
import type { ZonePolygon } from '../../../src/lib/domain/risk-zones';
import { followUpCounts } from './follow-up-counts';
import { countZones } from './zone-counts';
import { caseCounts } from './case-counts';
import { sampledTodayByHour } from './sampled-today-by-hour';
import { wallHotelBeds } from './wall-hotel-beds';
import { stopsOfOpenTransfers } from '../transfers/transfer-progress';
import { nameOfRegionId } from '../ledgers/region-ids';
import { sampleDeadline } from '../../../src/lib/domain/sample-deadline';
import type { WallDayHistory } from '../../../src/lib/protocol/wall-overview';
import { WallDayHistories } from './wall-day-history';
import type { LiveStore } from '../../live/live-store';
import { AlertFirstSeen } from './alert-first-seen';
import { deriveWallAlerts } from './wall-alerts';
import { labResultsOverdue } from '../results/results-on-time';
import { loadPickupsOverdue } from '../results/pickups-overdue';
import { countyLabReadiness } from '../results/lab-readiness';
import { poolPositiveVillages } from '../playbooks/pool-positive-villages';
import { wallAlertRecords } from '../alerts/alert-views';
import { computeRoundCoverage, RoundCoverages, scopeCoverage } from '../coverage/round-coverage';

const OVERVIEW_TTL_MS = 10_000;
const MEASURES = ['home_quarantine', 'home_monitoring', 'centralised'] as const;

export class WallOverviews {
	#cache = new Map<string, { at: number; changes: number | null; overview: Promise<WallOverview> }>();
	#db: Db;
	#store: LiveStore | null;
	#firstSeen: AlertFirstSeen;

	#histories: WallDayHistories;
	/** The day's roster coverage (GET /api/coverage and the overview's roundCoverage), one cache for both. */
	readonly coverages: RoundCoverages;

	/** Without a live store (no live layers), alerts' first times come from the overview's own sources only. */
	constructor(db: Db, store: LiveStore | null = null) {
		this.#db = db;
		this.#store = store;
		this.#histories = new WallDayHistories(db);
		this.#firstSeen = new AlertFirstSeen(db);
		this.coverages = new RoundCoverages(db);
	}

	/** Today's chart history from 06:00 (wall-day-history.ts), for a wall that has just opened. */
	history(townshipId: string | null, now = Date.now()): Promise<WallDayHistory> {
		return this.#histories.get(townshipId, now);
	}

	/**
	 * The overview of the county, or of one township (a township's wall). `changes` is the live
	 * KPI's overviewChanges the wall has seen: when it differs from the one the cached overview was
	 * computed after, an event changed the counts (a zone lifted, a handover, a case placed) and the
	 * overview is computed anew, at once, rather than when its TTL runs out.
	 */
	get(townshipId: string | null, now = Date.now(), changes?: number): Promise<WallOverview> {
		const key = townshipId ?? '*';
		const cached = this.#cache.get(key);
		const sameChanges = changes === undefined || cached?.changes === changes;
		if (cached && sameChanges && now - cached.at < OVERVIEW_TTL_MS) return cached.overview;
		const overview = this.#compute(townshipId, now, changes);
		this.#cache.set(key, { at: now, changes: changes ?? cached?.changes ?? null, overview });
		// A failed computation is not cached: the next wall asks again.
		overview.catch(() => this.#cache.delete(key));
		return overview;
	}

	/**
	 * The overview with the first time of each alert its wall shows. First times are kept for the
	 * county's alerts (every township's are among them), so a township's wall reads the county's.
	 */
	async #compute(townshipId: string | null, now: number, changes?: number): Promise<WallOverview> {
		const overview = await computeOverview(this.#db, townshipId, now, this.coverages);
		const alerts = await deriveWallAlerts(this.#store, overview, townshipId, now);
		const known = townshipId ? (await this.get(null, now, changes)).alertsSince : Object.fromEntries(await this.#firstSeen.observe(alerts, now));
		const alertsSince: Record<string, number> = {};
		for (const alert of alerts) if (known[alert.id] !== undefined) alertsSince[alert.id] = known[alert.id];
		// Each alert's record (open, escalated, acknowledged by a role): re-read with the overview when an alert.* event moves overviewChanges.
		const records = await wallAlertRecords(this.#db);
		const alertRecords = Object.fromEntries(alerts.filter((alert) => records[alert.id]).map((alert) => [alert.id, records[alert.id]]));
		return { ...overview, alertsSince, alertRecords };
	}
}

export async function computeOverview(db: Db, townshipId: string | null, now: number, coverages?: RoundCoverages): Promise<Omit<WallOverview, 'alertsSince'>> {
	const day = serviceDay(now);
	const dayStart = new Date(serviceDayStart(day));
	const villagePrefix = townshipId ? `v:${nameOfRegionId(townshipId)}/` : 'v:';
	const inScope = sql`${households.villageId} like ${villagePrefix + '%'}`;
	const siteInScope = townshipId ? eq(sites.townshipId, townshipId) : sql`true`;

	const onBoard = await db
		.select({ vehicleId: sampleBoxes.courierVehicleId, boxes: count(), oldest: sql<string>`min(${sampleBoxes.sealedAt})` })
		.from(sampleBoxes)
		.where(and(isNotNull(sampleBoxes.courierVehicleId), isNull(sampleBoxes.receivedAt), gte(sampleBoxes.sealedAt, new Date(now - 8 * 3_600_000))))
		.groupBy(sampleBoxes.courierVehicleId);
	const [residents, memberCount, hourly, labRows, counterRows, villageLocations, siteCentres, quarantineRows, zoneRows] = await Promise.all([
		db.select({ n: sum(regions.population) }).from(regions).where(and(eq(regions.level, 'village'), sql`${regions.id} like ${villagePrefix + '%'}`)),
		db.select({ n: sum(households.members) }).from(households).where(inScope),
		db
			.select({ hour: sql<number>`(floor((extract(epoch from ${sampleBoxes.sealedAt}) + 28800) / 3600)::int % 24)`, people: sum(sampleBoxes.people), tubes: sum(sampleBoxes.tubes) })
			.from(sampleBoxes)
			.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
			.where(and(gte(sampleBoxes.sealedAt, dayStart), siteInScope))
			.groupBy(sql`1`),
		db.select().from(labs),
		db.select().from(labCounters).where(eq(labCounters.day, day)),
		db.select({ id: regions.id, name: regions.name, lat: regions.lat, lon: regions.lon }).from(regions).where(eq(regions.level, 'village')),
		db
			.select({ villageId: siteVillages.villageId, lat: sql<number>`avg(${sites.lat})`, lon: sql<number>`avg(${sites.lon})` })
			.from(siteVillages)
			.innerJoin(sites, eq(sites.id, siteVillages.siteId))
			.groupBy(siteVillages.villageId),
		db.select().from(quarantineSites),
		db
			.select({ id: riskZones.id, name: riskZones.name, level: riskZones.level, polygon: riskZones.polygon })
			.from(riskZones)
			.where(and(lte(riskZones.startsAt, new Date(now)), or(isNull(riskZones.endsAt), gte(riskZones.endsAt, new Date(now)))))
	]);
	// Follow-ups overdue are those due by now and not done (no false alarm for a case that owes none);
	// households and people are counted per standing zone.
	const zonesToCount = zoneRows.map((zone) => ({ id: zone.id, level: zone.level, polygon: zone.polygon as ZonePolygon }));
	const [followUps, zoneCounts, cases] = await Promise.all([followUpCounts(db, villagePrefix, now), countZones(db, villagePrefix, zonesToCount), caseCounts(db, villagePrefix, now)]);

	// With a roster (花名册) the registered are its members and the sampled today its members sampled,
	// as the wall's coverage panel counts them: one number for one thing.
	const roundCoverage = coverages ? await coverages.get(townshipId, now) : scopeCoverage(await computeRoundCoverage(db, now), townshipId);
	const rostered = roundCoverage.county.registered;
	const registeredResidents = rostered || Number(residents[0]?.n ?? 0) || Number(memberCount[0]?.n ?? 0);
	// The plan line follows the round (its start to its target, around the clock); 06:00–22:00 before any round.
	const roundStart = await currentRoundStart(db, now);
	const roundTarget = roundCoverage.targetAt !== null ? Date.parse(roundCoverage.targetAt) : roundStart !== null ? roundStart + 24 * 3_600_000 : null;
	const plan = roundStart !== null && roundTarget !== null ? plannedPerHourInRound(registeredResidents, dayStart.getTime(), roundStart, roundTarget) : plannedPerHour(registeredResidents);
	// From the tablets' counts, as the KPI: the bars add up to 今日采样 (sampled-today-by-hour.ts).
	const sampledByHour = await sampledTodayByHour(db, townshipId, dayStart, now);
	const collected = hourly.reduce((total, row) => total + Number(row.tubes ?? 0), 0);

	const counters = new Map(counterRows.map((row) => [row.labId, row]));
	const labSummaries = labRows.map((lab) => {
		const counter = counters.get(lab.id);
		const received = counter?.receivedTubes ?? 0;
		const tested = counter?.testedTubes ?? 0;
		const backlog = labBacklog(received, tested);
		const rate = testingRatePerHour({ testedTubes: tested, firstTestedAt: counter?.firstTestedAt?.getTime() ?? null, reportedAt: counter?.reportedAt?.getTime() ?? null });
		return {
			id: lab.id, name: lab.name, kind: lab.kind, lat: lab.lat, lon: lab.lon, capacityTubesPerDay: lab.capacityTubesPerDay,
			receivedToday: received, testedToday: tested, backlogTubes: backlog, hoursToClear: hoursToClear(backlog, lab.capacityTubesPerDay, rate), overCapacity: labOverCapacity(backlog, lab.capacityTubesPerDay)
		};
	});

	const located = new Map(villageLocations.map((village) => [village.id, village]));
	const centres = new Map(siteCentres.map((centre) => [centre.villageId, centre]));
	const perVillage = new Map<string, WallOverview['householdsByVillage'][number]>();
	for (const row of cases.byVillage) {
		if (!(MEASURES as readonly string[]).includes(row.measure)) continue;
		const region = located.get(row.villageId);
		const lat = region?.lat ?? centres.get(row.villageId)?.lat;
		const lon = region?.lon ?? centres.get(row.villageId)?.lon;
		// A village with no place of its own and no site cannot be drawn; it still counts in the KPIs.
		if (lat === undefined || lon === undefined || lat === null || lon === null) continue;
		const entry = perVillage.get(row.villageId) ?? { villageId: row.villageId, village: region?.name ?? nameOfRegionId(row.villageId), lat: Number(lat), lon: Number(lon), home_quarantine: 0, home_monitoring: 0, centralised: 0 };
		entry[row.measure as (typeof MEASURES)[number]] += row.n;
		perVillage.set(row.villageId, entry);
	}

	return {
		generatedAt: new Date(now).toISOString(),
		day,
		coverage: { registeredResidents, sampledToday: [...sampledByHour.values()].reduce((a, b) => a + b, 0) },
		roundCoverage,
		throughputByHour: plan.map((planned, hour) => ({ hour, sampled: sampledByHour.get(hour) ?? 0, planned })),
		tubes: { collected, received: townshipId ? await receivedFromTownship(db, townshipId, dayStart) : labSummaries.reduce((a, lab) => a + lab.receivedToday, 0), tested: labSummaries.reduce((a, lab) => a + lab.testedToday, 0) },
		labs: labSummaries,
		quarantine: { byMeasure: cases.byMeasure, byPlace: cases.byPlace, endingToday: cases.endingToday, returnees: cases.returnees, tests: cases.tests, overdueCheckIns: followUps.overdue, overdueByVillage: followUps.overdueByVillage, fevers: followUps.fevers },
		boxesOnBoard: onBoard.map((row) => ({ vehicleId: row.vehicleId!, boxes: row.boxes, minutesLeft: Math.round((sampleDeadline(new Date(row.oldest).getTime()) - now) / 60_000) })),
		householdsByVillage: [...perVillage.values()],
		quarantineSites: await wallHotelBeds(db, quarantineRows),
		riskZones: zoneRows.map((zone) => ({ ...zone, polygon: zone.polygon as WallOverview['riskZones'][number]['polygon'], households: zoneCounts.get(zone.id)?.households ?? 0, people: zoneCounts.get(zone.id)?.people ?? 0 })),
		transferStops: await stopsOfOpenTransfers(db, now),
		// Results on time (server/modules/results): labs serve the county, so every wall sees their overdue results.
		resultsOverdue: await labResultsOverdue(db, now),
		pickupsOverdue: await loadPickupsOverdue(db, now, townshipId),
		labReadiness: await countyLabReadiness(db),
		poolPositives: await poolPositiveVillages(db, townshipId)
	};
}

/**
 * A township's tubes received at a lab today: its own boxes sealed today and received, not the
 * labs' totals (a lab serves the whole county). Tubes tested stay the labs' figure: a lab reports
 * them per day, not per box.
 */
async function receivedFromTownship(db: Db, townshipId: string, dayStart: Date): Promise<number> {
	const [row] = await db
		.select({ n: sum(sampleBoxes.tubes) })
		.from(sampleBoxes)
		.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
		.where(and(gte(sampleBoxes.sealedAt, dayStart), isNotNull(sampleBoxes.receivedAt), eq(sites.townshipId, townshipId)));
	return Number(row?.n ?? 0);
}
