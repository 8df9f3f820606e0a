/**
 * The plan of a sampling day: every registered resident sampled within the operating hours
 * (domain.md: all residents within one day), spread evenly over them. The wall draws today's
 * throughput per hour against it.
 */
export const SAMPLING_HOURS = { startHour: 6, endHour: 22 } as const;

/** People planned per local hour 0–23: residents ÷ operating hours inside them, 0 outside. */
export function plannedPerHour(residents: number, hours: { startHour: number; endHour: number } = SAMPLING_HOURS): number[] {
	const span = hours.endHour - hours.startHour;
	if (span <= 0 || residents <= 0) return new Array(24).fill(0);
	const perHour = Math.ceil(residents / span);
	return Array.from({ length: 24 }, (_, hour) => (hour >= hours.startHour && hour < hours.endHour ? perHour : 0));
}

/**
 * People planned per local hour 0–23 of the day starting at `dayStart` for a round running from
 * `start` to `target` (around the clock: a round declared at 03:47 is planned through the night,
 * not 06:00–22:00): residents spread evenly over the round, each hour its share of the round's
 * time within it, rounded up; hours outside the round are 0.
 */
export function plannedPerHourInRound(residents: number, dayStart: number, start: number, target: number): number[] {
	const span = target - start;
	if (span <= 0 || residents <= 0) return new Array(24).fill(0);
	return Array.from({ length: 24 }, (_, hour) => {
		const from = Math.max(start, dayStart + hour * 3_600_000);
		const to = Math.min(target, dayStart + (hour + 1) * 3_600_000);
		return to > from ? Math.ceil((residents * (to - from)) / span) : 0;
	});
}

/** The wall's one percentage rule lives with the coverage rules (coverage-progress.ts); kept here for its callers. */
export { coveragePercent } from './coverage-progress';
