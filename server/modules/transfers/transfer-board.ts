/**
 * The dispatcher's transfer board: tasks open and closed today with their progress, who awaits
 * transfer (households on centralised quarantine not yet at a hotel, returnees whose measure is
 * closed-loop transfer), hotels with the beds they can still promise, and the transfer vehicles.
 * Names are masked; a home is never sent, only its village, and a halt near it is placed there too.
 */
import { and, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, households, people, quarantineSites, returnees, transferTasks, vehicles } from '../../db/schema/index';
import { bedsToPromise } from '../../../src/lib/domain/closed-loop-transfer';
import { maskName } from '../../../src/lib/domain/masking';
import type { TransferBoard } from '../../../src/lib/protocol/transfers';
import { nameOfRegionId } from '../ledgers/region-ids';
import { progressOf } from './transfer-progress';
import { coarsePointsOf, haltAsShown } from './pickup-watches';
import { feverClinics, loadDestination } from './transfer-destination';
import { openTransferProposals } from '../quarantine/transfer-proposals';
import { HOUSEHOLD_MEASURE_AWAITING, RETURNEE_MEASURES_AWAITING } from './awaiting-transfer';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function loadTransferBoard(db: Db, now = Date.now()): Promise<TransferBoard> {
	const since = new Date(now - 24 * 3_600_000);
	const [taskRows, hotelRows, vehicleRows, waitingHouseholds, waitingReturnees] = await Promise.all([
		db.select().from(transferTasks).where(or(eq(transferTasks.status, 'open'), gte(transferTasks.closedAt, since))),
		db.select().from(quarantineSites),
		db.select({ id: vehicles.id, name: vehicles.name, plate: vehicles.plate }).from(vehicles).where(eq(vehicles.kind, 'transfer')),
		db
			.select({ id: households.id, villageId: households.villageId, members: households.members, head: people.name })
			.from(households)
			.leftJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
			.leftJoin(people, eq(people.id, householdPrivate.headPersonId))
			.where(and(eq(households.measure, HOUSEHOLD_MEASURE_AWAITING), isNull(households.quarantineSiteId))),
		db.select({ id: returnees.id, originPlace: returnees.originPlace, householdId: returnees.householdId, name: people.name }).from(returnees).leftJoin(people, eq(people.id, returnees.personId)).where(inArray(returnees.measure, [...RETURNEE_MEASURES_AWAITING]))
	]);
	const taken = new Set(
		(await db.select({ householdId: transferTasks.householdId, returneeId: transferTasks.returneeId }).from(transferTasks).where(ne(transferTasks.status, 'cancelled'))).flatMap((task) => [task.householdId, task.returneeId])
	);
	const hotels = new Map(hotelRows.map((hotel) => [hotel.id, hotel]));
	const clinics = await feverClinics(db);
	const coarse = await coarsePointsOf(db, taskRows);
	const held = (hotelId: string) => taskRows.filter((task) => task.status === 'open' && task.quarantineSiteId === hotelId).reduce((sum, task) => sum + task.passengers, 0);
	const tasks = await Promise.all(
		taskRows.map(async (task) => {
			const hotel = task.quarantineSiteId ? hotels.get(task.quarantineSiteId)! : clinics.get(task.destinationSiteId!) ?? (await loadDestination(db, task));
			const open = task.status === 'open';
			const progress = open ? await progressOf(db, task, now, hotel) : null;
			const halts = open ? progress!.stopsOnTheWay.map((stop) => ({ from: iso(stop.from)!, to: iso(stop.to)!, minutes: stop.minutes, lat: stop.lat, lon: stop.lon })) : (task.stopsOnTheWay ?? []);
			const stops = halts.map((halt) => haltAsShown(halt, { lat: task.pickupLat, lon: task.pickupLon }, coarse.get(task.id)!));
			return {
				id: task.id, status: task.status, vehicleId: task.vehicleId, vehicleName: vehicleRows.find((vehicle) => vehicle.id === task.vehicleId)?.name ?? task.vehicleId, hotelId: hotel.id, hotelName: hotel.name,
				destinationKind: task.destinationSiteId ? ('fever_clinic' as const) : ('hotel' as const), caseId: task.caseId,
				householdId: task.householdId, returneeId: task.returneeId, passengers: task.passengers, pickupLabel: task.pickupLabel, createdAt: task.createdAt.toISOString(),
				phase: progress?.phase ?? (task.status === 'handed_over' ? 'arrived' : null), atPickupAt: iso(progress?.atPickupAt ?? null),
				pickedUpAt: progress ? iso(progress.pickedUpAt) : (task.pickedUpAt?.toISOString() ?? null), arrivedAt: progress ? iso(progress.arrivedAt) : (task.arrivedAt?.toISOString() ?? null),
				stopsOnTheWay: stops, closedAt: task.closedAt?.toISOString() ?? null
			};
		})
	);
	return {
		generatedAt: new Date(now).toISOString(),
		tasks: tasks.sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.id - a.id),
		awaiting: [
			...waitingHouseholds.filter((household) => !taken.has(household.id)).map((household) => ({ kind: 'household' as const, id: household.id, label: nameOfRegionId(household.villageId), passengers: household.members, nameMasked: maskName(household.head) })),
			...waitingReturnees.filter((returnee) => !taken.has(returnee.id)).map((returnee) => ({ kind: 'returnee' as const, id: returnee.id, label: returnee.originPlace, passengers: 1, nameMasked: maskName(returnee.name) }))
		],
		hotels: hotelRows.map((hotel) => ({ id: hotel.id, name: hotel.name, beds: hotel.beds, occupied: hotel.occupied, held: held(hotel.id), free: bedsToPromise({ beds: hotel.beds, occupied: hotel.occupied, heldForTransfers: held(hotel.id) }) })),
		vehicles: vehicleRows.map((vehicle) => ({ id: vehicle.id, name: vehicle.name, busyWith: taskRows.find((task) => task.status === 'open' && task.vehicleId === vehicle.id)?.id ?? null })),
		proposals: await openTransferProposals(db, now)
	};
}
