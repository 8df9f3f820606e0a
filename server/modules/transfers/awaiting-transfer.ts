/**
 * Who awaits a closed-loop transfer: the one rule the transfer board lists by and task creation
 * refuses by, so a dispatcher cannot send to a hotel anyone the register has not put there.
 */

/** A household awaits transfer while on centralised quarantine with no hotel yet. */
export const HOUSEHOLD_MEASURE_AWAITING = 'centralised';

/** A returnee awaits transfer when assigned closed-loop transfer (or centralised quarantine, which also means a hotel). */
export const RETURNEE_MEASURES_AWAITING = ['closed_loop_transfer', 'centralised_quarantine'] as const;

export function householdAwaitsTransfer(household: { measure: string; quarantineSiteId: string | null }): boolean {
	return household.measure === HOUSEHOLD_MEASURE_AWAITING && household.quarantineSiteId === null;
}

export function returneeAwaitsTransfer(returnee: { measure: string }): boolean {
	return (RETURNEE_MEASURES_AWAITING as readonly string[]).includes(returnee.measure);
}
