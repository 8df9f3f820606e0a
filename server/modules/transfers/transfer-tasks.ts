/**
 * Creating, cancelling and closing closed-loop transfer tasks. A task holds beds at its hotel from
 * creation; handover (only once the track shows the vehicle arrived) puts the household or
 * returnee on the quarantine register at that hotel and fills the beds, in one transaction.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { householdMembers, householdPrivate, households, quarantineSites, returnees, transferTasks, vehicles } from '../../db/schema/index';
import { serviceErrors } from '../service-error';
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
	.refine((body) => (body.householdId === undefined) !== (body.returneeId === undefined), { message: 'name exactly one of householdId and returneeId', params: { zh: '请在“户”和“返乡人员”中选且只选一个' } });

const PHASE_ZH: Record<string, string> = { to_pickup: '正前往接送点', at_pickup: '在接送点', carrying: '转运途中', arrived: '已到达' };

/** How assigning, handing over and cancelling a transfer say no. Nothing is written when they do. */
export const refuseTransfer = serviceErrors({
	no_such_vehicle: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的转运车`, en: `vehicleId: no transfer vehicle "${id}"` }) },
	no_such_hotel: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的隔离点`, en: `quarantineSiteId: no quarantine site "${id}"` }) },
	no_such_household: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有户编号为“${id}”的住户`, en: `householdId: no household "${id}"` }) },
	no_such_returnee: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的返乡人员`, en: `returneeId: no returnee "${id}"` }) },
	household_placed: { kind: 'conflict', text: ({ id, siteId }: { id: string; siteId: string }) => ({ zh: `住户 ${id} 已在隔离点，无需转运`, en: `household ${id} is already at quarantine site ${siteId}` }) },
	household_not_awaiting: { kind: 'conflict', text: ({ id, measure }: { id: string; measure: string }) => ({ zh: `住户 ${id} 不在待转运名单上：只有已定为集中隔离、尚未安排隔离点的住户才能转运`, en: `household ${id} is not awaiting transfer (measure ${measure}); only households on centralised quarantine without a hotel can be transferred` }) },
	returnee_not_awaiting: { kind: 'conflict', text: ({ id, measure }: { id: string; measure: string }) => ({ zh: `返乡人员 ${id} 不在待转运名单上：只有已定为闭环转运的返乡人员才能转运`, en: `returnee ${id} is not awaiting transfer (measure ${measure}); only returnees assigned closed-loop transfer can be transferred` }) },
	household_no_home: { kind: 'unprocessable', text: ({ id }: { id: string }) => ({ zh: `住户 ${id} 在登记册上没有住址位置，请指定接送点`, en: `household ${id} has no home location on the register; give a pickup point` }) },
	returnee_no_home: { kind: 'unprocessable', text: ({ id }: { id: string }) => ({ zh: `返乡人员 ${id} 在登记册上没有住址，请指定接送点`, en: `returnee ${id} has no home on the register; give a pickup point` }) },
	vehicle_busy: { kind: 'conflict', text: ({ vehicle, taskId }: { vehicle: string; taskId: number }) => ({ zh: `${vehicle} 正在执行转运任务 #${taskId}，请先完成或取消该任务`, en: `${vehicle} is on transfer ${taskId}; close or cancel it first` }) },
	already_taken: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 已在接送他们`, en: `transfer ${taskId} is already taking them` }) },
	already_handed_over: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 已将他们移交隔离点，他们不再待转运`, en: `transfer ${taskId} already handed them over; they are not awaiting transfer` }) },
	no_beds: { kind: 'conflict', text: ({ hotel, free, passengers }: { hotel: string; free: number; passengers: number }) => ({ zh: `${hotel} 只剩 ${free} 张空床，不够 ${passengers} 人，请选择其他隔离点`, en: `${hotel} has ${free} beds free for ${passengers} passengers; choose another hotel` }) },
	no_open_transfer: { kind: 'not_found', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 不存在或已结束，未作任何更改`, en: `no open transfer ${taskId}` }) },
	not_arrived: { kind: 'conflict', text: ({ phase }: { phase: string }) => ({ zh: `车辆尚未到达隔离点（${PHASE_ZH[phase] ?? phase}），请到达后再交接`, en: `the vehicle has not arrived at the hotel yet (${phase}); hand over on arrival` }) },
	closed_meanwhile: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 已被他人关闭，未作任何更改`, en: `transfer ${taskId} was closed meanwhile` }) },
	bad_task_id: { kind: 'invalid', text: () => ({ zh: '转运任务编号须为正整数', en: 'the transfer id must be a positive whole number' }) }
});


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
		if (!household) throw refuseTransfer('no_such_household', { id: request.householdId });
		if (household.quarantineSiteId) throw refuseTransfer('household_placed', { id: household.id, siteId: household.quarantineSiteId });
		if (!householdAwaitsTransfer(household)) throw refuseTransfer('household_not_awaiting', { id: household.id, measure: String(household.measure) });
		const [home] = await tx.select().from(householdPrivate).where(eq(householdPrivate.householdId, household.id));
		const point = request.pickup ?? (home?.lat != null && home?.lon != null ? { label: nameOfRegionId(household.villageId), lat: home.lat, lon: home.lon } : null);
		if (!point) throw refuseTransfer('household_no_home', { id: household.id });
		const members = await tx.select({ personId: householdMembers.personId }).from(householdMembers).where(eq(householdMembers.householdId, household.id));
		return { householdId: household.id, returneeId: null, personIds: members.map((member) => member.personId), passengers: household.members, point };
	}
	const [returnee] = await tx.select().from(returnees).where(eq(returnees.id, request.returneeId!));
	if (!returnee) throw refuseTransfer('no_such_returnee', { id: request.returneeId! });
	if (!returneeAwaitsTransfer(returnee)) throw refuseTransfer('returnee_not_awaiting', { id: returnee.id, measure: String(returnee.measure) });
	const [home] = returnee.householdId ? await tx.select().from(householdPrivate).where(eq(householdPrivate.householdId, returnee.householdId)) : [];
	const point = request.pickup ?? (home?.lat != null && home?.lon != null ? { label: returnee.originPlace, lat: home.lat, lon: home.lon } : null);
	if (!point) throw refuseTransfer('returnee_no_home', { id: returnee.id });
	return { householdId: null, returneeId: returnee.id, personIds: [returnee.personId], passengers: 1, point };
}

export async function createTransfer(db: Db, request: z.infer<typeof transferRequest>, actor: string, now = Date.now()): Promise<{ taskId: number }> {
	return db.transaction(async (tx) => {
		const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, request.vehicleId));
		if (!vehicle || vehicle.kind !== 'transfer') throw refuseTransfer('no_such_vehicle', { id: request.vehicleId });
		// Locks the hotel row: two dispatchers cannot promise its last beds twice.
		const [hotel] = await tx.select().from(quarantineSites).where(eq(quarantineSites.id, request.quarantineSiteId)).for('update');
		if (!hotel) throw refuseTransfer('no_such_hotel', { id: request.quarantineSiteId });
		const [busy] = await tx.select({ id: transferTasks.id }).from(transferTasks).where(and(eq(transferTasks.vehicleId, vehicle.id), eq(transferTasks.status, 'open')));
		if (busy) throw refuseTransfer('vehicle_busy', { vehicle: vehicle.name, taskId: busy.id });
		const who = await passengersOf(tx, request);
		const subject = who.householdId ? eq(transferTasks.householdId, who.householdId) : eq(transferTasks.returneeId, who.returneeId!);
		// Any task not cancelled takes them off the awaiting list (the board's rule): one on its way, or one that already handed them over.
		const [already] = await tx.select({ id: transferTasks.id, status: transferTasks.status }).from(transferTasks).where(and(subject, ne(transferTasks.status, 'cancelled')));
		if (already?.status === 'open') throw refuseTransfer('already_taken', { taskId: already.id });
		if (already) throw refuseTransfer('already_handed_over', { taskId: already.id });
		const free = bedsToPromise({ beds: hotel.beds, occupied: hotel.occupied, heldForTransfers: await heldBeds(tx, hotel.id) });
		if (free < who.passengers) throw refuseTransfer('no_beds', { hotel: hotel.name, free, passengers: who.passengers });
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
	if (cancelled.length === 0) throw refuseTransfer('no_open_transfer', { taskId });
	await recordAudit({ db, entry: { actor, action: 'transfer.cancel', subject: `transfer:${taskId}`, reason } });
}

/** The hotel takes them over: only after the track shows the vehicle arrived there. */
export async function handOverTransfer(db: Db, taskId: number, actor: string, now = Date.now()): Promise<{ taskId: number; startDate: string; plannedEndDate: string }> {
	const [task] = await db.select().from(transferTasks).where(eq(transferTasks.id, taskId));
	if (!task || task.status !== 'open') throw refuseTransfer('no_open_transfer', { taskId });
	const progress = await progressOf(db, task, now);
	if (progress.phase !== 'arrived') throw refuseTransfer('not_arrived', { phase: String(progress.phase) });
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
		if (closed.length === 0) throw refuseTransfer('closed_meanwhile', { taskId });
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
