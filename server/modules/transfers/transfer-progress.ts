/** A transfer task's progress from its vehicle's fixes since the task began (see closed-loop-transfer.ts). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { transferTasks, vehicles } from '../../db/schema/index';
import { loadDestination } from './transfer-destination';
import { TRANSFER_FENCES, transferProgress, type TransferProgress } from '../../../src/lib/domain/closed-loop-transfer';
import { loadTracks } from '../dispatch/vehicle-tracks';
import { coarsePointsOf, haltAsShown } from './pickup-watches';

type Task = typeof transferTasks.$inferSelect;
type Hotel = { id: string; lat: number; lon: number };

export function fencesOf(task: Task, hotel: Hotel) {
	return {
		pickup: { id: `pickup:${task.id}`, center: { lat: task.pickupLat, lon: task.pickupLon }, radiusM: TRANSFER_FENCES.pickupRadiusM },
		hotel: { id: hotel.id, center: { lat: hotel.lat, lon: hotel.lon }, radiusM: TRANSFER_FENCES.hotelRadiusM }
	};
}

/** `hotel`: the destination (a hotel or a fever clinic), read from the task when not given. */
export async function progressOf(db: Db, task: Task, now: number, hotel?: Hotel): Promise<TransferProgress> {
	const place = hotel ?? (await loadDestination(db, task));
	const tracks = await loadTracks(db, [task.vehicleId], task.createdAt, new Date(Math.max(now, task.createdAt.getTime())));
	return transferProgress(fencesOf(task, place), tracks.get(task.vehicleId) ?? []);
}

/** Every open transfer's halts on the way so far, for the wall's alerts: vehicle, when, where (near the pickup: its village), how long. */
export async function stopsOfOpenTransfers(db: Db, now: number) {
	const rows = await db.select({ task: transferTasks, vehicleName: vehicles.name }).from(transferTasks).innerJoin(vehicles, eq(vehicles.id, transferTasks.vehicleId)).where(eq(transferTasks.status, 'open'));
	const open = await Promise.all(rows.map(async (row) => ({ ...row, hotel: await loadDestination(db, row.task) })));
	const coarse = await coarsePointsOf(db, open.map(({ task }) => task));
	const perTask = await Promise.all(
		open.map(async ({ task, hotel, vehicleName }) =>
			(await progressOf(db, task, now, hotel)).stopsOnTheWay.map((stop) =>
				haltAsShown({ taskId: task.id, vehicleName, at: new Date(stop.from).toISOString(), minutes: Math.round(stop.minutes), lat: stop.lat, lon: stop.lon }, { lat: task.pickupLat, lon: task.pickupLon }, coarse.get(task.id)!)
			)
		)
	);
	return perTask.flat();
}
