/**
 * A fever proposal's case at the end of its transfer (hand-over-transfer.ts). Handed to a fever
 * clinic, the case leaves quarantine follow-up (status transferred: the clinic has the person now)
 * and a hotel bed it held is free; handed to a hotel, the case continues there centralised (measure
 * centralised, place hotel: home follow-up slots stop), its former hotel's bed freed. Either way a
 * `transferred` row on the case's history names the task (and, at a hotel, the measure and place
 * it changed from).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, quarantineSites, returnees } from '../../db/schema/index';
import type { TransferDestination } from './transfer-destination';

export async function handCaseOver(tx: Db, { caseId, taskId, destination, actor, now, eventId }: { caseId: string; taskId: number; destination: TransferDestination; actor: string; now: number; eventId: string }): Promise<void> {
	const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, caseId)).for('update');
	if (!found) return;
	const leftHotel = found.placeKind === 'hotel' && found.quarantineSiteId && found.quarantineSiteId !== destination.id ? found.quarantineSiteId : null;
	if (leftHotel) await tx.update(quarantineSites).set({ occupied: sql`greatest(${quarantineSites.occupied} - 1, 0)` }).where(eq(quarantineSites.id, leftHotel));
	const at = new Date(now);
	if (destination.kind === 'fever_clinic') await tx.update(quarantineCases).set({ status: 'transferred', updatedAt: at }).where(eq(quarantineCases.id, caseId));
	// At a hotel the case is centralised there: its measure and place change (the follow-ups due follow the measure: once a day, src/lib/domain/follow-up.ts).
	else await tx.update(quarantineCases).set({ measure: 'centralised', placeKind: 'hotel', quarantineSiteId: destination.id, updatedAt: at }).where(eq(quarantineCases.id, caseId));
	// The returnee's measure says the same (as a returnee's own transfer to a hotel does, hand-over-transfer.ts).
	if (destination.kind === 'hotel' && found.returneeId) await tx.update(returnees).set({ measure: 'centralised_quarantine' }).where(eq(returnees.id, found.returneeId));
	const centralised = destination.kind === 'hotel' ? { measure: { from: found.measure, to: 'centralised' }, place: { from: found.placeKind, to: 'hotel' } } : {};
	await tx.insert(quarantineCaseEvents).values({ caseId, at, actor, kind: 'transferred', eventId, details: { taskId, destination: { kind: destination.kind, id: destination.id, name: destination.name }, fromHotel: leftHotel, ...centralised } });
}
