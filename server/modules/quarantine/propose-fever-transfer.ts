/**
 * A follow-up found fever or symptoms, or a test came back positive: propose a closed-loop
 * transfer (闭环转运) for the dispatcher to confirm, to the nearest 24-hour fever clinic (发热门诊)
 * not marked closed, at any hour, else (not for a positive: case-transfer-reason.ts) to the nearest quarantine hotel
 * with a free bed. A proposal is history on the case and an event on the log;
 * the dispatcher sees it in the list of open proposals (transfer-proposals.ts) and confirms it by
 * assigning a vehicle. One standing proposal a case (standing-proposals.ts, any day, until handled): a
 * re-check that finds fever again adds none, nor does one while a transfer of the case is open.
 */
import { eq, ne } from 'drizzle-orm';
import { quarantineCaseEvents, quarantineSites, sites, type quarantineCases } from '../../db/schema/index';
import { latestProposals, openTaskOfCase } from './standing-proposals';
import { loadDestination } from '../transfers/transfer-destination';
import { distanceMetres, type LatLon } from '../../../src/lib/domain/coordinates';
import { bedsToPromise } from '../../../src/lib/domain/closed-loop-transfer';
import { destinationKindsFor, feverClinicTakesTransfers, type CaseTransferReason } from '../../../src/lib/domain/case-transfer-reason';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import type { CommandContext, Emitted, Tx } from '../command-events';
import { heldBeds } from '../transfers/transfer-tasks';

export interface ProposedDestination {
	kind: 'fever_clinic' | 'hotel';
	id: string;
	name: string;
}

type Case = typeof quarantineCases.$inferSelect;

export async function proposeFeverTransfer(
	tx: Tx,
	emit: (event: Emitted) => CommandEvent,
	{ ctx, found, village, now, reason }: { ctx: CommandContext; found: Case; village: LatLon | null; now: number; reason: CaseTransferReason }
): Promise<ProposedDestination | null> {
	// One person, one vehicle: while a transfer of the case is open, its destination stands and nothing new is proposed.
	const open = await openTaskOfCase(tx, found.id);
	if (open) {
		const going = await loadDestination(tx, open);
		return { kind: going.kind, id: going.id, name: going.name };
	}
	const already = (await latestProposals(tx, [found.id])).get(found.id);
	const standing = already?.stands ? ((already.details as { destination?: ProposedDestination }).destination ?? null) : null;
	// A positive after a fever's proposal to a hotel needs a fever clinic: proposed anew (the latest is the one that stands).
	if (standing && !(standing.kind === 'hotel' && !destinationKindsFor(reason).includes('hotel'))) return standing;

	const destination = await nearestDestination(tx, village, destinationKindsFor(reason).includes('hotel'));
	if (!destination) return null;
	const event = emit({ type: 'case.transfer_proposed', caseId: found.id, villageId: found.villageId, destination: { kind: destination.kind, id: destination.id }, reason });
	await tx.insert(quarantineCaseEvents).values({ caseId: found.id, at: new Date(now), actor: ctx.actor, kind: 'transfer_proposed', reason, eventId: event.id, details: { destination } });
	return destination;
}

/** The nearest fever clinic not marked closed (at any hour: feverClinicTakesTransfers), else (when a hotel will do) the nearest hotel with a bed to promise; by the village's centre when known. */
async function nearestDestination(tx: Tx, from: LatLon | null, hotelWillDo: boolean): Promise<ProposedDestination | null> {
	const nearest = <T extends LatLon>(places: T[]): T | undefined => (from ? [...places].sort((a, b) => distanceMetres(from, a) - distanceMetres(from, b)) : places)[0];
	const clinics = await tx.select({ id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon, status: sites.status }).from(sites).where(eq(sites.kind, 'fever_clinic_24h'));
	const clinic = nearest(clinics.filter((each) => feverClinicTakesTransfers(each.status)).sort((a, b) => a.id.localeCompare(b.id)));
	if (clinic) return { kind: 'fever_clinic', id: clinic.id, name: clinic.name };
	if (!hotelWillDo) return null;
	const hotels = await tx.select().from(quarantineSites).where(ne(quarantineSites.beds, 0));
	const withRoom = [];
	for (const hotel of hotels.sort((a, b) => a.id.localeCompare(b.id))) {
		if (bedsToPromise({ beds: hotel.beds, occupied: hotel.occupied, heldForTransfers: await heldBeds(tx, hotel.id) }) > 0) withRoom.push(hotel);
	}
	const hotel = nearest(withRoom);
	return hotel ? { kind: 'hotel', id: hotel.id, name: hotel.name } : null;
}
