/**
 * The staffing plan last shown, per township: a refresh of the board shows the same moves: each
 * stays until it turns harmful or breaks a rule, and a new move joins only with a margin
 * (choosePlan, staffing-plan.ts). Only who moves from where to where is kept; the numbers are
 * recomputed on every board.
 *
 * Kept in memory and, given a database, in kept_screen_state (`staffing-plan:<township>`, `*` for
 * the county): written whenever the shown plan changes and read back on every board, so a restart
 * does not reshuffle the plan a shift leader is looking at, and the nodes of a cluster show one
 * plan. (Each node choosing from its own memory made a move flicker: a board served by a node that
 * had shown it kept it, one served by a node that had not judged it afresh against the higher bar
 * for a new move, and successive refreshes alternated between them.)
 */
import { z } from 'zod';
import type { Db } from '../../db/client';
import { choosePlan, type MoveSpec, type PlanInput } from '../../../src/lib/domain/staffing-plan';
import type { StaffMove } from '../../../src/lib/domain/staffing';
import { readKept, readKeptByPrefix, writeKept } from '../screen-state/kept-screen-state';

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
		const previous = await this.#previous(key);
		const chosen = choosePlan(previous, candidate, input);
		const specs = chosen.map(({ samplerIds, fromSiteId, toSiteId }) => ({ samplerIds, fromSiteId, toSiteId }));
		this.#shown.set(key, specs);
		// Most refreshes show the same plan: only a change is written.
		if (this.#db && JSON.stringify(specs) !== JSON.stringify(previous ?? [])) await writeKept(this.#db, key, specs, now);
		return chosen;
	}

	/** The plan last shown: the database's (whichever node wrote it last), else this process's memory. */
	async #previous(key: string): Promise<MoveSpec[] | null> {
		if (this.#db) {
			const parsed = keptPlan.safeParse(await readKept(this.#db, key));
			if (parsed.success) return parsed.data;
		}
		return this.#shown.get(key) ?? null;
	}
}

/** Plans in memory only: for callers without an app (tests, scripts); the app makes its own, kept in its database. */
export const shownPlans = new ShownPlans();
