/**
 * The dispatcher's part of the live state: pickup runs in progress and closed-loop transfer tasks,
 * from their commands' events (run.*, transfer.*) and the boxes' custody (a run leaves once every
 * box its courier picked up on it has reached a lab, as openRuns in server/modules/dispatch decides).
 * Pure and idempotent like LiveState, which owns it and numbers its deltas: an event applied twice,
 * or one older than what is known of its run or task, changes nothing.
 */
import type { RunEntity, TransferEntity } from '../../src/lib/protocol/index';
import type { RunEvent, TransferEvent } from '../../src/lib/protocol/dispatch-events';

type Outcome = 'applied' | 'stale' | 'duplicate';

/** A closed task stays on the dispatcher's board this long (the transfer board shows the last day's). */
const CLOSED_TASK_KEPT_MS = 24 * 3_600_000;

/** An open run as storage has it at start, with the boxes its courier picked up on it and no lab has yet. */
export interface RestoredRun extends Omit<RunEntity, 'id' | 'updatedAt'> {
	boxesOut: string[];
}

export interface LayerChanges<E> {
	upserts: E[];
	removes: string[];
}

export class DispatchLive {
	#runs = new Map<string, RunEntity>();
	/** Runs cancelled or finished: a replayed accepted or edited event never brings one back. */
	#closedRuns = new Set<number>();
	/** Each open run's boxes picked up on it: box id → reached a lab. */
	#runBoxes = new Map<number, Map<string, boolean>>();
	#transfers = new Map<string, TransferEntity>();
	#changed = { runs: new Set<string>(), transfers: new Set<string>() };

	restore({ runs, transfers }: { runs: readonly RestoredRun[]; transfers: readonly TransferEntity[] }): void {
		for (const { boxesOut, ...run } of runs) {
			this.#setRun({ ...run, id: String(run.runId), updatedAt: run.acceptedAt });
			this.#runBoxes.set(run.runId, new Map(boxesOut.map((boxId) => [boxId, false])));
		}
		for (const task of transfers) this.#setTransfer(task);
	}

	applyRun(event: RunEvent): Outcome {
		const id = String(event.runId);
		if (this.#closedRuns.has(event.runId)) return 'duplicate';
		const known = this.#runs.get(id);
		switch (event.type) {
			case 'run.accepted':
				if (known) return 'duplicate';
				this.#setRun({ id, runId: event.runId, courierId: event.courierId, siteIds: event.siteIds, labId: event.labId, acceptedBy: event.actor, acceptedAt: event.at, updatedAt: event.at });
				return 'applied';
			case 'run.edited':
				if (known && Date.parse(event.at) < Date.parse(known.updatedAt)) return 'stale';
				if (known && known.labId === event.labId && known.siteIds.join() === event.siteIds.join()) return 'duplicate';
				this.#setRun({ id, runId: event.runId, courierId: event.courierId, siteIds: event.siteIds, labId: event.labId, acceptedBy: known?.acceptedBy ?? event.actor, acceptedAt: known?.acceptedAt ?? event.at, updatedAt: event.at });
				return 'applied';
			case 'run.cancelled':
				this.#closeRun(event.runId);
				return 'applied';
		}
	}

	applyTransfer(event: TransferEvent): Outcome {
		const id = String(event.taskId);
		const known = this.#transfers.get(id);
		if (event.type === 'transfer.assigned') {
			if (known) return 'duplicate';
			this.#setTransfer({ id, taskId: event.taskId, status: 'open', vehicleId: event.vehicleId, quarantineSiteId: event.quarantineSiteId, destinationSiteId: event.destinationSiteId ?? null, caseId: event.caseId ?? null, householdId: event.householdId, returneeId: event.returneeId, passengers: event.passengers, createdAt: event.at, updatedAt: event.at });
			return 'applied';
		}
		// A closed task stays closed: handed over and cancelled are both final.
		if (known && known.status !== 'open') return 'duplicate';
		const status = event.type === 'transfer.handed_over' ? 'handed_over' : 'cancelled';
		const base = known ?? { id, taskId: event.taskId, vehicleId: event.vehicleId, quarantineSiteId: event.quarantineSiteId, destinationSiteId: event.destinationSiteId ?? null, caseId: event.caseId ?? null, householdId: null, returneeId: null, passengers: 'passengers' in event ? event.passengers : 0, createdAt: event.at };
		this.#setTransfer({ ...base, status, updatedAt: event.at });
		return 'applied';
	}

	/** A courier picked a box up: on its open run, if the run was accepted before. */
	pickedUp(boxId: string, vehicleId: string, at: string): void {
		for (const run of this.#runs.values()) {
			if (run.courierId !== vehicleId || Date.parse(run.acceptedAt) > Date.parse(at)) continue;
			const boxes = this.#runBoxes.get(run.runId) ?? new Map<string, boolean>();
			if (!boxes.has(boxId)) boxes.set(boxId, false);
			this.#runBoxes.set(run.runId, boxes);
		}
	}

	/** A lab received a box: a run whose every picked box has now arrived is done. */
	received(boxId: string): void {
		for (const [runId, boxes] of this.#runBoxes) {
			if (!boxes.has(boxId)) continue;
			boxes.set(boxId, true);
			if ([...boxes.values()].every(Boolean)) this.#closeRun(runId);
		}
	}

	/** What changed since the last call (closed tasks older than a day leave now); null when nothing did. */
	takeRuns(): LayerChanges<RunEntity> | null {
		return this.#take(this.#runs, this.#changed.runs);
	}

	takeTransfers(now: number): LayerChanges<TransferEntity> | null {
		for (const task of this.#transfers.values()) {
			if (task.status !== 'open' && now - Date.parse(task.updatedAt) > CLOSED_TASK_KEPT_MS) {
				this.#transfers.delete(task.id);
				this.#changed.transfers.add(task.id);
			}
		}
		return this.#take(this.#transfers, this.#changed.transfers);
	}

	get runs(): RunEntity[] {
		return [...this.#runs.values()];
	}

	get transfers(): TransferEntity[] {
		return [...this.#transfers.values()];
	}

	#setRun(run: RunEntity): void {
		this.#runs.set(run.id, run);
		this.#changed.runs.add(run.id);
	}

	#closeRun(runId: number): void {
		this.#closedRuns.add(runId);
		this.#runBoxes.delete(runId);
		if (this.#runs.delete(String(runId))) this.#changed.runs.add(String(runId));
	}

	#setTransfer(task: TransferEntity): void {
		this.#transfers.set(task.id, task);
		this.#changed.transfers.add(task.id);
	}

	#take<E>(entities: Map<string, E>, changed: Set<string>): LayerChanges<E> | null {
		if (changed.size === 0) return null;
		const upserts = [...changed].flatMap((id) => (entities.has(id) ? [entities.get(id)!] : []));
		const removes = [...changed].filter((id) => !entities.has(id));
		changed.clear();
		return { upserts, removes };
	}
}
