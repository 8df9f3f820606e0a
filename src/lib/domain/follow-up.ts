/**
 * Daily follow-up of quarantine cases (seed 003: 体温监测, 每天电话随访; "fever, fatigue or dry cough
 * is reported at once"). Home quarantine is followed up twice a day, every other measure once;
 * each follow-up of the day has a slot with the hour (China time) it is due by. A follow-up is
 * overdue only when it was due and is not done by its hour: before the hour it is not late yet,
 * on a case's first day a slot whose hour passed before the case began is not due at all, and a
 * case that has ended (released, transferred, past its last day) owes none. Pure.
 */
import { serviceDay, serviceDayStart } from './service-day';
import type { BilingualLabels } from './bilingual';

export type FollowUpSlot = 'morning' | 'evening';

export interface SlotRule {
	slot: FollowUpSlot;
	/** From this hour (China time) a follow-up fills this slot… */
	opensHour: number;
	/** …and by this hour it is due; after it, a missing one is overdue. */
	dueHour: number;
}

export const FOLLOW_UP_RULES = {
	/** 37.3 °C and above is a fever (发热). */
	feverFromC: 37.3,
	/** Home quarantine: twice a day, morning and evening. */
	twiceDaily: [
		{ slot: 'morning', opensHour: 0, dueHour: 10 },
		{ slot: 'evening', opensHour: 14, dueHour: 20 }
	],
	/** Every other measure (home or health monitoring, a hotel): once, in the morning. */
	onceDaily: [{ slot: 'morning', opensHour: 0, dueHour: 10 }]
} as const satisfies { feverFromC: number; twiceDaily: readonly SlotRule[]; onceDaily: readonly SlotRule[] };

/** A body temperature a thermometer can read on a living person: outside it, the reading is a mistake to re-measure. */
export const TEMPERATURE_RANGE_C = { min: 34, max: 43 } as const;

/** Why a temperature cannot be recorded (missing, below or above TEMPERATURE_RANGE_C), or null when it can. */
export function temperatureProblem(value: number | null | undefined): 'missing' | 'too_low' | 'too_high' | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return 'missing';
	if (value < TEMPERATURE_RANGE_C.min) return 'too_low';
	if (value > TEMPERATURE_RANGE_C.max) return 'too_high';
	return null;
}

export type FollowUpRules = { feverFromC: number; twiceDaily: readonly SlotRule[]; onceDaily: readonly SlotRule[] };

/** The measures followed up twice a day. */
export const TWICE_DAILY_MEASURES: readonly string[] = ['home_quarantine'];

/** The day's slots of a measure, in order. */
export function slotsOf(measure: string, rules: FollowUpRules = FOLLOW_UP_RULES): readonly SlotRule[] {
	return TWICE_DAILY_MEASURES.includes(measure) ? rules.twiceDaily : rules.onceDaily;
}

/** The earliest hour any follow-up is due (the wall's "overdue since" when no finer time is known). */
export function firstDueHour(rules: FollowUpRules = FOLLOW_UP_RULES): number {
	return Math.min(...[...rules.twiceDaily, ...rules.onceDaily].map((slot) => slot.dueHour));
}

/** The local hour (0–23, China time) of an instant. */
export function chinaHour(epochMs: number): number {
	return new Date(epochMs + 8 * 3_600_000).getUTCHours();
}

/** Symptoms asked at each follow-up (003: 发热、乏力、干咳等). Any of them, or a fever, is critical. */
export const SYMPTOMS = ['fever', 'fatigue', 'dry_cough', 'sore_throat', 'loss_of_smell_or_taste', 'shortness_of_breath', 'diarrhoea'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const SYMPTOM_LABELS: BilingualLabels<Symptom> = {
	fever: { zh: '发热', en: 'fever' },
	fatigue: { zh: '乏力', en: 'fatigue' },
	dry_cough: { zh: '干咳', en: 'dry cough' },
	sore_throat: { zh: '咽痛', en: 'sore throat' },
	loss_of_smell_or_taste: { zh: '嗅(味)觉减退', en: 'loss of smell or taste' },
	shortness_of_breath: { zh: '气促', en: 'shortness of breath' },
	diarrhoea: { zh: '腹泻', en: 'diarrhoea' }
};

export interface FollowUpReading {
	/** °C, as measured; null when not taken (a symptom report alone). */
	temperatureC: number | null;
	symptoms: readonly Symptom[];
}

export interface FollowUpAssessment {
	fever: boolean;
	/** Fever or any symptom: reported at once, a critical alert and a proposed transfer. */
	critical: boolean;
}

export function assessFollowUp(reading: FollowUpReading, rules: Pick<FollowUpRules, 'feverFromC'> = FOLLOW_UP_RULES): FollowUpAssessment {
	// Compared in hundredths of a degree, the finest a thermometer reports: 37.3 read from a form is
	// 37.3, not 37.29999, and 37.25 stays below 37.3 (rounding to tenths made it 37.3, a fever).
	const fever = (reading.temperatureC !== null && Math.round(reading.temperatureC * 100) >= Math.round(rules.feverFromC * 100)) || reading.symptoms.includes('fever');
	return { fever, critical: fever || reading.symptoms.length > 0 };
}

/** What the follow-up rules need of a case. */
export interface FollowUpCase {
	/** The case's measure (home_quarantine, home_monitoring, health_monitoring, centralised). */
	measure: string;
	/** When the case began (epoch ms). */
	startedAt: number;
	/** Its last day (YYYY-MM-DD, China time), inclusive. */
	endDate: string;
	/** When it ended early (released, transferred, closed), epoch ms; null while it stands. */
	endedAt: number | null;
}

export interface DueFollowUp {
	slot: FollowUpSlot;
	/** The instant it is due by (epoch ms). */
	dueAt: number;
}

/** The follow-ups a case owes on a day (China date), in order. */
export function followUpsDue(c: FollowUpCase, day: string, rules: FollowUpRules = FOLLOW_UP_RULES): DueFollowUp[] {
	if (day < serviceDay(c.startedAt) || day > c.endDate) return [];
	const start = serviceDayStart(day);
	return slotsOf(c.measure, rules)
		.map((rule) => ({ slot: rule.slot, dueAt: start + rule.dueHour * 3_600_000 }))
		.filter(({ dueAt }) => dueAt > c.startedAt && (c.endedAt === null || dueAt <= c.endedAt));
}

/** The slot a follow-up taken at an instant fills for a measure: the latest whose window has opened. */
export function slotAt(measure: string, at: number, rules: FollowUpRules = FOLLOW_UP_RULES): FollowUpSlot {
	const hour = chinaHour(at);
	const slots = slotsOf(measure, rules);
	return [...slots].reverse().find((rule) => rule.opensHour <= hour)?.slot ?? slots[0].slot;
}

/** The follow-ups of a day that were due by `now` and are not among those done. */
export function overdueFollowUps(c: FollowUpCase, day: string, done: ReadonlySet<FollowUpSlot>, now: number, rules: FollowUpRules = FOLLOW_UP_RULES): DueFollowUp[] {
	return followUpsDue(c, day, rules).filter((due) => due.dueAt <= now && !done.has(due.slot));
}

/** Whether a slot is one of the measure's (a phone may name it; it must be one the measure has). */
export function slotFits(measure: string, slot: FollowUpSlot, rules: FollowUpRules = FOLLOW_UP_RULES): boolean {
	return slotsOf(measure, rules).some((rule) => rule.slot === slot);
}
