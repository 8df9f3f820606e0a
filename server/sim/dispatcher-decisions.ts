/**
 * What the demo's simulated dispatcher does at /dispatch, so that the day's positive test (which
 * no officer can dismiss: only a handover ends it) does not stand for days on a wall nobody
 * attends, one more each day.
 *
 * - A positive's proposal is confirmed 10–40 minutes after it appears, with the first free
 *   transfer vehicle (the proposal's own destination, the fever clinic).
 * - A fever's or symptom's proposal is the village team's (concern-handling.ts: dismissed within
 *   150 minutes of the reading). One still standing 3–4 hours after it appeared (the officer's
 *   phone was off, say) is confirmed like a positive's: somebody has to act on it.
 * - A task it confirmed is handed over 2–8 minutes after the vehicle's track shows it arrived.
 *   A task somebody else confirmed is theirs; only if it has stood arrived for over an hour (the
 *   person is not at the wall, or the simulator restarted and forgot what it sent) does it hand
 *   it over, so the vehicle is free for the next.
 *
 * Pure and deterministic from the case and when its proposal appeared, so a restart decides the
 * same. Whatever a person did first (confirmed, handed over, cancelled) leaves the board without
 * the proposal or the open task, and there is nothing left to decide.
 */
import { hashOf } from './officer-rounds';

const MINUTE = 60_000;
export const SIM_DISPATCH = {
	positive: { afterMinutes: 10, spreadMinutes: 30 },
	/** After the officers' window (concern-handling.ts: at most 150 minutes). */
	fever: { afterMinutes: 180, spreadMinutes: 60 },
	handover: { afterMinutes: 2, spreadMinutes: 6 },
	/** Someone else's task, arrived and not handed over this long: handed over by the sim. */
	othersAfterMinutes: 60
} as const;

/** What the dispatcher's page reads (GET /api/transfers), as much as the decision needs. */
export interface SeenBoard {
	proposals: { caseId: string; reason: 'fever' | 'symptoms' | 'positive'; proposedAt: string }[];
	tasks: { id: number; status: 'open' | 'handed_over' | 'cancelled'; caseId: string | null; phase: 'to_pickup' | 'at_pickup' | 'carrying' | 'arrived' | null; arrivedAt: string | null }[];
	vehicles: { id: string; busyWith: number | null }[];
}

export type DispatcherAction = { kind: 'confirm'; key: string; caseId: string; vehicleId: string; at: number } | { kind: 'handover'; key: string; taskId: number; at: number };

/** When the dispatcher confirms a proposal that appeared at `proposedAt` (epoch ms). */
export function confirmAt(caseId: string, reason: SeenBoard['proposals'][number]['reason'], proposedAt: number): number {
	const window = reason === 'positive' ? SIM_DISPATCH.positive : SIM_DISPATCH.fever;
	const roll = hashOf(caseId, String(proposedAt), 'dispatch');
	return proposedAt + (window.afterMinutes + (roll % (window.spreadMinutes + 1))) * MINUTE;
}

/** When the dispatcher hands over a task whose vehicle arrived at `arrivedAt`. */
export function handoverAt(taskId: number, arrivedAt: number, own: boolean): number {
	if (!own) return arrivedAt + SIM_DISPATCH.othersAfterMinutes * MINUTE;
	const roll = hashOf(String(taskId), String(arrivedAt), 'handover');
	return arrivedAt + (SIM_DISPATCH.handover.afterMinutes + (roll % (SIM_DISPATCH.handover.spreadMinutes + 1))) * MINUTE;
}

/**
 * What is due by `now`: handovers first (they free vehicles), then confirmations in the order the
 * proposals appeared, each with a free vehicle (by id) while there is one; the rest wait.
 * `own`: the tasks this dispatcher confirmed.
 */
export function dispatcherActions(board: SeenBoard, now: number, own: ReadonlySet<number>): DispatcherAction[] {
	const due: DispatcherAction[] = [];
	for (const task of board.tasks) {
		if (task.status !== 'open' || !task.caseId || task.phase !== 'arrived' || !task.arrivedAt) continue;
		const at = handoverAt(task.id, Date.parse(task.arrivedAt), own.has(task.id));
		if (at <= now) due.push({ kind: 'handover', key: `handover:${task.id}`, taskId: task.id, at });
	}
	const free = board.vehicles.filter((vehicle) => vehicle.busyWith === null).map((vehicle) => vehicle.id).sort();
	const ready = board.proposals
		.map((proposal) => ({ proposal, at: confirmAt(proposal.caseId, proposal.reason, Date.parse(proposal.proposedAt)) }))
		.filter(({ at }) => Number.isFinite(at) && at <= now)
		.sort((a, b) => a.at - b.at);
	for (const { proposal, at } of ready) {
		const vehicleId = free.shift();
		if (!vehicleId) break;
		due.push({ kind: 'confirm', key: `confirm:${proposal.caseId}:${proposal.proposedAt}`, caseId: proposal.caseId, vehicleId, at });
	}
	return due;
}
