/**
 * When the demo's emergency whole-population round (应急全员核酸) was declared: the moment its
 * scenario was first loaded. The simulated arrivals are laid out from it (server/sim/site-queue-model.ts),
 * so it is kept in `kept_screen_state` and a restart resumes the same round instead of declaring a
 * new one. An instant, no personal data.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { keptScreenState } from '../../db/schema/kept-screen-state';
import { readKept } from '../screen-state/kept-screen-state';

export const DEMO_ROUND_START_KEY = 'demo-round-start';

/**
 * The kept start of the round, or `now` kept as the start when there is none yet (a new database,
 * or one loaded before rounds were kept). A kept value that does not read as an instant is replaced.
 */
export async function keepDemoRoundStart({ db, now = Date.now() }: { db: Db; now?: number }): Promise<number> {
	const kept = readStart(await readKept(db, DEMO_ROUND_START_KEY));
	if (kept !== null) return kept;
	const value = { startedAt: new Date(now).toISOString() };
	const updatedAt = new Date(now);
	// Two nodes starting at once: the first to write declares the round, and both read it back.
	await db.insert(keptScreenState).values({ key: DEMO_ROUND_START_KEY, value, updatedAt }).onConflictDoNothing();
	const written = readStart(await readKept(db, DEMO_ROUND_START_KEY));
	if (written !== null) return written;
	await db.update(keptScreenState).set({ value, updatedAt }).where(eq(keptScreenState.key, DEMO_ROUND_START_KEY));
	return now;
}

function readStart(value: unknown): number | null {
	const startedAt = typeof value === 'object' && value !== null ? (value as { startedAt?: unknown }).startedAt : undefined;
	if (typeof startedAt !== 'string') return null;
	const instant = Date.parse(startedAt);
	return Number.isFinite(instant) ? instant : null;
}
