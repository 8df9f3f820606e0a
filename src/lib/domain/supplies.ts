/**
 * Supplies for home-quarantine households (物资配送, seed 003: the village keeps them supplied, so
 * nobody has a reason to go out). A household is due a delivery on its first day and then every
 * `everyDays` days after the last one actually made, until its last day: a late delivery moves
 * the next one on, a missed one stays due. Pure.
 */
import { addDays } from './quarantine';

export const SUPPLY_RULES = { everyDays: 3 } as const;

export interface SupplyHousehold {
	measure: string;
	/** First and last day of the measure (YYYY-MM-DD, China time). */
	startDate: string;
	endDate: string;
	/** The day of the last delivery made, or null. */
	lastDeliveredDay: string | null;
}

/** The day the next delivery is due, or null when none is (not home quarantine, or past its last day). */
export function nextDeliveryDay(household: SupplyHousehold, rules: { everyDays: number } = SUPPLY_RULES): string | null {
	if (household.measure !== 'home_quarantine') return null;
	const next = household.lastDeliveredDay === null ? household.startDate : addDays(household.lastDeliveredDay, rules.everyDays);
	return next > household.endDate ? null : next;
}

/** Whether a delivery is due to the household on a day (today's, or one still owed from before). */
export function deliveryDue(household: SupplyHousehold, day: string, rules: { everyDays: number } = SUPPLY_RULES): boolean {
	if (day < household.startDate || day > household.endDate) return false;
	const next = nextDeliveryDay(household, rules);
	return next !== null && next <= day;
}
