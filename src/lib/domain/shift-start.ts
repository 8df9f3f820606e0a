/**
 * When a sampler's shift (and PPE time, 防护服穿着时长) started today. The site's timetable opening
 * (sites.opens_at) is when work normally starts, but a mass-testing round runs around the clock: a
 * site that began sampling before its opening hour (a round declared at 03:47, the site sampling at
 * 03:50 with opening 08:00) had its samplers in PPE from then, not from 08:00. So the work day starts
 * at the earlier of the opening and the site's first sample of the day; a sampler who came on later
 * starts then; a move to another site does not restart the shift (the move's time stands).
 */
export interface ShiftStartInput {
	/** The site's opening today (epoch ms). */
	opensAt: number;
	/** The site's first person sampled or box sealed today (epoch ms), null when none yet. */
	firstSampleAt: number | null;
	/** When this sampler's current place at the site began (epoch ms). */
	assignedAt: number;
	/** The sampler's last move today (epoch ms), if any. */
	movedAt?: number;
}

export function shiftStartsAt({ opensAt, firstSampleAt, assignedAt, movedAt }: ShiftStartInput): number {
	const workStarts = firstSampleAt === null ? opensAt : Math.min(opensAt, firstSampleAt);
	const cameOn = movedAt === undefined ? assignedAt : Math.min(assignedAt, movedAt);
	return Math.max(workStarts, cameOn);
}

/** Hours worked by `now` (never negative: before the shift starts it is 0). */
export function hoursOnShift(input: ShiftStartInput, now: number): number {
	return Math.max(0, (now - shiftStartsAt(input)) / 3_600_000);
}
