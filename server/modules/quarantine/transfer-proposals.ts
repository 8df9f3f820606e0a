/**
 * The closed-loop transfers proposed by fever follow-ups (propose-fever-transfer.ts) that still
 * stand, for the dispatcher to confirm: proposed today for a case still under its measure (at
 * home or in a hotel). Case id, village and destination only; never a name, a home or the reading.
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, regions } from '../../db/schema/index';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { nameOfRegionId } from '../ledgers/region-ids';
import type { ProposedDestination } from './propose-fever-transfer';

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
	const villages = [...new Set(rows.map((row) => row.villageId))];
	const names = new Map(villages.length === 0 ? [] : (await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, villages))).map((region) => [region.id, region.name]));
	return rows
		.map((row) => ({
			caseId: row.caseId, villageId: row.villageId, village: names.get(row.villageId) ?? nameOfRegionId(row.villageId), reason: row.reason === 'symptoms' ? ('symptoms' as const) : ('fever' as const),
			destination: (row.details as { destination: ProposedDestination }).destination, proposedAt: row.at.toISOString()
		}))
		.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}
