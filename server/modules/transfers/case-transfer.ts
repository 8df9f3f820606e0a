/**
 * A fever follow-up's proposal, as the dispatcher confirms it (assign-transfer.ts with a caseId):
 * the case must still be under its measure with a proposal that still stands (standing-proposals.ts:
 * any day, not confirmed, handed over or dismissed since) and no transfer of the case open;
 * the person is collected where the case is (home, or the hotel they are in) and taken to the
 * proposal's destination unless the dispatcher names another. A proposal is confirmed by any task
 * for the case assigned since it was made and not cancelled (a cancelled one puts it back on the list).
 */
import { and, eq, gte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, quarantineCases, quarantineSites, sites, transferTasks } from '../../db/schema/index';
import { latestProposals, openTaskOfCase } from '../quarantine/standing-proposals';
import { nameOfRegionId } from '../ledgers/region-ids';
import type { ProposedDestination } from '../quarantine/propose-fever-transfer';
import { refuseTransfer } from './transfer-tasks';
import { villagePickup } from './pickup-fallback';

type Tx = Db;
type Point = { label: string; lat: number; lon: number };

export interface CaseToCollect {
	caseId: string;
	villageId: string;
	personIds: string[];
	passengers: number;
	point: Point;
	/** The destination the proposal named. */
	proposed: ProposedDestination;
}

/** The case's proposal to confirm, with who is collected where; refuses when there is none to confirm. Locks the case row. */
export async function caseToCollect(tx: Tx, { caseId, pickup, now }: { caseId: string; pickup?: Point; now: number }): Promise<CaseToCollect> {
	const [found] = await tx.select().from(quarantineCases).where(eq(quarantineCases.id, caseId)).for('update');
	if (!found) throw refuseTransfer('no_such_case');
	// One person, one vehicle: a case already being collected is refused whatever its proposals say.
	const open = await openTaskOfCase(tx, caseId);
	if (open) throw refuseTransfer('transfer_open', { taskId: open.id });
	const proposal = (await latestProposals(tx, [caseId])).get(caseId);
	if (!proposal || found.status !== 'active') throw refuseTransfer('no_proposal');
	if (!proposal.stands) {
		const [confirmed] = await tx.select({ id: transferTasks.id }).from(transferTasks).where(and(eq(transferTasks.caseId, caseId), ne(transferTasks.status, 'cancelled'), gte(transferTasks.createdAt, proposal.at)));
		if (confirmed) throw refuseTransfer('proposal_confirmed', { taskId: confirmed.id });
		throw refuseTransfer('no_proposal');
	}
	return { caseId, villageId: found.villageId, personIds: [found.personId], passengers: 1, point: pickup ?? (await whereTheCaseIs(tx, found)), proposed: (proposal.details as { destination: ProposedDestination }).destination };
}

/**
 * A hotel case is collected at its hotel; a home case at the home on the register (shielded like any
 * pickup), or, when the home has no location (typed on the officer's phone), at its village's point
 * with the address to confirm by phone (pickup-fallback.ts).
 */
async function whereTheCaseIs(tx: Tx, found: typeof quarantineCases.$inferSelect): Promise<Point> {
	if (found.placeKind === 'hotel' && found.quarantineSiteId) {
		const [hotel] = await tx.select().from(quarantineSites).where(eq(quarantineSites.id, found.quarantineSiteId));
		if (hotel) return { label: hotel.name, lat: hotel.lat, lon: hotel.lon };
	}
	const [home] = found.householdId ? await tx.select().from(householdPrivate).where(eq(householdPrivate.householdId, found.householdId)) : [];
	if (home?.lat == null || home?.lon == null) {
		const village = await villagePickup(tx, found.villageId);
		if (!village) throw refuseTransfer('case_no_pickup');
		return village;
	}
	return { label: nameOfRegionId(found.villageId), lat: home.lat, lon: home.lon };
}

/** A fever clinic named as a destination: it must be a 24-hour fever clinic. */
export async function feverClinicOrRefuse(tx: Tx, id: string): Promise<{ id: string; name: string }> {
	const [clinic] = await tx.select({ id: sites.id, name: sites.name }).from(sites).where(and(eq(sites.id, id), eq(sites.kind, 'fever_clinic_24h')));
	if (!clinic) throw refuseTransfer('no_such_clinic', { id });
	return clinic;
}
