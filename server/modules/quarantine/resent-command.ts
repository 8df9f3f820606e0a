/**
 * A phone's command resent after its answer was lost (the outbox resends with the same command id):
 * the case's history row the first one wrote keeps the id and the answer, so the resend is answered
 * as the first time and changes nothing (never "measure already …" for the officer's own change).
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { quarantineCaseEvents } from '../../db/schema/index';
import type { Tx } from '../command-events';

/** The phone's own id of a command: as a follow-up's report id (letters, digits and _ . : -). */
export const commandId = z.string().trim().min(8, 'commandId: the phone’s own id of the command, 8–64 characters').max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'commandId: letters, digits and _ . : - only');

/** The first answer to a command with this id on the case history (kind), with its event id; or null. */
export async function resentAnswer<T>(tx: Tx, kind: string, id: string | undefined): Promise<(T & { eventId: string }) | null> {
	if (!id) return null;
	const [row] = await tx
		.select({ details: quarantineCaseEvents.details, eventId: quarantineCaseEvents.eventId })
		.from(quarantineCaseEvents)
		.where(and(eq(quarantineCaseEvents.kind, kind), sql`${quarantineCaseEvents.details}->>'commandId' = ${id}`))
		.limit(1);
	const answer = row?.details.answer as T | undefined;
	return answer ? { ...answer, eventId: row!.eventId ?? '' } : null;
}
