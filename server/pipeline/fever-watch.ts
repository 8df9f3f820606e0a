/**
 * Fevers on the wall within a second: the live state's view of the fevers (fever or symptoms) that
 * stand, counted per village (never a case or a person leaves here). The rule is the one the
 * overview, the desk and the phone read (src/lib/domain/standing-concern.ts, via
 * server/modules/quarantine/standing-fevers.ts): a fever stands from its first critical reading
 * until the person is handed over (case.transferred) or the case ends; a later normal reading does
 * not clear it, nor does midnight. A critical reading taken before the last handover, arriving
 * late, changes nothing. Restored at start from the database (restore), not from today's log. Pure.
 */
import type { CaseFollowedUp } from '../../src/lib/protocol/follow-up-events';
import type { CaseTransferred } from '../../src/lib/protocol/quarantine-events';
import type { FeverVillage } from '../../src/lib/protocol/layers';
import { feverStandsSince } from '../../src/lib/domain/standing-concern';
import type { ApplyOutcome } from './live-state';

type Place = CaseFollowedUp['village'];

interface CaseFever {
	villageId: string;
	village: Place;
	/** Critical readings since the last end (epoch ms). */
	critical: number[];
	/** The last handover or dismissal (epoch ms), -Infinity when none is known. */
	endedAt: number;
	/** Reports and handovers already applied (a resend changes nothing). */
	seen: Set<string>;
}

/** A fever standing at start, as the database has it (standing-fevers.ts). */
export interface RestoredFever {
	caseId: string;
	villageId: string;
	village: Place;
	since: number;
}

export class FeverWatch {
	#cases = new Map<string, CaseFever>();

	#case(caseId: string, villageId: string, village: Place): CaseFever {
		const known = this.#cases.get(caseId) ?? { villageId, village, critical: [], endedAt: -Infinity, seen: new Set<string>() };
		this.#cases.set(caseId, known);
		return known;
	}

	apply(event: CaseFollowedUp): ApplyOutcome {
		const takenAt = Date.parse(event.takenAt);
		const known = this.#cases.get(event.caseId);
		if (known?.seen.has(event.reportId)) return 'duplicate';
		if (known && takenAt <= known.endedAt) return 'stale';
		const entry = this.#case(event.caseId, event.villageId, event.village);
		entry.seen.add(event.reportId);
		// A normal reading is recorded but clears nothing: the fever waits to be acted on.
		if (!event.critical) return 'applied';
		entry.villageId = event.villageId;
		entry.village = event.village ?? entry.village;
		entry.critical.push(takenAt);
		return 'applied';
	}

	/** The case was handed over (fever clinic or hotel): its fever, reported before, no longer stands. */
	applyTransfer(event: CaseTransferred): ApplyOutcome {
		return this.end(event.caseId, event.villageId, Date.parse(event.at), `transfer:${event.id}`);
	}

	/** A handover, a dismissal or the case's end at `at`. */
	end(caseId: string, villageId: string, at: number, key: string): ApplyOutcome {
		const known = this.#cases.get(caseId);
		if (known?.seen.has(key)) return 'duplicate';
		const entry = this.#case(caseId, villageId, known?.village ?? null);
		entry.seen.add(key);
		if (at <= entry.endedAt) return 'stale';
		entry.endedAt = at;
		entry.critical = entry.critical.filter((takenAt) => takenAt > at);
		return 'applied';
	}

	/** The fevers standing at start, read from the database. */
	restore(fevers: Iterable<RestoredFever>): void {
		for (const fever of fevers) this.#case(fever.caseId, fever.villageId, fever.village).critical.push(fever.since);
	}

	/** Villages with a standing fever; a village the register cannot place is left off the map, not off the count. */
	villages(): FeverVillage[] {
		const byVillage = new Map<string, FeverVillage>();
		for (const entry of this.#cases.values()) {
			const since = feverStandsSince(entry.critical.map((at) => ({ at, critical: true })), [{ at: entry.endedAt }]);
			if (since === null) continue;
			const village = byVillage.get(entry.villageId) ?? { villageId: entry.villageId, village: entry.village?.name ?? entry.villageId.replace(/^v:.*\//, ''), lat: entry.village?.lat ?? null, lon: entry.village?.lon ?? null, cases: 0, since: new Date(since).toISOString() };
			village.cases += 1;
			if (Date.parse(village.since) > since) village.since = new Date(since).toISOString();
			byVillage.set(entry.villageId, village);
		}
		return [...byVillage.values()].sort((a, b) => a.villageId.localeCompare(b.villageId));
	}

	/** Cases with nothing standing and no end in the last two days are forgotten (a late report older than that is not expected). */
	forgetSettled(now: number): void {
		for (const [caseId, entry] of this.#cases) if (entry.critical.length === 0 && entry.endedAt < now - 2 * 86_400_000) this.#cases.delete(caseId);
	}
}
