/**
 * Today's follow-up events as the outbox keeps them (command_outbox holds every command event
 * with its payload), so a projector that starts mid-day restores the villages with fever at once
 * instead of waiting for the next follow-up, and with today's handovers (case.transferred), so a
 * fever already acted on is not raised again. Oldest first, as the log had them.
 */
import { and, asc, gte, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { commandOutbox } from '../../db/schema/index';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { caseFollowedUp, type CaseFollowedUp } from '../../../src/lib/protocol/follow-up-events';
import { caseTransferred, type CaseTransferred } from '../../../src/lib/protocol/quarantine-events';

export async function loadTodaysFollowUps(db: Db, now: number): Promise<(CaseFollowedUp | CaseTransferred)[]> {
	const rows = await db
		.select({ payload: commandOutbox.payload })
		.from(commandOutbox)
		.where(and(inArray(commandOutbox.type, ['case.follow_up', 'case.transferred']), gte(commandOutbox.at, new Date(serviceDayStart(serviceDay(now))))))
		.orderBy(asc(commandOutbox.at));
	return rows.flatMap((row) => {
		const parsed = (row.payload as { type?: string })?.type === 'case.transferred' ? caseTransferred.safeParse(row.payload) : caseFollowedUp.safeParse(row.payload);
		return parsed.success ? [parsed.data] : [];
	});
}
