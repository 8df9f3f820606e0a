/**
 * The closed-loop transfers proposed by fever follow-ups and positive tests (propose-fever-transfer.ts) that still
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
import { caseVillages } from './case-villages';
import { CASE_TRANSFER_REASONS, type CaseTransferReason } from '../../../src/lib/domain/case-transfer-reason';

const reasonOf = (stored: string | null): CaseTransferReason => CASE_TRANSFER_REASONS.find((reason) => reason === stored) ?? 'fever';

/** As protocol's TransferProposalView. */
export interface TransferProposal {
	caseId: string;
	villageId: string;
	village: string;
	reason: CaseTransferReason;
	destination: ProposedDestination;
	proposedAt: string;
}

export async function openTransferProposals(db: Db, now = Date.now()): Promise<TransferProposal[]> {
	const rows = await db
		.select({ caseId: quarantineCaseEvents.caseId, at: quarantineCaseEvents.at, reason: quarantineCaseEvents.reason, details: quarantineCaseEvents.details, ownVillageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId })
		.from(quarantineCaseEvents)
		.innerJoin(quarantineCases, eq(quarantineCases.id, quarantineCaseEvents.caseId))
		.where(and(eq(quarantineCaseEvents.kind, 'transfer_proposed'), gte(quarantineCaseEvents.at, new Date(serviceDayStart(serviceDay(now)))), eq(quarantineCases.status, 'active')));
	// A case proposed twice today (a positive after a fever's proposal to a hotel): the latest stands, as case-transfer.ts takes it.
	const latest = rows.filter((row) => !rows.some((other) => other.caseId === row.caseId && other.at > row.at));
	const caseIds = [...new Set(latest.map((row) => row.caseId))];
	const tasks = caseIds.length === 0 ? [] : await db.select({ caseId: transferTasks.caseId, createdAt: transferTasks.createdAt }).from(transferTasks).where(and(inArray(transferTasks.caseId, caseIds), ne(transferTasks.status, 'cancelled')));
	const confirmed = (row: { caseId: string; at: Date }) => tasks.some((task) => task.caseId === row.caseId && task.createdAt >= row.at);
	// Listed where the person is collected: a hotel case at its hotel's village, not at home (case-villages.ts).
	const placedIn = await caseVillages(db, latest.map((row) => ({ id: row.caseId, villageId: row.ownVillageId, placeKind: row.placeKind, quarantineSiteId: row.quarantineSiteId })));
	const standing = latest.filter((row) => !confirmed(row)).map((row) => ({ ...row, villageId: placedIn.get(row.caseId) ?? row.ownVillageId }));
	const villages = [...new Set(standing.map((row) => row.villageId))];
	const names = new Map(villages.length === 0 ? [] : (await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, villages))).map((region) => [region.id, region.name]));
	return standing
		.map((row) => ({
			caseId: row.caseId, villageId: row.villageId, village: names.get(row.villageId) ?? nameOfRegionId(row.villageId), reason: reasonOf(row.reason),
			destination: (row.details as { destination: ProposedDestination }).destination, proposedAt: row.at.toISOString()
		}))
		.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}
