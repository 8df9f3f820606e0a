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

/** Coverage in percent, one decimal, capped at 100 (people sampled twice count once in the plan). */
export function coveragePercent(sampled: number, residents: number): number {
	if (residents <= 0) return 0;
	return Math.min(100, Math.round((sampled / residents) * 1000) / 10);
}
