/**
 * assignTransfer: a transfer vehicle is sent to collect a household (or a returnee) for a hotel,
 * or, confirming a fever follow-up's proposal (caseId), a person under quarantine for the
 * proposal's 24-hour fever clinic or hotel (or another the dispatcher names). A task for a hotel
 * holds beds there from now; the task row, its audit entry and `transfer.assigned` commit together
 * (command-events.ts). Refused, with nothing written: an unknown or busy vehicle, an unknown hotel
 * or one without the beds, an unknown fever clinic, anyone not awaiting transfer or already on a
 * task, a case with no proposal today or one already confirmed.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { quarantineSites, transferTasks, vehicles } from '../../db/schema/index';
import { bedsToPromise } from '../../../src/lib/domain/closed-loop-transfer';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { heldBeds, passengersOf, refuseTransfer, type transferRequest } from './transfer-tasks';
import { caseToCollect, feverClinicOrRefuse } from './case-transfer';

type Tx = Db;
type Request = z.infer<typeof transferRequest>;

export async function assignTransfer({ ctx, input }: { ctx: CommandContext; input: Request }): Promise<{ taskId: number; eventId: string }> {
	const now = ctx.now ?? Date.now();
	const { result, events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.id, input.vehicleId));
		if (!vehicle || vehicle.kind !== 'transfer') throw refuseTransfer('no_such_vehicle', { id: input.vehicleId });
		const [busy] = await tx.select({ id: transferTasks.id }).from(transferTasks).where(and(eq(transferTasks.vehicleId, vehicle.id), eq(transferTasks.status, 'open')));
		if (busy) throw refuseTransfer('vehicle_busy', { vehicle: vehicle.name, taskId: busy.id });
		const who = input.caseId ? await caseSubject(tx, input, now) : await awaitingSubject(tx, input);
		const destination = who.destination;
		if (destination.kind === 'hotel') await hotelWithBeds(tx, destination.id, who.passengers);
		else await feverClinicOrRefuse(tx, destination.id);
		const where = { quarantineSiteId: destination.kind === 'hotel' ? destination.id : null, destinationSiteId: destination.kind === 'fever_clinic' ? destination.id : null };
		const [task] = await tx
			.insert(transferTasks)
			.values({ vehicleId: vehicle.id, ...where, caseId: who.caseId, householdId: who.householdId, returneeId: who.returneeId, personIds: who.personIds, passengers: who.passengers, pickupLabel: who.point.label, pickupLat: who.point.lat, pickupLon: who.point.lon, createdBy: ctx.actor, createdAt: new Date(now) })
			.returning({ id: transferTasks.id });
		const details = { vehicleId: vehicle.id, ...where, caseId: who.caseId, householdId: who.householdId, returneeId: who.returneeId, passengers: who.passengers };
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'transfer.create', subject: `transfer:${task.id}`, details } });
		// The pickup point (a home) stays in the task row: it never travels on the log.
		emit({ type: 'transfer.assigned', taskId: task.id, ...details });
		return { taskId: task.id };
	});
	return { ...result, eventId: events[0].id };
}

type Destination = { kind: 'hotel' | 'fever_clinic'; id: string };

/** A household or returnee awaiting transfer, to the hotel named. */
async function awaitingSubject(tx: Tx, input: Request) {
	// The request's fields are checked in the order they are named (vehicle, hotel, person), so a
	// request wrong in several places is told of the first; the beds are counted later, under a lock.
	const [hotel] = await tx.select({ id: quarantineSites.id }).from(quarantineSites).where(eq(quarantineSites.id, input.quarantineSiteId!));
	if (!hotel) throw refuseTransfer('no_such_hotel', { id: input.quarantineSiteId! });
	const who = await passengersOf(tx, input);
	const subject = who.householdId ? eq(transferTasks.householdId, who.householdId) : eq(transferTasks.returneeId, who.returneeId!);
	// Any task not cancelled takes them off the awaiting list (the board's rule): one on its way, or one that already handed them over.
	const [already] = await tx.select({ id: transferTasks.id, status: transferTasks.status }).from(transferTasks).where(and(subject, ne(transferTasks.status, 'cancelled')));
	if (already?.status === 'open') throw refuseTransfer('already_taken', { taskId: already.id });
	if (already) throw refuseTransfer('already_handed_over', { taskId: already.id });
	return { ...who, caseId: null, destination: { kind: 'hotel', id: input.quarantineSiteId! } as Destination };
}

/** A case's fever proposal: to the destination the dispatcher names, else the one proposed. */
async function caseSubject(tx: Tx, input: Request, now: number) {
	const who = await caseToCollect(tx, { caseId: input.caseId!, pickup: input.pickup, now });
	const destination: Destination = input.destinationSiteId ? { kind: 'fever_clinic', id: input.destinationSiteId } : input.quarantineSiteId ? { kind: 'hotel', id: input.quarantineSiteId } : who.proposed;
	return { ...who, householdId: null, returneeId: null, destination };
}

/** Locks the hotel row (two dispatchers cannot promise its last beds twice) and refuses when it has too few. */
async function hotelWithBeds(tx: Tx, id: string, passengers: number): Promise<void> {
	const [hotel] = await tx.select().from(quarantineSites).where(eq(quarantineSites.id, id)).for('update');
	if (!hotel) throw refuseTransfer('no_such_hotel', { id });
	const free = bedsToPromise({ beds: hotel.beds, occupied: hotel.occupied, heldForTransfers: await heldBeds(tx, hotel.id) });
	if (free < passengers) throw refuseTransfer('no_beds', { hotel: hotel.name, free, passengers });
}
