/**
 * A lab's load from its daily report: tubes received and tested. Results are due within 8 hours
 * (domain.md, labs): a lab whose backlog takes longer than that at its capacity is over capacity,
 * and the dispatcher should send boxes elsewhere.
 */
export const RESULTS_DUE_HOURS = 8;

export function labBacklog(receivedTubes: number, testedTubes: number): number {
	return Math.max(0, receivedTubes - testedTubes);
}

/** Today's testing rate: tubes tested since the first report that had any, per hour; null before 15 minutes of it. */
export function testingRatePerHour({ testedTubes, firstTestedAt, reportedAt }: { testedTubes: number; firstTestedAt: number | null; reportedAt: number | null }): number | null {
	if (firstTestedAt === null || reportedAt === null || reportedAt - firstTestedAt < 15 * 60_000) return null;
	return Math.round(testedTubes / ((reportedAt - firstTestedAt) / 3_600_000));
}

/**
 * Hours to test the backlog: at the rate the lab is testing today when known, else at its daily
 * capacity; null when it has neither.
 */
export function hoursToClear(backlogTubes: number, capacityTubesPerDay: number, ratePerHour: number | null = null): number | null {
	const perHour = ratePerHour !== null && ratePerHour > 0 ? ratePerHour : capacityTubesPerDay / 24;
	if (perHour <= 0) return null;
	return Math.round((backlogTubes / perHour) * 10) / 10;
}

export function labOverCapacity(backlogTubes: number, capacityTubesPerDay: number, dueHours = RESULTS_DUE_HOURS): boolean {
	if (capacityTubesPerDay <= 0) return backlogTubes > 0;
	return backlogTubes / (capacityTubesPerDay / 24) > dueHours;
}
