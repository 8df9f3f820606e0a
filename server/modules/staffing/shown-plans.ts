/**
 * The staffing plan last shown, per township, in this process's memory: a refresh of the board
 * shows the same moves: each stays until it turns harmful or breaks a rule, and a new move joins
 * only with a margin (choosePlan, staffing-plan.ts).
 * Only who moves from where to where is kept; the numbers are recomputed on every board.
 * Lost on restart (the next board starts afresh); each node of a cluster keeps its own.
 */
import { choosePlan, type MoveSpec, type PlanInput } from '../../../src/lib/domain/staffing-plan';
import type { StaffMove } from '../../../src/lib/domain/staffing';

export class ShownPlans {
	readonly #shown = new Map<string, MoveSpec[]>();

	/** The plan to show for a township (null: the county), remembered for the next board. */
	show(townshipId: string | null, candidate: StaffMove[], input: PlanInput): StaffMove[] {
		const key = townshipId ?? '*';
		const chosen = choosePlan(this.#shown.get(key) ?? null, candidate, input);
		this.#shown.set(key, chosen.map(({ samplerIds, fromSiteId, toSiteId }) => ({ samplerIds, fromSiteId, toSiteId })));
		return chosen;
	}
}

/** The process's plans, shared by every board request. */
export const shownPlans = new ShownPlans();
