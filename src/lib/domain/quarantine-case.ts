/**
 * The quarantine case's rules (seeds 003, 004): what measure a returnee's facts and home lead to
 * and why, how long a case runs and which tests it has, when it may be released, how an extension
 * moves its end, and how many hotel beds a county needs (20 per 10,000 residents).
 */
import { addDays, homeQuarantineRefusal, QUARANTINE_DEFAULTS, scheduledTests, type HomeFacts } from './quarantine';
import { classifyReturnee, RETURNEE_DEFAULTS, type ReturneeFacts, type ReturneeMeasure } from './returnee';
import type { BilingualLabels } from './bilingual';

export type CaseMeasure = 'home_quarantine' | 'home_monitoring' | 'health_monitoring' | 'centralised';
export type ContactKind = 'close' | 'secondary';

/** Why a returnee got their measure: a code the pages word (MEASURE_REASON_TEXT). */
export type MeasureReason = 'close_contact' | 'secondary_contact' | 'red_code' | 'risk_area_home' | 'risk_area_home_not_allowed' | 'yellow_code' | 'no_recent_negative' | 'low_risk';

export const MEASURE_REASON_TEXT: BilingualLabels<MeasureReason> = {
	close_contact: { zh: '密切接触者：闭环转运至集中隔离点', en: 'close contact: closed-loop transfer to centralised quarantine' },
	secondary_contact: { zh: '次密切接触者：闭环转运至集中隔离点', en: 'secondary contact: closed-loop transfer to centralised quarantine' },
	red_code: { zh: '健康码红码：按密接处置，闭环转运', en: 'red health code: handled as a contact, closed-loop transfer' },
	risk_area_home: { zh: '来自中高风险地区：居家隔离 14 天', en: 'from a medium/high-risk area: 14 days home quarantine' },
	risk_area_home_not_allowed: { zh: '来自中高风险地区，家中不具备居家隔离条件：集中隔离 14 天后居家 14 天', en: 'from a medium/high-risk area, and the home does not qualify for home quarantine: 14 days centralised, then 14 at home' },
	yellow_code: { zh: '健康码黄码：送采样点检测，阴性前不得离开', en: 'yellow health code: tested at a sampling point and held until negative' },
	no_recent_negative: { zh: '无 48 小时内核酸阴性证明：送采样点检测，阴性前不得离开', en: 'no negative test from the last 48 hours: tested at a sampling point and held until negative' },
	low_risk: { zh: '来自低风险地区，持 48 小时内阴性证明：自我健康监测 14 天', en: 'from a low-risk area with a negative test from the last 48 hours: 14 days self health monitoring' }
};

export interface ReturneeClassification {
	measure: ReturneeMeasure;
	reason: MeasureReason;
	/** Why home quarantine was refused (en, from homeQuarantineRefusal), when it was. */
	homeRefusal: string | null;
}

/**
 * The measure and its reason. A secondary contact goes the way of a close one (003 plan 3); a
 * returnee from a risk area whose home does not qualify (five special categories, own room and
 * bathroom) goes to a hotel instead of staying home.
 */
export function classifyWithReason(facts: Omit<ReturneeFacts, 'closeContact'> & { contactKind: ContactKind | null; home: HomeFacts | null }, rules = RETURNEE_DEFAULTS): ReturneeClassification {
	const measure = classifyReturnee({ ...facts, closeContact: facts.contactKind !== null }, rules);
	if (measure === 'closed_loop_transfer') {
		const reason: MeasureReason = facts.contactKind === 'close' ? 'close_contact' : facts.contactKind === 'secondary' ? 'secondary_contact' : 'red_code';
		return { measure, reason, homeRefusal: null };
	}
	if (measure === 'home_quarantine') {
		const homeRefusal = homeQuarantineRefusal(facts.home ?? { specialCategory: null, separateRoom: null, separateBathroom: null });
		return homeRefusal ? { measure: 'centralised_quarantine', reason: 'risk_area_home_not_allowed', homeRefusal } : { measure, reason: 'risk_area_home', homeRefusal: null };
	}
	if (measure === 'test_and_hold') return { measure, reason: facts.healthCode === 'yellow' ? 'yellow_code' : 'no_recent_negative', homeRefusal: null };
	return { measure, reason: 'low_risk', homeRefusal: null };
}

export interface CasePlan {
	measure: CaseMeasure;
	placeKind: 'home' | 'hotel';
	/** A hotel case waits for its closed-loop transfer before it starts. */
	status: 'active' | 'awaiting_transfer';
}

/** The case a returnee's measure opens: at home, or at a hotel once the transfer hands them over. */
export function casePlanFor(measure: ReturneeMeasure): CasePlan {
	switch (measure) {
		case 'home_quarantine':
			return { measure: 'home_quarantine', placeKind: 'home', status: 'active' };
		case 'centralised_quarantine':
		case 'closed_loop_transfer':
			return { measure: 'centralised', placeKind: 'hotel', status: 'awaiting_transfer' };
		case 'test_and_hold':
		case 'health_monitoring':
			return { measure: 'health_monitoring', placeKind: 'home', status: 'active' };
	}
}

/** How many days a case runs: the hotel's 14 are one case, the 14 at home after it another. */
export function caseDays(measure: CaseMeasure, rules = QUARANTINE_DEFAULTS): number {
	if (measure === 'centralised') return rules.centralisedDays;
	if (measure === 'home_quarantine') return rules.homeDays;
	if (measure === 'home_monitoring') return rules.homeAfterCentralisedDays;
	return rules.monitoringDays;
}

/** The last day of a case starting on startDate (day 1). */
export function caseEndDate(startDate: string, measure: CaseMeasure, rules = QUARANTINE_DEFAULTS): string {
	return addDays(startDate, caseDays(measure, rules) - 1);
}

export type TestKind = 'arrival_24h' | 'day_7' | 'day_14' | 'extra';

/**
 * Tests of a case: a returnee's within 24 h of arrival, then day 7 and day 14 (003); the home
 * days after a hotel have day 7 and day 14 of their own.
 */
export function caseTests(startDate: string, fromArrival: boolean, rules = QUARANTINE_DEFAULTS): { kind: TestKind; dueDate: string }[] {
	const tests = scheduledTests(startDate, rules);
	return fromArrival ? tests : tests.filter((test) => test.kind !== 'arrival_24h');
}

/** The day of the case on `today` (the start day is day 1). */
export function caseDay(startDate: string, today: string): number {
	return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface CaseTest {
	kind: TestKind;
	dueDate: string;
	result: 'negative' | 'positive' | 'pending' | null;
}

export type ReleaseRefusal = { code: 'days_not_done'; daysLeft: number; plannedEndDate: string } | { code: 'test_positive'; kind: TestKind } | { code: 'tests_not_negative'; kinds: TestKind[] };

/**
 * Why a case may not be released on `today`, or null: its days are done (today is its planned
 * last day or later) and every scheduled test is negative. A positive test is named first.
 */
export function releaseRefusal({ today, plannedEndDate, tests }: { today: string; plannedEndDate: string; tests: readonly CaseTest[] }): ReleaseRefusal | null {
	const positive = tests.find((test) => test.result === 'positive');
	if (positive) return { code: 'test_positive', kind: positive.kind };
	if (today < plannedEndDate) return { code: 'days_not_done', daysLeft: caseDay(today, plannedEndDate) - 1, plannedEndDate };
	const open = tests.filter((test) => test.result !== 'negative').map((test) => test.kind);
	return open.length > 0 ? { code: 'tests_not_negative', kinds: open } : null;
}

export const EXTENSION_LIMITS = { minDays: 1, maxDays: 14 } as const;

/** A case extended (追加隔离) by `days`: its new last day, and the extra test due on it. */
export function extendCase(plannedEndDate: string, days: number): { plannedEndDate: string; extraTest: { kind: 'extra'; dueDate: string } } {
	if (!Number.isInteger(days) || days < EXTENSION_LIMITS.minDays || days > EXTENSION_LIMITS.maxDays) throw new RangeError(`an extension is ${EXTENSION_LIMITS.minDays} to ${EXTENSION_LIMITS.maxDays} whole days`);
	const end = addDays(plannedEndDate, days);
	return { plannedEndDate: end, extraTest: { kind: 'extra', dueDate: end } };
}

export type TestState = 'done' | 'due' | 'overdue' | 'upcoming' | 'positive';

/**
 * Where a test stands on `today` (a China-time day): overdue once its day has passed without a
 * result; due ("to sample today") on its day, and the within-24-hours test from arrival on,
 * though its date is the next day, since it is taken within 24 hours, not on a date. This is the
 * one meaning of "due today": the desk counts `due`, and the officer's rounds list every test
 * without a final result that is due or overdue (officer-rounds.ts), so a returnee who arrived
 * this evening is on the phone's list and in the desk's figure alike.
 */
export function testState(test: CaseTest, today: string): TestState {
	if (test.result === 'positive') return 'positive';
	if (test.result === 'negative') return 'done';
	if (test.dueDate < today) return 'overdue';
	return test.dueDate === today || test.kind === 'arrival_24h' ? 'due' : 'upcoming';
}

/** 004: quarantine places for 20 people per 10,000 residents, planned per county. */
export const BED_RULE = { bedsPer10k: 20 } as const;

export function bedsRequired(residents: number, rule = BED_RULE): number {
	return Math.ceil((residents * rule.bedsPer10k) / 10_000);
}

export interface HotelBeds {
	id: string;
	beds: number;
	occupied: number;
	/** Held by transfers on their way. */
	held: number;
}

/** Beds in all hotels against what the residents call for. Free never goes below zero. */
export function bedBalance(hotels: readonly HotelBeds[], residents: number, rule = BED_RULE) {
	const beds = hotels.reduce((sum, hotel) => sum + hotel.beds, 0);
	const occupied = hotels.reduce((sum, hotel) => sum + hotel.occupied, 0);
	const held = hotels.reduce((sum, hotel) => sum + hotel.held, 0);
	const required = bedsRequired(residents, rule);
	return { beds, occupied, held, free: Math.max(0, beds - occupied - held), required, shortfall: Math.max(0, required - beds) };
}
