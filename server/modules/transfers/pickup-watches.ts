/**
 * The transfer tasks the pickup privacy rule (src/lib/domain/pickup-privacy.ts) watches, each with
 * the village-level point pages see its vehicle at and what storage has of the vehicle's fixes since
 * the assignment. The projector reads them for now; the dispatch board and replay for a window.
 */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { households, quarantineCases, regions, returnees, siteVillages, sites, transferTasks } from '../../db/schema/index';
import { coarsePointFor, haltNearPickup, memoryOf, PICKUP_PRIVACY, screenTrack, shieldingWatch, type PickupWatch, type Remembered, type WatchFix } from '../../../src/lib/domain/pickup-privacy';
import type { LatLon } from '../../../src/lib/domain/coordinates';
import { loadTracks } from '../dispatch/vehicle-tracks';
import { caseVillages } from '../quarantine/case-villages';

/** A task closed longer ago than this shields nothing any more: its vehicle has long left the door. */
const LINGER_MS = 24 * 3_600_000;
/** Fixes stored with device times up to this far past the window still count (device clocks run ahead). */
const CLOCK_AHEAD_MS = 10 * 60_000;

type TaskRow = Pick<typeof transferTasks.$inferSelect, 'id' | 'householdId' | 'returneeId' | 'caseId' | 'pickupLat' | 'pickupLon'>;

/** Each village's centre: its own point in the region tree, else the centre of the sites serving it. */
async function villageCentres(db: Db): Promise<Map<string, LatLon>> {
	const [located, served] = await Promise.all([
		db.select({ id: regions.id, lat: regions.lat, lon: regions.lon }).from(regions).where(eq(regions.level, 'village')),
		db.select({ villageId: siteVillages.villageId, lat: sql<number>`avg(${sites.lat})`, lon: sql<number>`avg(${sites.lon})` }).from(siteVillages).innerJoin(sites, eq(sites.id, siteVillages.siteId)).groupBy(siteVillages.villageId)
	]);
	const centres = new Map<string, LatLon>(served.map((row) => [row.villageId, { lat: Number(row.lat), lon: Number(row.lon) }]));
	for (const row of located) if (row.lat !== null && row.lon !== null) centres.set(row.id, { lat: row.lat, lon: row.lon });
	return centres;
}

/** Where pages see each task's vehicle while it is shielded: the village of the household collected. */
export async function coarsePointsOf(db: Db, tasks: readonly TaskRow[]): Promise<Map<number, LatLon>> {
	if (tasks.length === 0) return new Map();
	const returneeIds = tasks.flatMap((task) => (task.returneeId ? [task.returneeId] : []));
	const returneeHomes = returneeIds.length === 0 ? [] : await db.select({ id: returnees.id, householdId: returnees.householdId }).from(returnees).where(inArray(returnees.id, returneeIds));
	const householdOf = (task: TaskRow) => task.householdId ?? returneeHomes.find((returnee) => returnee.id === task.returneeId)?.householdId ?? null;
	const householdIds = [...new Set(tasks.map(householdOf).filter((id): id is string => id !== null))];
	const [centres, villageRows] = await Promise.all([
		villageCentres(db),
		householdIds.length === 0 ? Promise.resolve([]) : db.select({ id: households.id, villageId: households.villageId }).from(households).where(inArray(households.id, householdIds))
	]);
	const villageOf = new Map(villageRows.map((row) => [row.id, row.villageId]));
	// A fever proposal's task collects a case: its village is where the case is (a hotel case's hotel village; case-villages.ts).
	const caseIds = tasks.flatMap((task) => (task.caseId ? [task.caseId] : []));
	const collected = caseIds.length === 0 ? [] : await db.select({ id: quarantineCases.id, villageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId }).from(quarantineCases).where(inArray(quarantineCases.id, caseIds));
	const caseVillage = await caseVillages(db, collected);
	return new Map(
		tasks.map((task) => {
			const village = (task.caseId && caseVillage.get(task.caseId)) || villageOf.get(householdOf(task) ?? '');
			return [task.id, coarsePointFor({ lat: task.pickupLat, lon: task.pickupLon }, (village && centres.get(village)) || null, [...centres.values()])];
		})
	);
}

/** The tasks that may shield fixes in [from, to] (of these vehicles, or all), with what storage has of their vehicles since assignment. */
export async function loadPickupWatches(db: Db, window: { from: Date; to: Date; vehicleIds?: readonly string[] }): Promise<Remembered[]> {
	const overlapping = and(lte(transferTasks.createdAt, new Date(window.to.getTime() + PICKUP_PRIVACY.leadInMs)), or(isNull(transferTasks.closedAt), gte(transferTasks.closedAt, new Date(window.from.getTime() - LINGER_MS))));
	if (window.vehicleIds?.length === 0) return [];
	const tasks = await db
		.select()
		.from(transferTasks)
		.where(window.vehicleIds ? and(overlapping, inArray(transferTasks.vehicleId, [...window.vehicleIds])) : overlapping);
	if (tasks.length === 0) return [];
	const coarse = await coarsePointsOf(db, tasks);
	const until = new Date(Math.max(window.to.getTime(), Date.now()) + CLOCK_AHEAD_MS);
	return Promise.all(
		tasks.map(async (task) => {
			const watch: PickupWatch = { taskId: task.id, vehicleId: task.vehicleId, assignedAt: task.createdAt.getTime(), closedAt: task.closedAt?.getTime() ?? null, pickup: { lat: task.pickupLat, lon: task.pickupLon }, coarse: coarse.get(task.id)! };
			const track = (await loadTracks(db, [task.vehicleId], task.createdAt, until)).get(task.vehicleId) ?? [];
			return { watch, memory: memoryOf(watch, track) };
		})
	);
}

/** The rule over loaded watches, for a page's query: which fixes of a vehicle may be shown. */
export interface PickupScreen {
	/** The watch that shields this fix (its coarse point is where to draw the vehicle), or null. */
	shielding(vehicleId: string, fix: WatchFix): PickupWatch | null;
	track<F extends WatchFix>(vehicleId: string, fixes: readonly F[]): { shown: F[]; hidden: { from: number; to: number }[] };
}

export function pickupScreen(watched: readonly Remembered[]): PickupScreen {
	const of = (vehicleId: string) => watched.filter((each) => each.watch.vehicleId === vehicleId);
	return { shielding: (vehicleId, fix) => shieldingWatch(of(vehicleId), fix), track: (vehicleId, fixes) => screenTrack(of(vehicleId), fixes) };
}

/** A halt on a transfer's way as pages get it: within 2 km of the pickup, at the village's centre. */
export function haltAsShown<H extends LatLon>(halt: H, pickup: LatLon, coarse: LatLon): H & { coarse?: boolean } {
	return haltNearPickup({ pickup }, halt) ? { ...halt, lat: coarse.lat, lon: coarse.lon, coarse: true } : halt;
}
