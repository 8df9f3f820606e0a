/**
 * The demo's simulated dispatcher (server/sim/dispatcher-decisions.ts), played over two simulated
 * weeks on an injected clock: one positive test a day proposes a transfer that only a handover
 * ends; with the dispatcher the standing positives stay bounded, without it they pile up.
 * A person who acted first is left alone.
 */
import { describe, expect, it } from 'vitest';
import { confirmAt, dispatcherActions, handoverAt, SIM_DISPATCH, type SeenBoard } from '../../server/sim/dispatcher-decisions';
import { hashOf } from '../../server/sim/officer-rounds';

const MINUTE = 60_000;
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00+08:00');

type Task = SeenBoard['tasks'][number] & { vehicleId: string; createdAt: number };

/** A board over days: a positive a day at a time of its own, vehicles arriving 20–50 min after they are sent. */
function play(days: number, withDispatcher: boolean): { maxStanding: number; endStanding: number; handedOver: number } {
	const proposals: SeenBoard['proposals'] = [];
	const tasks: Task[] = [];
	const own = new Set<number>();
	let maxStanding = 0;
	let handedOver = 0;
	for (let now = START; now < START + days * DAY; now += MINUTE) {
		const day = Math.floor((now - START) / DAY);
		const positiveAt = START + day * DAY + (8 * 60 + (hashOf(String(day)) % 600)) * MINUTE;
		if (now === positiveAt) proposals.push({ caseId: `qc_pos${day}`, reason: 'positive', proposedAt: new Date(now).toISOString() });
		for (const task of tasks) {
			const arriveAt = task.createdAt + (20 + (task.id % 31)) * MINUTE;
			if (task.status === 'open' && now >= arriveAt && task.phase !== 'arrived') Object.assign(task, { phase: 'arrived', arrivedAt: new Date(arriveAt).toISOString() });
		}
		const vehicles = ['transfer-1', 'transfer-2'].map((id) => ({ id, busyWith: tasks.find((task) => task.vehicleId === id && task.status === 'open')?.id ?? null }));
		if (withDispatcher) {
			for (const action of dispatcherActions({ proposals, tasks, vehicles }, now, own)) {
				if (action.kind === 'confirm') {
					const index = proposals.findIndex((proposal) => proposal.caseId === action.caseId);
					proposals.splice(index, 1);
					const task: Task = { id: tasks.length + 1, status: 'open', caseId: action.caseId, phase: 'to_pickup', arrivedAt: null, vehicleId: action.vehicleId, createdAt: now };
					tasks.push(task);
					own.add(task.id);
				} else {
					tasks.find((task) => task.id === action.taskId)!.status = 'handed_over';
					handedOver++;
				}
			}
		}
		const standing = proposals.length + tasks.filter((task) => task.status === 'open').length;
		maxStanding = Math.max(maxStanding, standing);
	}
	return { maxStanding, endStanding: proposals.length + tasks.filter((task) => task.status === 'open').length, handedOver };
}

describe('the simulated dispatcher over two weeks', () => {
	it('keeps the standing positives bounded (each handed over within the hours), where without it they pile up a day at a time', () => {
		const handled = play(14, true);
		expect(handled.maxStanding).toBeLessThanOrEqual(1);
		expect(handled.handedOver).toBeGreaterThanOrEqual(13);
		const unattended = play(14, false);
		expect(unattended.endStanding).toBe(14);
	});
});

describe('its decisions', () => {
	const proposedAt = START + 9 * 60 * MINUTE;
	const board = (over: Partial<SeenBoard> = {}): SeenBoard => ({
		proposals: [{ caseId: 'qc_a', reason: 'positive', proposedAt: new Date(proposedAt).toISOString() }],
		tasks: [],
		vehicles: [{ id: 'transfer-2', busyWith: null }, { id: 'transfer-1', busyWith: null }],
		...over
	});

	it('confirms a positive 10–40 minutes after it appears, the same after a restart, with the first free vehicle', () => {
		const at = confirmAt('qc_a', 'positive', proposedAt);
		expect(at - proposedAt).toBeGreaterThanOrEqual(10 * MINUTE);
		expect(at - proposedAt).toBeLessThanOrEqual(40 * MINUTE);
		expect(confirmAt('qc_a', 'positive', proposedAt)).toBe(at);
		expect(dispatcherActions(board(), at - MINUTE, new Set())).toEqual([]);
		expect(dispatcherActions(board(), at, new Set())).toEqual([{ kind: 'confirm', key: expect.any(String), caseId: 'qc_a', vehicleId: 'transfer-1', at }]);
	});

	it('waits while every vehicle is busy', () => {
		const vehicles = [{ id: 'transfer-1', busyWith: 7 }, { id: 'transfer-2', busyWith: 8 }];
		expect(dispatcherActions(board({ vehicles }), proposedAt + DAY, new Set())).toEqual([]);
	});

	it("leaves a fever's proposal to the village team's window and confirms one still standing after it", () => {
		const fever = board({ proposals: [{ caseId: 'qc_f', reason: 'fever', proposedAt: new Date(proposedAt).toISOString() }] });
		// concern-handling.ts dismisses every fever within 150 minutes.
		expect(dispatcherActions(fever, proposedAt + 150 * MINUTE, new Set())).toEqual([]);
		expect(confirmAt('qc_f', 'fever', proposedAt) - proposedAt).toBeGreaterThanOrEqual(SIM_DISPATCH.fever.afterMinutes * MINUTE);
		expect(dispatcherActions(fever, proposedAt + 4 * 60 * MINUTE, new Set())).toEqual([expect.objectContaining({ kind: 'confirm', caseId: 'qc_f' })]);
	});

	it('hands over its own task minutes after the vehicle arrived, never before it arrived', () => {
		const arrivedAt = proposedAt + 60 * MINUTE;
		const arriving = { id: 5, status: 'open' as const, caseId: 'qc_a', phase: 'carrying' as const, arrivedAt: null };
		expect(dispatcherActions(board({ proposals: [], tasks: [arriving] }), arrivedAt + DAY, new Set([5]))).toEqual([]);
		const arrived = { ...arriving, phase: 'arrived' as const, arrivedAt: new Date(arrivedAt).toISOString() };
		const at = handoverAt(5, arrivedAt, true);
		expect(at - arrivedAt).toBeLessThanOrEqual(8 * MINUTE);
		expect(dispatcherActions(board({ proposals: [], tasks: [arrived] }), at, new Set([5]))).toEqual([{ kind: 'handover', key: 'handover:5', taskId: 5, at }]);
	});

	it("leaves a person's task to them for an hour after the arrival, and a handed-over one alone", () => {
		const arrivedAt = proposedAt + 60 * MINUTE;
		const theirs = { id: 9, status: 'open' as const, caseId: 'qc_b', phase: 'arrived' as const, arrivedAt: new Date(arrivedAt).toISOString() };
		expect(dispatcherActions(board({ proposals: [], tasks: [theirs] }), arrivedAt + 59 * MINUTE, new Set())).toEqual([]);
		expect(dispatcherActions(board({ proposals: [], tasks: [theirs] }), arrivedAt + 60 * MINUTE, new Set())).toEqual([expect.objectContaining({ kind: 'handover', taskId: 9 })]);
		expect(dispatcherActions(board({ proposals: [], tasks: [{ ...theirs, status: 'handed_over' }] }), arrivedAt + DAY, new Set([9]))).toEqual([]);
	});
});
