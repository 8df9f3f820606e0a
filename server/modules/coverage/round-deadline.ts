/**
 * The commander's deadline for a day's round (完成时限), when one is set: kept in
 * `kept_screen_state` under `round-deadline:<service day>` as { deadline: ISO }. The forecast's
 * target is this when set, else the round's start + 24 h. An instant, no personal data.
 */
import type { Db } from '../../db/client';
import { readKept } from '../screen-state/kept-screen-state';

export const roundDeadlineKey = (day: string) => `round-deadline:${day}`;

export async function readRoundDeadline(db: Db, day: string): Promise<number | null> {
	const kept = await readKept(db, roundDeadlineKey(day));
	const deadline = typeof kept === 'object' && kept !== null ? Date.parse(String((kept as { deadline?: unknown }).deadline)) : NaN;
	return Number.isFinite(deadline) ? deadline : null;
}
