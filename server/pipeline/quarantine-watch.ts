/**
 * The live state's view of the quarantine desk's events (returnee.registered, case.*): per
 * village, returnees registered per day by measure, cases by measure and status, and positive test
 * results per day; per hotel, cases placed and released. Counts only: no case, person or
 * returnee leaves here. Idempotent on the event id (the log may deliver an event twice) and pure.
 *
 * It is what a wall's quarantine counts will read (the pages are later work); storage stays the
 * truth for lists and for a restart (the desk reads the tables).
 */
import type { QuarantineEvent } from '../../src/lib/protocol/quarantine-events';
import type { ApplyOutcome } from './live-state';
import { serviceDay } from '../../src/lib/domain/service-day';

export interface VillageQuarantineCounts {
	/** Returnees registered on each China date, by measure. */
	returnees: Record<string, Record<string, number>>;
	/** Positive test results recorded on each China date. */
	positives: Record<string, number>;
}

export class QuarantineWatch {
	#seen = new Set<string>();
	#villages = new Map<string, VillageQuarantineCounts>();
	/** Each case's latest known measure and status, for counts by measure. */
	#cases = new Map<string, { villageId: string; measure: string; status: string; quarantineSiteId: string | null }>();

	apply(event: QuarantineEvent): ApplyOutcome {
		if (this.#seen.has(event.id)) return 'duplicate';
		this.#seen.add(event.id);
		const village = this.#village(event.villageId);
		const day = serviceDay(Date.parse(event.at));
		switch (event.type) {
			case 'returnee.registered': {
				const byMeasure = (village.returnees[event.arrivalDay] ??= {});
				byMeasure[event.measure] = (byMeasure[event.measure] ?? 0) + 1;
				break;
			}
			case 'case.measure_overridden':
				this.#cases.set(event.caseId, { villageId: event.villageId, measure: event.caseMeasure, status: event.status, quarantineSiteId: null });
				break;
			case 'case.opened':
				this.#cases.set(event.caseId, { villageId: event.villageId, measure: event.measure, status: event.status, quarantineSiteId: event.quarantineSiteId });
				break;
			case 'case.placed':
				this.#cases.set(event.caseId, { villageId: event.villageId, measure: 'centralised', status: 'active', quarantineSiteId: event.quarantineSiteId });
				break;
			case 'case.released': {
				const known = this.#cases.get(event.caseId);
				if (known) known.status = 'released';
				break;
			}
			case 'case.test_result':
				if (event.result === 'positive') village.positives[day] = (village.positives[day] ?? 0) + 1;
				break;
			case 'case.extended':
				break;
			case 'case.transferred': {
				const known = this.#cases.get(event.caseId);
				if (known && event.ended) known.status = 'transferred';
				else if (known) {
					// Handed over at a hotel: centralised there (case-handover.ts), counted by that measure.
					known.quarantineSiteId = event.destination.id;
					known.measure = 'centralised';
				}
				break;
			}
		}
		return 'applied';
	}

	#village(villageId: string): VillageQuarantineCounts {
		let counts = this.#villages.get(villageId);
		if (!counts) this.#villages.set(villageId, (counts = { returnees: {}, positives: {} }));
		return counts;
	}

	/** Per village, what the day's registrations and positives were. */
	village(villageId: string): VillageQuarantineCounts | null {
		return this.#villages.get(villageId) ?? null;
	}

	/** Open cases (active or awaiting transfer) by measure, for a village or the county; and people in each hotel. */
	openCases(villageId?: string): { byMeasure: Record<string, number>; byHotel: Record<string, number> } {
		const byMeasure: Record<string, number> = {};
		const byHotel: Record<string, number> = {};
		for (const known of this.#cases.values()) {
			if (known.status === 'released' || known.status === 'transferred' || (villageId && known.villageId !== villageId)) continue;
			byMeasure[known.measure] = (byMeasure[known.measure] ?? 0) + 1;
			if (known.quarantineSiteId && known.status === 'active') byHotel[known.quarantineSiteId] = (byHotel[known.quarantineSiteId] ?? 0) + 1;
		}
		return { byMeasure, byHotel };
	}
}
