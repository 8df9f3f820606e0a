/**
 * A lab's load from its daily report: tubes received and tested. Results are due within 8 hours
 * (domain.md, labs): a lab whose backlog takes longer than that at its capacity is over capacity,
 * and the dispatcher should send boxes elsewhere.
 */
export const RESULTS_DUE_HOURS = 8;

export function labBacklog(receivedTubes: number, testedTubes: number): number {
	return Math.max(0, receivedTubes - testedTubes);
}

/** Hours to test the backlog at the lab's daily capacity; null when it has none. */
export function hoursToClear(backlogTubes: number, capacityTubesPerDay: number): number | null {
	if (capacityTubesPerDay <= 0) return null;
	return Math.round((backlogTubes / (capacityTubesPerDay / 24)) * 10) / 10;
}

export function labOverCapacity(backlogTubes: number, capacityTubesPerDay: number, dueHours = RESULTS_DUE_HOURS): boolean {
	if (capacityTubesPerDay <= 0) return backlogTubes > 0;
	return backlogTubes / (capacityTubesPerDay / 24) > dueHours;
}
