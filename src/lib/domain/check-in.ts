/**
 * Daily follow-up of quarantined households (domain.md): one check-in per day. Before the hour it
 * is due, a missing check-in is not late yet; after it, it is overdue.
 */
export const CHECK_IN_DUE_HOUR = 10;

export function checkInOverdue({ checkedInToday, localHour, dueHour = CHECK_IN_DUE_HOUR }: { checkedInToday: boolean; localHour: number; dueHour?: number }): boolean {
	return !checkedInToday && localHour >= dueHour;
}

/** The local hour (0–23, China time) of an instant. */
export function chinaHour(epochMs: number): number {
	return new Date(epochMs + 8 * 3_600_000).getUTCHours();
}
