/**
 * The staffing plan last shown, per township: a refresh of the board shows the same moves: each
 * stays until it turns harmful or breaks a rule, and a new move joins only with a margin
 * (choosePlan, staffing-plan.ts). Only who moves from where to where is kept; the numbers are
 * recomputed on every board.
 *
 * Kept in memory and, given a database, in kept_screen_state (`staffing-plan:<township>`, `*` for
 * the county): loaded on start and written whenever the shown plan changes, so a restart does not
 * reshuffle the plan a shift leader is looking at. Each node of a cluster keeps its own in memory;
 * the last to change a township's plan is what a restarted node starts from.
 */
import { z } from 'zod';
import type { Db } from '../../db/client';
import { choosePlan, type MoveSpec, type PlanInput } from '../../../src/lib/domain/staffing-plan';
import type { StaffMove } from '../../../src/lib/domain/staffing';
import { readKeptByPrefix, writeKept } from '../screen-state/kept-screen-state';

const KEY_PREFIX = 'staffing-plan:';
const keyOf = (townshipId: string | null) => `${KEY_PREFIX}${townshipId ?? '*'}`;
const keptPlan = z.array(z.object({ samplerIds: z.array(z.string()).min(1), fromSiteId: z.string(), toSiteId: z.string() }));

export class ShownPlans {
	readonly #shown = new Map<string, MoveSpec[]>();
	readonly #db: Db | null;

	/** Without a database the plans live in this process only (lost on restart). */
	constructor(db: Db | null = null) {
		this.#db = db;
	}

	/** Loads the plans kept before a restart; a kept value that does not parse is left out (that board starts afresh). */
	async load(): Promise<void> {
		if (!this.#db) return;
		for (const [key, value] of await readKeptByPrefix(this.#db, KEY_PREFIX)) {
			const parsed = keptPlan.safeParse(value);
			if (parsed.success) this.#shown.set(key, parsed.data);
		}
	}

	/** The plan to show for a township (null: the county), remembered (and kept) for the next board. */
	async show(townshipId: string | null, candidate: StaffMove[], input: PlanInput, now = Date.now()): Promise<StaffMove[]> {
		const key = keyOf(townshipId);
		const previous = this.#shown.get(key) ?? null;
		const chosen = choosePlan(previous, candidate, input);
		const specs = chosen.map(({ samplerIds, fromSiteId, toSiteId }) => ({ samplerIds, fromSiteId, toSiteId }));
		this.#shown.set(key, specs);
		// Most refreshes show the same plan: only a change is written.
		if (this.#db && JSON.stringify(specs) !== JSON.stringify(previous ?? [])) await writeKept(this.#db, key, specs, now);
		return chosen;
	}
}

/** Plans in memory only: for callers without an app (tests, scripts); the app makes its own, kept in its database. */
export const shownPlans = new ShownPlans();
