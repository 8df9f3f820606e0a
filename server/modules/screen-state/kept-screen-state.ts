/**
 * What the screens were shown, kept in `kept_screen_state` (server/db/schema/kept-screen-state.ts)
 * so a restart does not reshuffle it: one JSON value per key. Readers validate what they read
 * (a value written by an older version, or damaged, is ignored: the screen starts afresh).
 */
import { eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { keptScreenState } from '../../db/schema/kept-screen-state';

export async function readKept(db: Db, key: string): Promise<unknown> {
	const [row] = await db.select({ value: keptScreenState.value }).from(keptScreenState).where(eq(keptScreenState.key, key));
	return row?.value;
}

/** Every kept value whose key starts with `prefix`, by key. */
export async function readKeptByPrefix(db: Db, prefix: string): Promise<Map<string, unknown>> {
	const rows = await db.select({ key: keptScreenState.key, value: keptScreenState.value }).from(keptScreenState).where(like(keptScreenState.key, `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
	return new Map(rows.map((row) => [row.key, row.value]));
}

export async function writeKept(db: Db, key: string, value: unknown, now = Date.now()): Promise<void> {
	const updatedAt = new Date(now);
	await db.insert(keptScreenState).values({ key, value, updatedAt }).onConflictDoUpdate({ target: keptScreenState.key, set: { value, updatedAt } });
}
