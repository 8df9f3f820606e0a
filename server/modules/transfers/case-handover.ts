/**
 * A fever proposal's case at the end of its transfer (hand-over-transfer.ts). Handed to a fever
 * clinic, the case leaves quarantine follow-up (status transferred: the clinic has the person now)
 * and a hotel bed it held is free; handed to a hotel, the case continues there (place hotel), its
 * former hotel's bed freed. Either way a `transferred` row on the case's history names the task.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, quarantineSites } from '../../db/schema/index';
import type { TransferDestination } from './transfer-destination';

export async function handCaseOver(tx: Db, { caseId, taskId, destination, actor, now, eventId }: { caseId: string; taskId: number; destination: TransferDestination; actor: string; now: number; eventId: string }): Promise<void> {
	const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, caseId)).for('update');
	if (!found) return;
	const leftHotel = found.placeKind === 'hotel' && found.quarantineSiteId && found.quarantineSiteId !== destination.id ? found.quarantineSiteId : null;
	if (leftHotel) await tx.update(quarantineSites).set({ occupied: sql`greatest(${quarantineSites.occupied} - 1, 0)` }).where(eq(quarantineSites.id, leftHotel));
	const at = new Date(now);
	if (destination.kind === 'fever_clinic') await tx.update(quarantineCases).set({ status: 'transferred', updatedAt: at }).where(eq(quarantineCases.id, caseId));
	else await tx.update(quarantineCases).set({ placeKind: 'hotel', quarantineSiteId: destination.id, updatedAt: at }).where(eq(quarantineCases.id, caseId));
	await tx.insert(quarantineCaseEvents).values({ caseId, at, actor, kind: 'transferred', eventId, details: { taskId, destination: { kind: destination.kind, id: destination.id, name: destination.name }, fromHotel: leftHotel } });
}
