/**
 * When each standing alert of the county was first seen, kept by the server so that a wall that
 * reloads, or a server that restarts, still shows "32 户未打卡" standing since it began, not since
 * the reload. The rule is carrySince (src/lib/domain/alerts.ts): an alert keeps the earliest time
 * seen while it stands and is dropped once it clears (if it comes back, it starts anew).
 *
 * Kept in kept_screen_state under `alerts-first-seen` ({ alert id: epoch ms }; ids name sites,
 * vehicles, labs and transfer tasks, never a person), loaded on first use and written only when
 * the set changes. Several web nodes each keep their own; they derive from the same live store and
 * database, so they agree, and the last writer is what a restarted node starts from.
 */
import { z } from 'zod';
import type { Db } from '../../db/client';
import { carrySince, sameFirstSeen, type Alert } from '../../../src/lib/domain/alerts';
import { readKept, writeKept } from '../screen-state/kept-screen-state';

export const ALERTS_FIRST_SEEN_KEY = 'alerts-first-seen';
const keptFirstSeen = z.record(z.string(), z.number().finite());

export class AlertFirstSeen {
	readonly #db: Db;
	/** The last answer; null before the first and after a failure (then what is kept is read again). */
	#since: Promise<Map<string, number> | null> = Promise.resolve(null);

	constructor(db: Db) {
		this.#db = db;
	}

	/**
	 * Records the county's alerts as derived now and answers each one's first time. Calls are
	 * chained, so two overviews computed at once do not write over each other.
	 */
	observe(alerts: Alert[], now = Date.now()): Promise<ReadonlyMap<string, number>> {
		const next = this.#since.then(async (held) => {
			const kept = held ?? (await this.#load());
			const { since } = carrySince(alerts, kept);
			if (!sameFirstSeen(kept, since)) await writeKept(this.#db, ALERTS_FIRST_SEEN_KEY, Object.fromEntries(since), now);
			return since;
		});
		this.#since = next.catch(() => null);
		return next;
	}

	async #load(): Promise<Map<string, number>> {
		const parsed = keptFirstSeen.safeParse(await readKept(this.#db, ALERTS_FIRST_SEEN_KEY));
		return new Map(parsed.success ? Object.entries(parsed.data) : []);
	}
}
