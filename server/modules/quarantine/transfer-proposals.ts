/**
 * The closed-loop transfers proposed by fever follow-ups (propose-fever-transfer.ts) that still
 * stand, for the dispatcher to confirm: proposed today for a case still under its measure (at
 * home or in a hotel), and not confirmed by a transfer task assigned since (one cancelled puts it
 * back). Case id, village and destination only; never a name, a home or the reading.
 */
import { and, eq, gte, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, regions, transferTasks } from '../../db/schema/index';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { nameOfRegionId } from '../ledgers/region-ids';
import type { ProposedDestination } from './propose-fever-transfer';

/** As protocol's TransferProposalView. */
export interface TransferProposal {
	caseId: string;
	villageId: string;
	village: string;
	reason: 'fever' | 'symptoms';
	destination: ProposedDestination;
	proposedAt: string;
}

export async function openTransferProposals(db: Db, now = Date.now()): Promise<TransferProposal[]> {
	const rows = await db
		.select({ caseId: quarantineCaseEvents.caseId, at: quarantineCaseEvents.at, reason: quarantineCaseEvents.reason, details: quarantineCaseEvents.details, villageId: quarantineCases.villageId })
		.from(quarantineCaseEvents)
		.innerJoin(quarantineCases, eq(quarantineCases.id, quarantineCaseEvents.caseId))
		.where(and(eq(quarantineCaseEvents.kind, 'transfer_proposed'), gte(quarantineCaseEvents.at, new Date(serviceDayStart(serviceDay(now)))), eq(quarantineCases.status, 'active')));
	const caseIds = [...new Set(rows.map((row) => row.caseId))];
	const tasks = caseIds.length === 0 ? [] : await db.select({ caseId: transferTasks.caseId, createdAt: transferTasks.createdAt }).from(transferTasks).where(and(inArray(transferTasks.caseId, caseIds), ne(transferTasks.status, 'cancelled')));
	const confirmed = (row: { caseId: string; at: Date }) => tasks.some((task) => task.caseId === row.caseId && task.createdAt >= row.at);
	const standing = rows.filter((row) => !confirmed(row));
	const villages = [...new Set(standing.map((row) => row.villageId))];
	const names = new Map(villages.length === 0 ? [] : (await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, villages))).map((region) => [region.id, region.name]));
	return standing
		.map((row) => ({
			caseId: row.caseId, villageId: row.villageId, village: names.get(row.villageId) ?? nameOfRegionId(row.villageId), reason: row.reason === 'symptoms' ? ('symptoms' as const) : ('fever' as const),
			destination: (row.details as { destination: ProposedDestination }).destination, proposedAt: row.at.toISOString()
		}))
		.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}
