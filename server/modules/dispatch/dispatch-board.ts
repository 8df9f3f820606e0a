/**
 * The dispatcher's board: today's boxes not yet received by a lab, each with its time left and
 * its risk against the 4-hour limit given the suggested pickups; couriers with their last fix;
 * labs with their load. The pickup plan comes from src/lib/domain/custody.ts.
 */
import { and, asc, count, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { boxHandovers, labCounters, labs, poolResults, sampleBoxes, sites, transferTasks, vehicleLatest, vehicles } from '../../db/schema/index';
import type { DispatchBoard } from '../../../src/lib/protocol/dispatch';
import { arrivalTimes, boxRisk, planPickups } from '../../../src/lib/domain/custody';
import { openRuns } from './pickup-runs';
import { hoursToClear, labBacklog, testingRatePerHour } from '../../../src/lib/domain/lab-load';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { ALERT_RULES } from '../../../src/lib/domain/alerts';
import { sampleDeadline } from '../../../src/lib/domain/sample-deadline';
import { courierState, fenceAt, trackFenceEvents, trackStops, TRACK_RULES } from '../../../src/lib/domain/vehicle-track';
import { loadPlaces, loadTracks } from './vehicle-tracks';
import { loadPickupWatches, pickupScreen } from '../transfers/pickup-watches';
import { courierSilent, RUN_SUGGESTION_RULES } from '../../../src/lib/domain/run-suggestions';
import { shownRunsFor } from './shown-runs';
import { loadPickupsOverdue } from '../results/pickups-overdue';

/**
 * Stops and arrivals are read from this much of each vehicle's recent track: enough to see a stop
 * reach 10 minutes, and short, as an open board is read again whenever the fleet's fixes move.
 */
const RECENT_TRACK_MS = 15 * 60 * 1000;

/** Boxes older than the limit by this much are history, not dispatch work. */
const LOOKBACK_MS = 8 * 60 * 60 * 1000;

export async function loadDispatchBoard(db: Db, now = Date.now()): Promise<DispatchBoard> {
	const accepted = await openRuns(db);
	const [boxRows, vehicleRows, labRows, counterRows, places, tracks, openTransfers, positiveRows, watched] = await Promise.all([
		db
			.select({ id: sampleBoxes.id, siteId: sampleBoxes.siteId, sealedAt: sampleBoxes.sealedAt, tubes: sampleBoxes.tubes, courierVehicleId: sampleBoxes.courierVehicleId, siteName: sites.name, lat: sites.lat, lon: sites.lon })
			.from(sampleBoxes)
			.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
			.where(and(isNull(sampleBoxes.receivedAt), gte(sampleBoxes.sealedAt, new Date(now - LOOKBACK_MS)))),
		db.select({ id: vehicles.id, name: vehicles.name, kind: vehicles.kind, at: vehicleLatest.at, lat: vehicleLatest.lat, lon: vehicleLatest.lon, speedKmh: vehicleLatest.speedKmh }).from(vehicles).leftJoin(vehicleLatest, eq(vehicleLatest.vehicleId, vehicles.id)),
		db.select().from(labs),
		db.select().from(labCounters).where(eq(labCounters.day, serviceDay(now))),
		loadPlaces(db),
		loadTracks(db, null, new Date(now - RECENT_TRACK_MS), new Date(now)),
		db.select({ vehicleId: transferTasks.vehicleId }).from(transferTasks).where(eq(transferTasks.status, 'open')),
		db.select({ labId: poolResults.labId, pools: count() }).from(poolResults).where(and(eq(poolResults.result, 'positive'), gte(poolResults.at, new Date(now - 24 * 3_600_000)))).groupBy(poolResults.labId),
		loadPickupWatches(db, { from: new Date(now - RECENT_TRACK_MS), to: new Date(now) })
	]);
	// A transfer vehicle near its pickup point is given at village level, with nothing from its fixes there.
	const screen = pickupScreen(watched);

	const handoverRows = boxRows.length === 0 ? [] : await db.select().from(boxHandovers).where(inArray(boxHandovers.boxId, boxRows.map((box) => box.id))).orderBy(asc(boxHandovers.at));
	const counters = new Map(counterRows.map((row) => [row.labId, row]));
	const labSummaries = labRows.map((lab) => {
		const received = counters.get(lab.id)?.receivedTubes ?? 0;
		const tested = counters.get(lab.id)?.testedTubes ?? 0;
		const backlog = labBacklog(received, tested);
		const counter = counters.get(lab.id);
		const testedPerHour = testingRatePerHour({ testedTubes: tested, firstTestedAt: counter?.firstTestedAt?.getTime() ?? null, reportedAt: counter?.reportedAt?.getTime() ?? null });
		return { id: lab.id, name: lab.name, capacityTubesPerDay: lab.capacityTubesPerDay, receivedToday: received, testedToday: tested, backlogTubes: backlog, testedPerHour, hoursToClear: hoursToClear(backlog, lab.capacityTubesPerDay, testedPerHour), spareTubes: Math.max(0, lab.capacityTubesPerDay - received), positivePools: positiveRows.find((row) => row.labId === lab.id)?.pools ?? 0 };
	});

	const waiting = new Map<string, { siteId: string; location: { lat: number; lon: number }; oldestSealedAt: number; tubes: number }>();
	for (const box of boxRows) {
		// A box on a courier is that courier's to deliver, a site on an accepted run is planned: the planner takes the rest.
		if (box.courierVehicleId || accepted.some((run) => run.siteIds.includes(box.siteId))) continue;
		const entry = waiting.get(box.siteId) ?? { siteId: box.siteId, location: { lat: box.lat, lon: box.lon }, oldestSealedAt: box.sealedAt.getTime(), tubes: 0 };
		entry.oldestSealedAt = Math.min(entry.oldestSealedAt, box.sealedAt.getTime());
		entry.tubes += box.tubes;
		waiting.set(box.siteId, entry);
	}
	// An accepted run reaches its lab when its courier, from where it is now, has driven the sites still ahead of it.
	const acceptedArrival = new Map<number, { at: number; lab: { lat: number; lon: number } }>();
	for (const run of accepted) {
		const courier = vehicleRows.find((vehicle) => vehicle.id === run.courierId);
		const lab = labRows.find((each) => each.id === run.labId);
		if (!courier || courier.lat === null || courier.lon === null || !lab) continue;
		const ahead = run.siteIds.filter((id) => !boxRows.some((box) => box.siteId === id && box.courierVehicleId === courier.id));
		const stops = ahead.map((id) => boxRows.find((box) => box.siteId === id)).filter((box) => box !== undefined);
		const arrivals = arrivalTimes({ lat: courier.lat, lon: courier.lon }, [...stops.map((box) => ({ lat: box.lat, lon: box.lon })), { lat: lab.lat, lon: lab.lon }], now);
		acceptedArrival.set(run.id, { at: arrivals[arrivals.length - 1], lab: { lat: lab.lat, lon: lab.lon } });
	}
	// A courier whose phone has not reported for 10 minutes gets no suggestion: nobody may be driving it.
	const silentCouriers = vehicleRows.filter((vehicle) => vehicle.kind === 'courier' && vehicle.at !== null && courierSilent(vehicle.at.getTime(), now));
	// Free couriers from where they are; busy ones from their run's lab once they get there, so a box
	// is called late only if no courier can bring it in time, not merely because all are out now.
	const couriers = vehicleRows.flatMap((vehicle) => {
		if (vehicle.kind !== 'courier' || vehicle.lat === null || vehicle.lon === null) return [];
		if (silentCouriers.includes(vehicle)) return [];
		const run = accepted.find((each) => each.courierId === vehicle.id);
		const after = run ? acceptedArrival.get(run.id) : undefined;
		if (run && !after) return [];
		return [{ id: vehicle.id, location: after?.lab ?? { lat: vehicle.lat, lon: vehicle.lon }, freeAt: after?.at ?? now }];
	});
	const planState = {
		sites: [...waiting.values()],
		couriers,
		labs: labRows.map((lab) => ({ id: lab.id, location: { lat: lab.lat, lon: lab.lon }, spareTubes: labSummaries.find((each) => each.id === lab.id)!.spareTubes })),
		now
	};
	// The runs shown last time stay unless a fresh plan is better by a margin: a refresh does not reshuffle them.
	const plan = await shownRunsFor(db).show(planPickups(planState), planState, now);
	const labEtaOf = new Map<string, number>();
	for (const run of plan.runs) for (const siteId of run.siteIds) labEtaOf.set(siteId, run.arrivals[run.arrivals.length - 1]);
	for (const run of accepted) {
		const arrival = acceptedArrival.get(run.id);
		if (arrival) for (const siteId of run.siteIds) labEtaOf.set(siteId, arrival.at);
	}
	/** A carried box arrives when its courier reaches the nearest lab from where it is now. */
	const carriedEta = (vehicleId: string): number | null => {
		const courier = vehicleRows.find((vehicle) => vehicle.id === vehicleId);
		if (!courier || courier.lat === null || courier.lon === null) return null;
		const etas = labRows.filter((lab) => lab.kind === 'lab').map((lab) => arrivalTimes({ lat: courier.lat!, lon: courier.lon! }, [{ lat: lab.lat, lon: lab.lon }], now)[0]);
		return etas.length === 0 ? null : Math.min(...etas);
	};
	const names = { vehicles: new Map(vehicleRows.map((vehicle) => [vehicle.id, vehicle.name])), labs: new Map(labRows.map((lab) => [lab.id, lab.name])), sites: new Map(boxRows.map((box) => [box.siteId, box.siteName])) };

	return {
		generatedAt: new Date(now).toISOString(),
		// Sites whose sealed box has waited over 2 h for a courier (001: collected every 2 h): the dispatcher's alert.
		pickupsOverdue: await loadPickupsOverdue(db, now),
		boxes: boxRows
			.map((box) => {
				const sealedAt = box.sealedAt.getTime();
				const deadline = sampleDeadline(sealedAt);
				const eta = box.courierVehicleId ? carriedEta(box.courierVehicleId) : (labEtaOf.get(box.siteId) ?? null);
				// No courier can reach it in time: as good as predicted late, and said so now, not at the limit.
				const stranded = !box.courierVehicleId && plan.unplanned.some((missing) => missing.siteId === box.siteId && missing.reason === 'no_courier_in_time');
				const handovers = handoverRows.filter((row) => row.boxId === box.id).map((row) => ({ kind: row.kind, at: row.at.toISOString(), to: row.toParty, tubesCounted: row.tubesCounted }));
				return {
					id: box.id, siteId: box.siteId, siteName: box.siteName, sealedAt: box.sealedAt.toISOString(), deadlineAt: new Date(deadline).toISOString(), minutesLeft: Math.round((deadline - now) / 60_000), tubes: box.tubes,
					labEta: eta === null ? null : new Date(eta).toISOString(), risk: stranded && deadline > now ? 'predicted_late' : boxRisk({ sealedAt, labEta: eta, now }), courierVehicleId: box.courierVehicleId, handovers, tubeMismatch: handovers.some((handover) => handover.tubesCounted !== box.tubes)
				};
			})
			.sort((a, b) => a.minutesLeft - b.minutesLeft),
		vehicles: vehicleRows.map((vehicle) => {
			const age = vehicle.at ? Math.round((now - vehicle.at.getTime()) / 1000) : null;
			const shielding = vehicle.at && vehicle.lat !== null && vehicle.lon !== null ? screen.shielding(vehicle.id, { lat: vehicle.lat, lon: vehicle.lon, at: vehicle.at.getTime() }) : null;
			const at = shielding ? shielding.coarse : vehicle.lat !== null && vehicle.lon !== null ? { lat: vehicle.lat, lon: vehicle.lon } : null;
			const track = screen.track(vehicle.id, tracks.get(vehicle.id) ?? []).shown;
			const boxesOnBoard = boxRows.filter((box) => box.courierVehicleId === vehicle.id).length;
			const run = accepted.find((each) => each.courierId === vehicle.id);
			// A run's site is behind the courier once it carries a box from there.
			const sitesLeft = run ? run.siteIds.filter((siteId) => !boxRows.some((box) => box.siteId === siteId && box.courierVehicleId === vehicle.id)).length : 0;
			const state = vehicle.kind === 'transfer' ? (openTransfers.some((task) => task.vehicleId === vehicle.id) ? 'transfer' : 'idle') : courierState({ sitesLeft, boxesOnBoard, speedKmh: age !== null && age > ALERT_RULES.silentAfterSeconds ? null : vehicle.speedKmh });
			const here = at && !shielding ? fenceAt(at, places) : null;
			const stop = trackStops(track, TRACK_RULES.stopMinutes).find((each) => each.ongoing);
			const lastEvent = trackFenceEvents(places, track).at(-1);
			return {
				id: vehicle.id, name: vehicle.name, kind: vehicle.kind, lat: at?.lat ?? null, lon: at?.lon ?? null, coarse: shielding !== null, speedKmh: shielding ? null : vehicle.speedKmh, fixAgeSeconds: age, silent: age !== null && age > ALERT_RULES.silentAfterSeconds,
				state, boxesOnBoard, placeName: here?.name ?? null,
				stopped: stop ? { since: new Date(stop.from).toISOString(), minutes: Math.round(stop.minutes), flagged: fenceAt(stop, places) === null } : null,
				lastFenceEvent: lastEvent ? { type: lastEvent.type, placeName: places.find((place) => place.id === lastEvent.fenceId)?.name ?? lastEvent.fenceId, at: new Date(lastEvent.at).toISOString() } : null
			};
		}),
		labs: labSummaries,
		acceptedRuns: accepted.map((run) => ({ id: run.id, courierId: run.courierId, siteIds: run.siteIds, labId: run.labId, acceptedBy: run.acceptedBy, acceptedAt: run.acceptedAt.toISOString() })),
		plan: {
			runs: plan.runs.map((run) => ({ ...run, afterCurrentRun: accepted.some((each) => each.courierId === run.courierId), courierName: names.vehicles.get(run.courierId) ?? run.courierId, labName: names.labs.get(run.labId) ?? run.labId, siteNames: run.siteIds.map((id) => names.sites.get(id) ?? id) })),
			unplanned: plan.unplanned,
			silentCouriers: silentCouriers.map((vehicle) => ({ id: vehicle.id, name: vehicle.name, minutesSilent: Math.floor((now - vehicle.at!.getTime()) / 60_000) })),
			silentAfterMinutes: RUN_SUGGESTION_RULES.silentAfterMinutes
		}
	};
}
