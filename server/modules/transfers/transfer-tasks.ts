/**
 * Creating, cancelling and closing closed-loop transfer tasks. A task holds beds at its hotel from
 * creation; handover (only once the track shows the vehicle arrived) puts the household or
 * returnee on the quarantine register at that hotel and fills the beds, in one transaction.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { householdMembers, householdPrivate, households, quarantineSites, returnees, transferTasks, vehicles } from '../../db/schema/index';
import { HttpError } from '../../http/http-utils';
import { recordAudit } from '../identity/record-audit';
import { nameOfRegionId } from '../ledgers/region-ids';
import { bedsToPromise } from '../../../src/lib/domain/closed-loop-transfer';
import { plannedEndDate } from '../../../src/lib/domain/quarantine';
import { progressOf } from './transfer-progress';
import { householdAwaitsTransfer, returneeAwaitsTransfer } from './awaiting-transfer';

const code = (field: string) => z.string({ error: `${field} must be a code` }).min(1, `${field} must not be empty`).max(64);
export const transferRequest = z
	.strictObject({
		vehicleId: code('vehicleId'),
		quarantineSiteId: code('quarantineSiteId'),
		householdId: code('householdId').optional(),
		returneeId: code('returneeId').optional(),
		/** Where to collect a returnee who is not at home (a station, an exit): a label and WGS-84 point. */
		pickup: z.strictObject({ label: z.string().min(1).max(60), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional()
	})
	.refine((body) => (body.householdId === undefined) !== (body.returneeId === undefined), { message: 'name exactly one of householdId and returneeId' });

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Beds held at a hotel by tasks still on their way. */
async function heldBeds(tx: Tx | Db, quarantineSiteId: string): Promise<number> {
	const [row] = await tx.select({ held: sql<number>`coalesce(sum(${transferTasks.passengers}), 0)::int` }).from(transferTasks).where(and(eq(transferTasks.quarantineSiteId, quarantineSiteId), eq(transferTasks.status, 'open')));
	return row.held;
}

/** Who is collected where: a household's members at home, or one returnee at home or at a given point. */
async function passengersOf(tx: Tx, request: z.infer<typeof transferRequest>) {
	if (request.householdId) {
		const [household] = await tx.select().from(households).where(eq(households.id, request.householdId));
		if (!household) throw new HttpError(404, `householdId: no household "${request.householdId}"`);
		if (household.quarantineSiteId) throw new HttpError(409, `household ${household.id} is already at quarantine site ${household.quarantineSiteId}`);
		if (!householdAwaitsTransfer(household)) throw new HttpError(409, `household ${household.id} is not awaiting transfer (measure ${household.measure}); only households on centralised quarantine without a hotel can be transferred`);
		const [home] = await tx.select().from(householdPrivate).where(eq(householdPrivate.householdId, household.id));
		const point = request.pickup ?? (home?.lat != null && home?.lon != null ? { label: nameOfRegionId(household.villageId), lat: home.lat, lon: home.lon } : null);
		if (!point) throw new HttpError(422, `household ${household.id} has no home location on the register; give a pickup point`);
		const members = await tx.select({ personId: householdMembers.personId }).from(householdMembers).where(eq(householdMembers.householdId, household.id));
		return { householdId: household.id, returneeId: null, personIds: members.map((member) => member.personId), passengers: household.members, point };
	}
	const [returnee] = await tx.select().from(returnees).where(eq(returnees.id, request.returneeId!));
	if (!returnee) throw new HttpError(404, `returneeId: no returnee "${request.returneeId}"`);
	if (!returneeAwaitsTransfer(returnee)) throw new HttpError(409, `returnee ${returnee.id} is not awaiting transfer (measure ${returnee.measure}); only returnees assigned closed-loop transfer can be transferred`);
	const [home] = returnee.householdId ? await tx.select().from(householdPrivate).where(eq(householdPrivate.householdId, returnee.householdId)) : [];
	const point = request.pickup ?? (home?.lat != null && home?.lon != null ? { label: returnee.originPlace, lat: home.lat, lon: home.lon } : null);
	if (!point) throw new HttpError(422, `returnee ${returnee.id} has no home on the register; give a pickup point`);
	return { householdId: null, returneeId: returnee.id, personIds: [returnee.personId], passengers: 1, point };
}

export async function createTransfer(db: Db, request: z.infer<typeof transferRequest>, actor: string, now = Date.now()): Promise<{ taskId: number }> {
	return db.transaction(async (tx) => {
		const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, request.vehicleId));
		if (!vehicle || vehicle.kind !== 'transfer') throw new HttpError(404, `vehicleId: no transfer vehicle "${request.vehicleId}"`);
		// Locks the hotel row: two dispatchers cannot promise its last beds twice.
		const [hotel] = await tx.select().from(quarantineSites).where(eq(quarantineSites.id, request.quarantineSiteId)).for('update');
		if (!hotel) throw new HttpError(404, `quarantineSiteId: no quarantine site "${request.quarantineSiteId}"`);
		const [busy] = await tx.select({ id: transferTasks.id }).from(transferTasks).where(and(eq(transferTasks.vehicleId, vehicle.id), eq(transferTasks.status, 'open')));
		if (busy) throw new HttpError(409, `${vehicle.name} is on transfer ${busy.id}; close or cancel it first`);
		const who = await passengersOf(tx, request);
		const subject = who.householdId ? eq(transferTasks.householdId, who.householdId) : eq(transferTasks.returneeId, who.returneeId!);
		// Any task not cancelled takes them off the awaiting list (the board's rule): one on its way, or one that already handed them over.
		const [already] = await tx.select({ id: transferTasks.id, status: transferTasks.status }).from(transferTasks).where(and(subject, ne(transferTasks.status, 'cancelled')));
		if (already?.status === 'open') throw new HttpError(409, `transfer ${already.id} is already taking them`);
		if (already) throw new HttpError(409, `transfer ${already.id} already handed them over; they are not awaiting transfer`);
		const free = bedsToPromise({ beds: hotel.beds, occupied: hotel.occupied, heldForTransfers: await heldBeds(tx, hotel.id) });
		if (free < who.passengers) throw new HttpError(409, `${hotel.name} has ${free} beds free for ${who.passengers} passengers; choose another hotel`);
		const [task] = await tx
			.insert(transferTasks)
			.values({ vehicleId: vehicle.id, quarantineSiteId: hotel.id, householdId: who.householdId, returneeId: who.returneeId, personIds: who.personIds, passengers: who.passengers, pickupLabel: who.point.label, pickupLat: who.point.lat, pickupLon: who.point.lon, createdBy: actor, createdAt: new Date(now) })
			.returning({ id: transferTasks.id });
		await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'transfer.create', subject: `transfer:${task.id}`, details: { vehicleId: vehicle.id, quarantineSiteId: hotel.id, householdId: who.householdId, returneeId: who.returneeId, passengers: who.passengers } } });
		return { taskId: task.id };
	});
}

export async function cancelTransfer(db: Db, taskId: number, actor: string, reason: string): Promise<void> {
	const cancelled = await db.update(transferTasks).set({ status: 'cancelled', closedAt: new Date(), closedBy: actor }).where(and(eq(transferTasks.id, taskId), eq(transferTasks.status, 'open'))).returning({ id: transferTasks.id });
	if (cancelled.length === 0) throw new HttpError(404, `no open transfer ${taskId}`);
	await recordAudit({ db, entry: { actor, action: 'transfer.cancel', subject: `transfer:${taskId}`, reason } });
}

/** The hotel takes them over: only after the track shows the vehicle arrived there. */
export async function handOverTransfer(db: Db, taskId: number, actor: string, now = Date.now()): Promise<{ taskId: number; startDate: string; plannedEndDate: string }> {
	const [task] = await db.select().from(transferTasks).where(eq(transferTasks.id, taskId));
	if (!task || task.status !== 'open') throw new HttpError(404, `no open transfer ${taskId}`);
	const progress = await progressOf(db, task, now);
	if (progress.phase !== 'arrived') throw new HttpError(409, `the vehicle has not arrived at the hotel yet (${progress.phase}); hand over on arrival`);
	const startDate = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
	const endDate = plannedEndDate(startDate, 'centralised');
	await db.transaction(async (tx) => {
		const closed = await tx
			.update(transferTasks)
			.set({
				status: 'handed_over', closedAt: new Date(now), closedBy: actor, pickedUpAt: new Date(progress.pickedUpAt!), arrivedAt: new Date(progress.arrivedAt!),
				stopsOnTheWay: progress.stopsOnTheWay.map((stop) => ({ from: new Date(stop.from).toISOString(), to: new Date(stop.to).toISOString(), minutes: stop.minutes, lat: stop.lat, lon: stop.lon }))
			})
			.where(and(eq(transferTasks.id, taskId), eq(transferTasks.status, 'open')))
			.returning({ id: transferTasks.id });
		if (closed.length === 0) throw new HttpError(409, `transfer ${taskId} was closed meanwhile`);
		await tx.update(quarantineSites).set({ occupied: sql`${quarantineSites.occupied} + ${task.passengers}` }).where(eq(quarantineSites.id, task.quarantineSiteId));
		if (task.householdId) await tx.update(households).set({ measure: 'centralised', quarantineSiteId: task.quarantineSiteId, startDate, plannedEndDate: endDate }).where(eq(households.id, task.householdId));
		if (task.returneeId) await tx.update(returnees).set({ measure: 'centralised_quarantine' }).where(eq(returnees.id, task.returneeId));
		await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'transfer.handover', subject: `transfer:${taskId}`, details: { quarantineSiteId: task.quarantineSiteId, passengers: task.passengers, stopsOnTheWay: progress.stopsOnTheWay.length } } });
	});
	return { taskId, startDate, plannedEndDate: endDate };
}

/** What a transfer vehicle's phone shows: its open task, with the pickup point the driver must reach. */
export async function openTransferFor(db: Db, vehicleId: string) {
	const [task] = await db.select().from(transferTasks).where(and(eq(transferTasks.vehicleId, vehicleId), eq(transferTasks.status, 'open')));
	if (!task) return null;
	const [hotel] = await db.select().from(quarantineSites).where(eq(quarantineSites.id, task.quarantineSiteId));
	return { id: task.id, passengers: task.passengers, pickup: { label: task.pickupLabel, lat: task.pickupLat, lon: task.pickupLon }, hotel: { id: hotel.id, name: hotel.name, lat: hotel.lat, lon: hotel.lon } };
}
