/**
 * What happens to a returnee on arrival (seeds 003, 004): close contacts go by closed-loop
 * transfer to centralised quarantine; a red or yellow health code is handled like a contact;
 * from a mid/high-risk area, 14 days of home quarantine; without a negative test from the last
 * 48 hours, tested and held until negative; otherwise health monitoring.
 */
export type ReturneeMeasure = 'health_monitoring' | 'home_quarantine' | 'centralised_quarantine' | 'test_and_hold' | 'closed_loop_transfer';

export interface ReturneeFacts {
	originRisk: 'low' | 'medium' | 'high';
	healthCode: 'green' | 'yellow' | 'red';
	closeContact: boolean;
	arrivalAtMs: number;
	lastNegativeTestAtMs: number | null;
}

export const RETURNEE_DEFAULTS = { negativeTestValidHours: 48 } as const;

export function classifyReturnee(facts: ReturneeFacts, rules = RETURNEE_DEFAULTS): ReturneeMeasure {
	if (facts.closeContact || facts.healthCode === 'red') return 'closed_loop_transfer';
	if (facts.originRisk !== 'low') return 'home_quarantine';
	const validUntil = facts.lastNegativeTestAtMs === null ? null : facts.lastNegativeTestAtMs + rules.negativeTestValidHours * 3_600_000;
	if (facts.healthCode === 'yellow' || validUntil === null || validUntil < facts.arrivalAtMs) return 'test_and_hold';
	return 'health_monitoring';
}
