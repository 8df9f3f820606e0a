/**
 * When a case's fever, symptoms or positive test, and the transfer proposed for it, stand. One
 * definition for the wall, the desk, the officer's phone and the dispatcher: a concern is a
 * clinical event that stands until it is handled (the person handed over at the end of a
 * transfer, or the case ended) or an officer dismisses it with a reason; never because the day
 * changed, and never because a later reading was normal.
 */

/** What ends a fever or a proposal: a handover (case.transferred) or an officer's dismissal with a reason. */
export type ConcernEnd = 'handed_over' | 'dismissed';

export interface CaseReading {
	/** When the reading was taken (epoch ms). */
	at: number;
	/** Fever or any symptom (assessFollowUp's critical). */
	critical: boolean;
}

/**
 * Since when the case's fever stands (its first critical reading after the last handover or
 * dismissal), or null. A normal reading after a critical one changes nothing: the fever was
 * reported and waits to be acted on.
 */
export function feverStandsSince(readings: readonly CaseReading[], ends: readonly { at: number }[]): number | null {
	const lastEnd = ends.reduce((latest, end) => Math.max(latest, end.at), -Infinity);
	const since = readings.filter((reading) => reading.critical && reading.at > lastEnd).reduce((first, reading) => Math.min(first, reading.at), Infinity);
	return since === Infinity ? null : since;
}

export interface ProposalState {
	/** When the case's latest proposal was made (epoch ms). */
	proposedAt: number;
	/** The case is still under its measure (active). */
	caseActive: boolean;
	/** The case's transfer tasks. */
	tasks: readonly { createdAt: number; status: 'open' | 'handed_over' | 'cancelled' }[];
	/** Handovers and dismissals on the case (epoch ms). */
	ends: readonly { at: number }[];
}

/**
 * A proposal stands, for the dispatcher to confirm, until it is handled: a transfer made since
 * (and not cancelled: a cancelled one puts it back), any transfer of the case still open (the
 * person is being collected already), the case handed over or its concern dismissed since, or
 * the case no longer under its measure.
 */
export function proposalStands(state: ProposalState): boolean {
	if (!state.caseActive) return false;
	if (state.tasks.some((task) => task.status === 'open')) return false;
	if (state.tasks.some((task) => task.status !== 'cancelled' && task.createdAt >= state.proposedAt)) return false;
	return !state.ends.some((end) => end.at >= state.proposedAt);
}
