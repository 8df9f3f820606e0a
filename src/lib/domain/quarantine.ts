/**
 * Quarantine rules (seeds 003, 004): 14 days at home, or 14 days centralised followed by 14 at
 * home; tests within 24 h of arrival, then on day 7 and day 14; home quarantine only for the five
 * special categories and only where the home has a separate room and bathroom.
 */
export type QuarantineMeasure = 'home_quarantine' | 'home_monitoring' | 'centralised';
export type SpecialCategory = 'aged_70_plus' | 'aged_14_or_under' | 'pregnant' | 'severe_illness' | 'relative_critical';

export const QUARANTINE_DEFAULTS = { homeDays: 14, centralisedDays: 14, homeAfterCentralisedDays: 14, monitoringDays: 14, testDays: [7, 14] } as const;

/** Adds whole days to a local date (YYYY-MM-DD), calendar-correct. */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day of a measure that starts on startDate (the start day counts as day 1). */
export function plannedEndDate(startDate: string, measure: QuarantineMeasure, rules = QUARANTINE_DEFAULTS): string {
	const days = measure === 'centralised' ? rules.centralisedDays + rules.homeAfterCentralisedDays : measure === 'home_quarantine' ? rules.homeDays : rules.monitoringDays;
	return addDays(startDate, days - 1);
}

export interface TestDue {
	kind: 'arrival_24h' | 'day_7' | 'day_14';
	dueDate: string;
}

/** Tests due for someone who arrived on arrivalDate: within 24 h (the next day at the latest), then day 7 and 14. */
export function scheduledTests(arrivalDate: string, rules = QUARANTINE_DEFAULTS): TestDue[] {
	return [
		{ kind: 'arrival_24h', dueDate: addDays(arrivalDate, 1) },
		{ kind: 'day_7', dueDate: addDays(arrivalDate, rules.testDays[0] - 1) },
		{ kind: 'day_14', dueDate: addDays(arrivalDate, rules.testDays[1] - 1) }
	];
}

export interface HomeFacts {
	specialCategory: SpecialCategory | null;
	separateRoom: boolean | null;
	separateBathroom: boolean | null;
}

/** Why home quarantine is not allowed, or null when it is. */
export function homeQuarantineRefusal(facts: HomeFacts): string | null {
	if (!facts.specialCategory) return 'home quarantine is only for the five special categories';
	if (facts.separateRoom !== true) return 'the home needs a separate room';
	if (facts.separateBathroom !== true) return 'the home needs a separate bathroom';
	return null;
}
