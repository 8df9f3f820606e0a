/**
 * A returnee's hotel case starts when the closed-loop transfer hands them over at the hotel
 * (server/modules/transfers/hand-over-transfer.ts calls this in its transaction): the case that
 * waited for the transfer becomes active at that hotel from the handover day, for its 14 days.
 * The bed itself is counted by the handover (quarantine_sites.occupied); release frees it.
 */
import { and, eq } from 'drizzle-orm';
import { quarantineCaseEvents, quarantineCases } from '../../db/schema/index';
import { caseEndDate } from '../../../src/lib/domain/quarantine-case';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import type { Emitted, Tx } from '../command-events';

export async function placeHotelCase(tx: Tx, emit: (event: Emitted) => CommandEvent, { actor, now }: { actor: string; now: number }, { returneeId, quarantineSiteId, startDate, taskId }: { returneeId: string; quarantineSiteId: string; startDate: string; taskId: number }): Promise<string | null> {
	const [waiting] = await tx.select().from(quarantineCases).where(and(eq(quarantineCases.returneeId, returneeId), eq(quarantineCases.status, 'awaiting_transfer'))).for('update');
	if (!waiting) return null;
	const plannedEndDate = caseEndDate(startDate, 'centralised');
	const at = new Date(now);
	await tx.update(quarantineCases).set({ status: 'active', placeKind: 'hotel', measure: 'centralised', quarantineSiteId, startDate, plannedEndDate, updatedAt: at }).where(eq(quarantineCases.id, waiting.id));
	const event = emit({ type: 'case.placed', caseId: waiting.id, villageId: waiting.villageId, quarantineSiteId, startDate, plannedEndDate });
	await tx.insert(quarantineCaseEvents).values({ caseId: waiting.id, at, actor, kind: 'placed', reason: null, eventId: event.id, details: { quarantineSiteId, startDate, plannedEndDate, taskId } });
	return waiting.id;
}
