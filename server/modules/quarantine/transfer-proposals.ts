/**
 * The closed-loop transfers proposed by fever follow-ups and positive tests (propose-fever-transfer.ts) that still
 * stand, for the dispatcher to confirm: the latest of a case still under its measure (at home or
 * in a hotel), any day, until handled (standing-proposals.ts: a transfer made since, one still
 * open, a handover or a dismissal; a cancelled transfer puts it back). Case id, village and
 * destination only; never a name, a home or the reading.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, regions } from '../../db/schema/index';
import { latestProposals } from './standing-proposals';
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

export async function openTransferProposals(db: Db, _now = Date.now()): Promise<TransferProposal[]> {
	const cases = await db
		.selectDistinct({ id: quarantineCases.id, villageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId })
		.from(quarantineCaseEvents)
		.innerJoin(quarantineCases, eq(quarantineCases.id, quarantineCaseEvents.caseId))
		.where(and(eq(quarantineCaseEvents.kind, 'transfer_proposed'), eq(quarantineCases.status, 'active')));
	// The latest proposal of each case, while it stands (standing-proposals.ts); a handled one leaves the list.
	const latest = await latestProposals(db, cases.map((found) => found.id));
	// Listed where the person is collected: a hotel case at its hotel's village, not at home (case-villages.ts).
	const placedIn = await caseVillages(db, cases);
	const standing = cases.flatMap((found) => {
		const proposal = latest.get(found.id);
		return proposal?.stands ? [{ caseId: found.id, at: proposal.at, reason: proposal.reason, details: proposal.details, villageId: placedIn.get(found.id) ?? found.villageId }] : [];
	});
	const villages = [...new Set(standing.map((row) => row.villageId))];
	const names = new Map(villages.length === 0 ? [] : (await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, villages))).map((region) => [region.id, region.name]));
	return standing
		.map((row) => ({
			caseId: row.caseId, villageId: row.villageId, village: names.get(row.villageId) ?? nameOfRegionId(row.villageId), reason: reasonOf(row.reason),
			destination: (row.details as { destination: ProposedDestination }).destination, proposedAt: row.at.toISOString()
		}))
		.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}
