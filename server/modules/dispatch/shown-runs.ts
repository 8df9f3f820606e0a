/**
 * The suggested runs last shown, in this process's memory: a refresh of the dispatch board shows
 * the same runs unless a fresh plan is better by a margin (chooseSuggestions, run-suggestions.ts).
 * Only who goes where is kept; arrivals are recomputed on every board. Lost on restart (the next
 * board starts afresh); each node of a cluster keeps its own. The dispatch board is county-wide,
 * so there is one plan.
 */
import type { PickupPlan } from '../../../src/lib/domain/custody';
import { chooseSuggestions, shownRunsOf, type PlanState, type ShownRun } from '../../../src/lib/domain/run-suggestions';

export class ShownRuns {
	#shown: ShownRun[] | null = null;

	/** The plan to show, remembered for the next board. */
	show(candidate: PickupPlan, state: PlanState): PickupPlan {
		const chosen = chooseSuggestions(this.#shown, candidate, state);
		this.#shown = shownRunsOf(chosen);
		return chosen;
	}
}

const perDatabase = new WeakMap<object, ShownRuns>();

/** The suggestions shown from this database (one per server; tests start several in a process). */
export function shownRunsFor(db: object): ShownRuns {
	let shown = perDatabase.get(db);
	if (!shown) perDatabase.set(db, (shown = new ShownRuns()));
	return shown;
}
