/**
 * When a simulated village officer (三人小组) does what, and what they find: pure and
 * deterministic from the village, the day and the case, so the demo loader and the simulated
 * phones agree, and a restart redoes nothing (the same follow-up has the same report id and
 * reading; anything already recorded is a duplicate or is no longer due).
 *
 * The morning round starts between 07:00 and 08:30 (China time) and visits the village's cases
 * in turn, done before the 10:00 the rules give; now and then (about one village-day in twelve)
 * the officer is late and starts after 10:00, the only time the wall's "follow-up overdue" is
 * right to show. The evening round (home quarantine) starts between 17:00 and 18:30, done before
 * 20:00. Samples taken on the morning round come back from the lab four hours later; releases are
 * done from 15:00, once the day's results are in.
 */
import { addDays } from '../../src/lib/domain/quarantine';
import { serviceDayStart } from '../../src/lib/domain/service-day';
import { FOLLOW_UP_RULES, type FollowUpSlot, type Symptom } from '../../src/lib/domain/follow-up';

const MINUTE = 60_000;
export const ROUNDS = {
	morning: { startMinute: 7 * 60, spreadMinutes: 90, lateStartMinute: 10 * 60 + 15, lateSpreadMinutes: 30 },
	evening: { startMinute: 17 * 60, spreadMinutes: 90 },
	/** A round visits the cases this far apart, and takes at most this long. */
	stepMinutes: 3,
	longestRoundMinutes: 50,
	/** About one village-day in this many, the morning round starts late. */
	lateOneIn: 12,
	labHours: 4,
	releaseFromMinute: 15 * 60,
	/** About one reading in this many finds fever or a symptom. */
	feverOneIn: 45
} as const;

/** A 32-bit hash of the parts (FNV-1a), for deterministic choices. */
export function hashOf(...parts: string[]): number {
	let hash = 2166136261;
	for (const char of parts.join('|')) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
	return hash >>> 0;
}

const fraction = (...parts: string[]) => hashOf(...parts) / 2 ** 32;

/** When the village's officer starts a round on a day (epoch ms), and whether they are late. */
export function roundStart(villageId: string, day: string, slot: FollowUpSlot): { at: number; late: boolean } {
	const dayStart = serviceDayStart(day);
	if (slot === 'evening') return { at: dayStart + (ROUNDS.evening.startMinute + Math.floor(fraction(villageId, day, 'evening') * ROUNDS.evening.spreadMinutes)) * MINUTE, late: false };
	const late = hashOf(villageId, day, 'late') % ROUNDS.lateOneIn === 0;
	const minute = late
		? ROUNDS.morning.lateStartMinute + Math.floor(fraction(villageId, day, 'morning') * ROUNDS.morning.lateSpreadMinutes)
		: ROUNDS.morning.startMinute + Math.floor(fraction(villageId, day, 'morning') * ROUNDS.morning.spreadMinutes);
	return { at: dayStart + minute * MINUTE, late };
}

/** When the officer reaches the case at `position` (0-based) of the `count` on the round: in turn, the whole round within its longest. */
export function visitAt(villageId: string, day: string, slot: FollowUpSlot, position: number, count: number): number {
	const step = Math.min(ROUNDS.stepMinutes, ROUNDS.longestRoundMinutes / Math.max(1, count));
	return roundStart(villageId, day, slot).at + Math.round(position * step * MINUTE);
}

/** The phone's id of a follow-up: the same case, day and slot is the same report (a resend, not a second one). */
export function followUpReportId(caseId: string, day: string, slot: FollowUpSlot): string {
	return `sim-fu-${caseId}-${day}-${slot}`;
}

const SYMPTOM_FINDINGS: Symptom[][] = [['fever'], ['fever', 'fatigue'], ['dry_cough'], ['fever', 'dry_cough'], ['sore_throat']];

/** What the officer measures: 36.1–36.9 °C as a rule; about one reading in 45 finds fever (37.3–38.4 °C) or a symptom. */
export function readingOf(caseId: string, day: string, slot: FollowUpSlot): { temperatureC: number; symptoms: Symptom[] } {
	const roll = hashOf(caseId, day, slot, 'reading');
	if (roll % ROUNDS.feverOneIn === 0) {
		const symptoms = SYMPTOM_FINDINGS[Math.floor(roll / ROUNDS.feverOneIn) % SYMPTOM_FINDINGS.length];
		const fever = symptoms.includes('fever');
		return { temperatureC: fever ? 37.3 + (Math.floor(roll / 7) % 12) / 10 : 36.8, symptoms };
	}
	return { temperatureC: Math.round((36.1 + (roll % 9) / 10) * 10) / 10, symptoms: [] };
}

/** The slots a case's measure is followed up in (home quarantine twice a day, others once). */
export function slotsFor(measure: string): FollowUpSlot[] {
	return measure === 'home_quarantine' ? ['morning', 'evening'] : ['morning'];
}

/** What a simulated officer's phone sees of a case (GET /api/quarantine/rounds: the tests still to take, with their results so far). */
export interface SeenCase {
	id: string;
	villageId: string;
	measure: string;
	placeKind: string;
	status: string;
	startDate: string;
	plannedEndDate: string;
	releasable: boolean;
	tests: { id: number; kind: string; dueDate: string; result: string | null }[];
	/** The standing fever's first reading (ISO) and whether a transfer is under way (concern-handling.ts). */
	feverSince?: string | null;
	transferUnderway?: boolean;
}

export type OfficerAction =
	| { kind: 'follow_up'; key: string; caseId: string; slot: FollowUpSlot; at: number; takenAt: number; reportId: string; temperatureC: number; symptoms: Symptom[] }
	| { kind: 'sample'; key: string; caseId: string; testId: number; at: number }
	| { kind: 'result'; key: string; caseId: string; testId: number; result: 'negative' | 'positive'; at: number }
	| { kind: 'delivery'; key: string; caseId: string; at: number }
	| { kind: 'release'; key: string; caseId: string; at: number };

/** The day's one positive day-7 test (the demo's): of the day-7 tests due that day across the cases, the one whose case hashes lowest. */
export function positiveTestOf(cases: readonly SeenCase[], day: string): number | null {
	let best: { testId: number; hash: number } | null = null;
	for (const c of cases) {
		for (const test of c.tests) {
			if (test.kind !== 'day_7' || test.dueDate !== day) continue;
			const hash = hashOf(c.id, day, 'positive');
			if (!best || hash < best.hash) best = { testId: test.id, hash };
		}
	}
	return best?.testId ?? null;
}

/**
 * What the village's officer has to do by `now` on `day` for the cases they see (in visiting
 * order), each at its time; the caller leaves out what it has already done. A case the phone
 * first saw after its visit time (a returnee registered after the round) is visited when seen:
 * its tests sampled and supplies brought then, and a follow-up only for a slot still owed (one
 * whose hour had not passed when the case began that day, as the rules count it).
 */
export function officerActions({ villageId, cases, day, now, positiveTestId, firstSeen }: { villageId: string; cases: readonly SeenCase[]; day: string; now: number; positiveTestId: number | null; firstSeen?: ReadonlyMap<string, number> }): OfficerAction[] {
	const own = cases.filter((c) => c.villageId === villageId && c.status === 'active' && c.startDate <= day && c.plannedEndDate >= day).sort((a, b) => a.id.localeCompare(b.id));
	const dayStart = serviceDayStart(day);
	const actions: OfficerAction[] = [];
	for (const slot of ['morning', 'evening'] as const) {
		const round = own.filter((c) => slotsFor(c.measure).includes(slot));
		const dueAt = dayStart + (slot === 'morning' ? FOLLOW_UP_RULES.twiceDaily[0].dueHour : FOLLOW_UP_RULES.twiceDaily[1].dueHour) * 3_600_000;
		round.forEach((c, position) => {
			const seenAt = firstSeen?.get(c.id) ?? Number.NEGATIVE_INFINITY;
			const at = Math.max(visitAt(villageId, day, slot, position, round.length), seenAt);
			if (at > now) return;
			// A case that began today after the slot's hour owes no follow-up for it.
			const owed = !(c.startDate === day && seenAt > dueAt);
			if (owed) actions.push({ kind: 'follow_up', key: `fu:${c.id}:${day}:${slot}`, caseId: c.id, slot, at, takenAt: at, reportId: followUpReportId(c.id, day, slot), ...readingOf(c.id, day, slot) });
			if (slot !== 'morning') return;
			// Door-to-door sampling (上门采样) of the tests due, on the morning visit (or when first seen); the lab answers hours later.
			for (const test of c.tests) {
				if (test.dueDate > day) continue;
				if (test.result === null) actions.push({ kind: 'sample', key: `sample:${test.id}`, caseId: c.id, testId: test.id, at });
				const resultAt = test.dueDate < day ? at : at + ROUNDS.labHours * 3_600_000;
				if ((test.result === null || test.result === 'pending') && resultAt <= now) {
					actions.push({ kind: 'result', key: `result:${test.id}`, caseId: c.id, testId: test.id, result: test.id === positiveTestId ? 'positive' : 'negative', at: resultAt });
				}
			}
			// Supplies for home quarantine go with the morning visit (the server says whether one is due).
			if (c.measure === 'home_quarantine' && c.placeKind === 'home') actions.push({ kind: 'delivery', key: `delivery:${c.id}:${day}`, caseId: c.id, at });
		});
	}
	const releaseAt = dayStart + ROUNDS.releaseFromMinute * MINUTE;
	own.forEach((c, position) => {
		const at = releaseAt + position * ROUNDS.stepMinutes * MINUTE;
		if (c.releasable && at <= now) actions.push({ kind: 'release', key: `release:${c.id}`, caseId: c.id, at });
	});
	return actions.sort((a, b) => a.at - b.at || (a.kind === 'result' ? 1 : 0) - (b.kind === 'result' ? 1 : 0));
}

/** The delivery days of a home-quarantine case whose every delivery was made on time (the first day, then every 3 days). */
export function deliveryDaysBefore(startDate: string, endDate: string, before: string, everyDays = 3): string[] {
	const days: string[] = [];
	for (let day = startDate; day < before && day <= endDate; day = addDays(day, everyDays)) days.push(day);
	return days;
}
