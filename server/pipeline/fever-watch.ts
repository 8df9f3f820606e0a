/**
 * Fevers on the wall within a second: the live state's view of today's follow-ups that found fever
 * or symptoms, counted per village (never a case or a person leaves here). A case counts while its
 * latest follow-up of the day was critical: a normal one later that day (a re-check) clears it.
 * Ordered by when each was taken, so a resent or late follow-up never overrides a newer one. A case
 * handed over at the end of its transfer (case.transferred) no longer counts from then: the fever
 * was acted on; only a follow-up taken after it raises it again. Pure.
 */
import type { CaseFollowedUp } from '../../src/lib/protocol/follow-up-events';
import type { CaseTransferred } from '../../src/lib/protocol/quarantine-events';
import { serviceDay } from '../../src/lib/domain/service-day';
import type { FeverVillage } from '../../src/lib/protocol/layers';
import type { ApplyOutcome } from './live-state';

interface Latest {
	villageId: string;
	village: CaseFollowedUp['village'];
	day: string;
	takenAt: number;
	reportId: string;
	critical: boolean;
	/** When this case's fever was first reported today (kept across critical re-checks). */
	since: number | null;
}

export class FeverWatch {
	/** The latest follow-up of each case, by case id. */
	#latest = new Map<string, Latest>();

	apply(event: CaseFollowedUp): ApplyOutcome {
		const takenAt = Date.parse(event.takenAt);
		const known = this.#latest.get(event.caseId);
		if (known && known.day > event.day) return 'stale';
		if (known && known.day === event.day) {
			if (known.reportId === event.reportId) return 'duplicate';
			if (known.takenAt > takenAt) return 'stale';
		}
		const sameDay = known && known.day === event.day;
		const since = event.critical ? (sameDay && known.since !== null ? Math.min(known.since, takenAt) : takenAt) : null;
		this.#latest.set(event.caseId, { villageId: event.villageId, village: event.village, day: event.day, takenAt, reportId: event.reportId, critical: event.critical, since });
		return 'applied';
	}

	/** The case was handed over (fever clinic or hotel): from then on its fever no longer stands for its village. */
	applyTransfer(event: CaseTransferred): ApplyOutcome {
		const at = Date.parse(event.at);
		const day = serviceDay(at);
		const reportId = `transfer:${event.id}`;
		const known = this.#latest.get(event.caseId);
		if (known && known.reportId === reportId) return 'duplicate';
		if (known && (known.day > day || (known.day === day && known.takenAt > at))) return 'stale';
		this.#latest.set(event.caseId, { villageId: event.villageId, village: known?.village ?? null, day, takenAt: at, reportId, critical: false, since: null });
		return 'applied';
	}

	/** Villages with a case whose latest follow-up on `day` was critical; a village the register cannot place is left off the map, not off the count. */
	villages(day: string): FeverVillage[] {
		const byVillage = new Map<string, FeverVillage>();
		for (const latest of this.#latest.values()) {
			if (latest.day !== day || !latest.critical || latest.since === null) continue;
			const entry = byVillage.get(latest.villageId) ?? { villageId: latest.villageId, village: latest.village?.name ?? latest.villageId.replace(/^v:.*\//, ''), lat: latest.village?.lat ?? null, lon: latest.village?.lon ?? null, cases: 0, since: new Date(latest.since).toISOString() };
			entry.cases += 1;
			if (Date.parse(entry.since) > latest.since) entry.since = new Date(latest.since).toISOString();
			byVillage.set(latest.villageId, entry);
		}
		return [...byVillage.values()].sort((a, b) => a.villageId.localeCompare(b.villageId));
	}

	/** A new day: yesterday's follow-ups are history. */
	forgetBefore(day: string): void {
		for (const [caseId, latest] of this.#latest) if (latest.day < day) this.#latest.delete(caseId);
	}
}
