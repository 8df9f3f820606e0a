/**
 * The suggested runs last shown: a refresh of the dispatch board shows the same runs unless a
 * fresh plan is better by a margin (chooseSuggestions, run-suggestions.ts). Only who goes where is
 * kept; arrivals are recomputed on every board. The dispatch board is county-wide, so there is one
 * plan.
 *
 * Kept in memory and in kept_screen_state (`suggested-runs`): read before the first board after a
 * start and written whenever the shown runs change (most boards show the same: nothing is written),
 * so a restart does not reshuffle the runs a dispatcher is looking at. Each node of a cluster keeps
 * its own in memory; the last to change the runs is what a restarted node starts from.
 */
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { PickupPlan } from '../../../src/lib/domain/custody';
import { chooseSuggestions, shownRunsOf, type PlanState, type ShownRun } from '../../../src/lib/domain/run-suggestions';
import { readKept, writeKept } from '../screen-state/kept-screen-state';

export const SUGGESTED_RUNS_KEY = 'suggested-runs';
const keptRuns = z.array(z.object({ courierId: z.string(), siteIds: z.array(z.string()).min(1), labId: z.string() }));

export class ShownRuns {
	#shown: ShownRun[] | null = null;
	readonly #db: Db | null;
	#loaded: Promise<void> | null = null;

	/** Without a database the runs live in this process only (lost on restart). */
	constructor(db: Db | null = null) {
		this.#db = db;
	}

	/** Reads the runs kept before a restart, once; a kept value that does not parse is left out (the board starts afresh). */
	load(): Promise<void> {
		this.#loaded ??= this.#read().catch((error: unknown) => {
			// Not remembered: the next board tries again.
			this.#loaded = null;
			throw error;
		});
		return this.#loaded;
	}

	/** The plan to show, remembered (and kept) for the next board. */
	async show(candidate: PickupPlan, state: PlanState, now = Date.now()): Promise<PickupPlan> {
		await this.load();
		const previous = this.#shown;
		const chosen = chooseSuggestions(previous, candidate, state);
		const next = shownRunsOf(chosen);
		this.#shown = next;
		if (this.#db && JSON.stringify(next) !== JSON.stringify(previous ?? [])) await writeKept(this.#db, SUGGESTED_RUNS_KEY, next, now);
		return chosen;
	}

	async #read(): Promise<void> {
		if (!this.#db) return;
		const parsed = keptRuns.safeParse(await readKept(this.#db, SUGGESTED_RUNS_KEY));
		// A board shown meanwhile in this process stands over what was kept.
		if (parsed.success && this.#shown === null) this.#shown = parsed.data;
	}
}

const perDatabase = new WeakMap<object, ShownRuns>();

/** The suggestions shown from this database (one per server; tests start several in a process). */
export function shownRunsFor(db: Db): ShownRuns {
	let shown = perDatabase.get(db);
	if (!shown) perDatabase.set(db, (shown = new ShownRuns(db)));
	return shown;
}
