/**
 * Closed-loop transfer tasks: the request schema, how the commands say no, who a task collects and
 * where, and what a vehicle's phone shows. The commands are operations of their own:
 * assign-transfer.ts, hand-over-transfer.ts, cancel-transfer.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { householdMembers, householdPrivate, households, quarantineCases, returnees, transferTasks } from '../../db/schema/index';
import { serviceErrors } from '../service-error';
import { nameOfRegionId } from '../ledgers/region-ids';
import { householdAwaitsTransfer, returneeAwaitsTransfer } from './awaiting-transfer';
import { loadDestination } from './transfer-destination';
import { villagePickup } from './pickup-fallback';

const code = (field: string) => z.string({ error: `${field} must be a code` }).min(1, `${field} must not be empty`).max(64);
export const transferRequest = z
	.strictObject({
		vehicleId: code('vehicleId'),
		/** A hotel; or, for a case's proposal, a 24-hour fever clinic (destinationSiteId). A case's proposal names its own when both are left out. */
		quarantineSiteId: code('quarantineSiteId').optional(),
		destinationSiteId: code('destinationSiteId').optional(),
		householdId: code('householdId').optional(),
		returneeId: code('returneeId').optional(),
		/** A quarantine case with a transfer proposed today by a fever follow-up: the dispatcher confirms it. */
		caseId: code('caseId').optional(),
		/** Where to collect a returnee who is not at home (a station, an exit): a label and WGS-84 point. */
		pickup: z.strictObject({ label: z.string().min(1).max(60), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional()
	})
	.refine((body) => [body.householdId, body.returneeId, body.caseId].filter((id) => id !== undefined).length === 1, { message: 'name exactly one of householdId, returneeId and caseId', params: { zh: '请在“户”“返乡人员”和“隔离对象”中选且只选一个' } })
	.refine((body) => !(body.quarantineSiteId !== undefined && body.destinationSiteId !== undefined), { message: 'name one destination: quarantineSiteId (a hotel) or destinationSiteId (a fever clinic), not both', params: { zh: '目的地只能选一个：隔离点或发热门诊' } })
	.refine((body) => body.caseId !== undefined || body.quarantineSiteId !== undefined, { message: 'quarantineSiteId is required: the hotel to take them to', params: { zh: '请选择隔离点' } })
	.refine((body) => body.caseId !== undefined || body.destinationSiteId === undefined, { message: 'destinationSiteId (a fever clinic) is only for a case with a fever proposal (caseId)', params: { zh: '只有发热转运建议（隔离对象）才能送往发热门诊' } });

const PHASE_ZH: Record<string, string> = { to_pickup: '正前往接送点', at_pickup: '在接送点', carrying: '转运途中', arrived: '已到达' };
/** A phase in words, never its code, in an English refusal. */
const PHASE_EN: Record<string, string> = { to_pickup: 'still on its way to the pickup point', at_pickup: 'still at the pickup point', carrying: 'still on the way to the hotel', arrived: 'arrived' };

/** How assigning, handing over and cancelling a transfer say no. Nothing is written when they do. */
export const refuseTransfer = serviceErrors({
	no_such_vehicle: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的转运车`, en: `vehicleId: no transfer vehicle "${id}"` }) },
	no_such_hotel: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的隔离点`, en: `quarantineSiteId: no quarantine site "${id}"` }) },
	no_such_household: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有户编号为“${id}”的住户`, en: `householdId: no household "${id}"` }) },
	no_such_returnee: { kind: 'not_found', text: () => ({ zh: '没有这名返乡人员', en: 'returneeId: there is no such returnee' }) },
	household_placed: { kind: 'conflict', text: ({ id, siteId }: { id: string; siteId: string }) => ({ zh: `住户 ${id} 已在隔离点，无需转运`, en: `household ${id} is already at quarantine site ${siteId}` }) },
	household_not_awaiting: { kind: 'conflict', text: ({ id, measure }: { id: string; measure: string }) => ({ zh: `住户 ${id} 不在待转运名单上：只有已定为集中隔离、尚未安排隔离点的住户才能转运`, en: `household ${id} is not awaiting transfer (measure ${measure}); only households on centralised quarantine without a hotel can be transferred` }) },
	returnee_not_awaiting: { kind: 'conflict', text: () => ({ zh: '该返乡人员不在待转运名单上：只有隔离个案待转运的返乡人员才能转运', en: 'this returnee is not awaiting transfer; only a returnee whose quarantine case awaits transfer can be transferred' }) },
	household_no_home: { kind: 'unprocessable', text: ({ id }: { id: string }) => ({ zh: `住户 ${id} 在登记册上没有住址位置，请指定接送点`, en: `household ${id} has no home location on the register; give a pickup point` }) },
	returnee_no_home: { kind: 'unprocessable', text: () => ({ zh: '该返乡人员的住址和所在村都没有位置，无法确定接送点，请电话联系本人后指定接送点', en: 'neither this returnee’s home nor their village has a location; phone them and give a pickup point' }) },
	vehicle_busy: { kind: 'conflict', text: ({ vehicle, taskId }: { vehicle: string; taskId: number }) => ({ zh: `${vehicle} 正在执行转运任务 #${taskId}，请先完成或取消该任务`, en: `${vehicle} is on transfer ${taskId}; close or cancel it first` }) },
	already_taken: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 已在接送他们`, en: `transfer ${taskId} is already taking them` }) },
	already_handed_over: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 已将他们移交隔离点，他们不再待转运`, en: `transfer ${taskId} already handed them over; they are not awaiting transfer` }) },
	no_beds: { kind: 'conflict', text: ({ hotel, free, passengers }: { hotel: string; free: number; passengers: number }) => ({ zh: `${hotel} 只剩 ${free} 张空床，不够 ${passengers} 人，请选择其他隔离点`, en: `${hotel} has ${free} beds free for ${passengers} passengers; choose another hotel` }) },
	no_open_transfer: { kind: 'not_found', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 不存在或已结束，未作任何更改`, en: `no open transfer ${taskId}` }) },
	not_arrived: { kind: 'conflict', text: ({ phase }: { phase: string }) => ({ zh: `车辆尚未到达隔离点（${PHASE_ZH[phase] ?? phase}），请到达后再交接`, en: `the vehicle has not arrived at the hotel yet (${PHASE_EN[phase] ?? 'its position is not known'}); hand over on arrival` }) },
	closed_meanwhile: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 已被他人关闭，未作任何更改`, en: `transfer ${taskId} was closed meanwhile` }) },
	bad_task_id: { kind: 'invalid', text: () => ({ zh: '转运任务编号须为正整数', en: 'the transfer id must be a positive whole number' }) },
	no_such_case: { kind: 'not_found', text: () => ({ zh: '没有这个隔离对象', en: 'caseId: there is no such quarantine case' }) },
	no_such_clinic: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的24小时发热门诊`, en: `destinationSiteId: no 24-hour fever clinic "${id}"` }) },
	no_proposal: { kind: 'conflict', text: () => ({ zh: '该隔离对象没有待确认的转运建议（已处理，或已不在隔离中），无需确认转运', en: 'this case has no transfer proposal waiting (it was handled, or the case is no longer under its measure); there is nothing to confirm' }) },
	transfer_open: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `该隔离对象已有转运任务 #${taskId} 在进行中，同一人不能再派一辆车；如需改派请先取消该任务`, en: `this case is already being collected by transfer ${taskId}; one person gets one vehicle (cancel that transfer first to send another)` }) },
	proposal_confirmed: { kind: 'conflict', text: ({ taskId }: { taskId: number }) => ({ zh: `该发热转运建议已由转运任务 #${taskId} 确认，未作任何更改`, en: `this fever transfer proposal was already confirmed by transfer ${taskId}` }) },
	case_no_pickup: { kind: 'unprocessable', text: () => ({ zh: '该隔离对象的住址和所在村都没有位置，无法确定接送点，请电话联系本人后指定接送点', en: 'neither this case’s home nor their village has a location; phone them and give a pickup point' }) }
});


type Tx = Db;

/** Beds held at a hotel by tasks still on their way. */
export async function heldBeds(tx: Tx | Db, quarantineSiteId: string): Promise<number> {
	const [row] = await tx.select({ held: sql<number>`coalesce(sum(${transferTasks.passengers}), 0)::int` }).from(transferTasks).where(and(eq(transferTasks.quarantineSiteId, quarantineSiteId), eq(transferTasks.status, 'open')));
	return row.held;
}

/** Who is collected where: a household's members at home, or one returnee at home or at a given point. */
export async function passengersOf(tx: Tx, request: z.infer<typeof transferRequest>) {
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
	if (!returnee) throw refuseTransfer('no_such_returnee');
	// The same rule the board lists by (awaiting-transfer.ts): the returnee's case waits for its transfer.
	const [waiting] = await tx.select({ id: quarantineCases.id }).from(quarantineCases).where(and(eq(quarantineCases.returneeId, returnee.id), eq(quarantineCases.status, 'awaiting_transfer')));
	if (!returneeAwaitsTransfer(returnee) || !waiting) throw refuseTransfer('returnee_not_awaiting');
	const [home] = returnee.householdId ? await tx.select().from(householdPrivate).where(eq(householdPrivate.householdId, returnee.householdId)) : [];
	// A home typed on the officer's phone has no location: collect at the village's point, address confirmed by phone.
	const point = request.pickup ?? (home?.lat != null && home?.lon != null ? { label: returnee.originPlace, lat: home.lat, lon: home.lon } : returnee.villageId ? await villagePickup(tx, returnee.villageId) : null);
	if (!point) throw refuseTransfer('returnee_no_home');
	return { householdId: null, returneeId: returnee.id, personIds: [returnee.personId], passengers: 1, point };
}

/** What a transfer vehicle's phone shows: its open task, with the pickup point the driver must reach. */
export async function openTransferFor(db: Db, vehicleId: string) {
	const [task] = await db.select().from(transferTasks).where(and(eq(transferTasks.vehicleId, vehicleId), eq(transferTasks.status, 'open')));
	if (!task) return null;
	const destination = await loadDestination(db, task);
	// `hotel` is where to drive to (a fever clinic too); `destinationKind` tells the driver which.
	return { id: task.id, passengers: task.passengers, pickup: { label: task.pickupLabel, lat: task.pickupLat, lon: task.pickupLon }, destinationKind: destination.kind, hotel: { id: destination.id, name: destination.name, lat: destination.lat, lon: destination.lon } };
}
