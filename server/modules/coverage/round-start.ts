/**
 * When the current testing round started, for the wall's hourly plan line: the demo's kept round
 * start (repeating daily, as server/sim/site-queue-model.ts runs it), else the service day's first
 * sample; null before any. The same rule as the finish forecast's (finish-forecast.ts roundStartOf).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { readKept } from '../screen-state/kept-screen-state';
import { DEMO_ROUND_START_KEY } from '../registry/demo-round-start';

const DAY_MS = 24 * 3_600_000;
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));

export async function currentRoundStart(db: Db, now: number): Promise<number | null> {
	const kept = await readKept(db, DEMO_ROUND_START_KEY);
	const startedAt = typeof kept === 'object' && kept !== null ? Date.parse(String((kept as { startedAt?: unknown }).startedAt)) : NaN;
	if (Number.isFinite(startedAt) && startedAt <= now) return startedAt + Math.floor((now - startedAt) / DAY_MS) * DAY_MS;
	const first = rowsOf<{ first: string | Date | null }>(await db.execute(sql`select min(sampled_at) as first from sampled_members where day = ${serviceDay(now)}`))[0]?.first;
	return first ? new Date(first).getTime() : null;
}
