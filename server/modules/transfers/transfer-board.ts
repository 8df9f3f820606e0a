/**
 * The dispatcher's transfer board: tasks open and closed today with their progress, who awaits
 * transfer (awaiting-transfer.ts: households on centralised quarantine not yet at a hotel, returnees
 * whose case waits for its transfer), hotels with the beds they can still promise, and the transfer vehicles.
 * Names are masked; a home is never sent, only its village, and a halt near it is placed there too.
 */
import { eq, gte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineSites, transferTasks, vehicles } from '../../db/schema/index';
import { bedsToPromise } from '../../../src/lib/domain/closed-loop-transfer';
import type { TransferBoard } from '../../../src/lib/protocol/transfers';
import { progressOf } from './transfer-progress';
import { coarsePointsOf, haltAsShown } from './pickup-watches';
import { feverClinics, loadDestination } from './transfer-destination';
import { openTransferProposals } from '../quarantine/transfer-proposals';
import { loadAwaitingTransfer } from './awaiting-transfer';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function loadTransferBoard(db: Db, now = Date.now()): Promise<TransferBoard> {
	const since = new Date(now - 24 * 3_600_000);
	const [taskRows, hotelRows, vehicleRows, awaiting] = await Promise.all([
		db.select().from(transferTasks).where(or(eq(transferTasks.status, 'open'), gte(transferTasks.closedAt, since))),
		db.select().from(quarantineSites),
		db.select({ id: vehicles.id, name: vehicles.name, plate: vehicles.plate }).from(vehicles).where(eq(vehicles.kind, 'transfer')),
		loadAwaitingTransfer(db)
	]);
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
		awaiting: awaiting.map(({ kind, id, villageName, origin, passengers, nameMasked }) => ({ kind, id, label: villageName, origin, passengers, nameMasked })),
		hotels: hotelRows.map((hotel) => ({ id: hotel.id, name: hotel.name, beds: hotel.beds, occupied: hotel.occupied, held: held(hotel.id), free: bedsToPromise({ beds: hotel.beds, occupied: hotel.occupied, heldForTransfers: held(hotel.id) }) })),
		vehicles: vehicleRows.map((vehicle) => ({ id: vehicle.id, name: vehicle.name, busyWith: taskRows.find((task) => task.status === 'open' && task.vehicleId === vehicle.id)?.id ?? null })),
		proposals: await openTransferProposals(db, now)
	};
}
