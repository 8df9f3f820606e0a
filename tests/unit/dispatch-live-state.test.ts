/**
 * The live state applies the dispatcher's commands like any event: runs in progress and transfer
 * tasks become layers with their own deltas, idempotent and never moved back by a replayed event.
 */
import { describe, expect, it } from 'vitest';
import { LiveState } from '../../server/pipeline/live-state';
import type { CommandEvent } from '../../src/lib/protocol/command-events';
import type { Delta, RunEntity, TransferEntity } from '../../src/lib/protocol/index';

const registry = { sites: [], vehicles: [{ id: 'courier-1', name: '送样车1', kind: 'courier' as const }] };
const now = Date.parse('2026-11-23T02:00:00Z');
const iso = (offsetSeconds: number) => new Date(now + offsetSeconds * 1000).toISOString();
let counter = 0;
/** Omit over each member of the union (a plain Omit of a union keeps only the keys all members share). */
type Stated<E> = E extends CommandEvent ? Omit<E, 'id' | 'actor'> & { actor?: string } : never;
const command = <E extends CommandEvent>(event: Stated<E>): E => ({ id: `cmd-${++counter}-xxxxxxxx`, actor: 'user:a', ...event }) as unknown as E;

const accepted = (runId: number, at = iso(-60), siteIds = ['site-baifan']) => command({ type: 'run.accepted', at, runId, courierId: 'courier-1', siteIds, labId: 'lab-1' });
const assigned = (taskId: number, at = iso(-60)) => command({ type: 'transfer.assigned', at, taskId, vehicleId: 'transfer-1', quarantineSiteId: 'hotel-1', householdId: 'CM1', returneeId: null, passengers: 3 });
const deltaOf = (state: LiveState, layer: 'runs' | 'transfers') => state.takeDeltas(now).find((delta) => delta.layer === layer) as Delta<typeof layer> | undefined;
const runsOf = (state: LiveState) => state.snapshot('runs').entities as RunEntity[];
const boxEvent = (type: 'box.picked_up' | 'box.received', boxId: string, at: string) =>
	type === 'box.picked_up' ? { type, id: `pick-${boxId}`, deviceId: 'phone-courier-1', at, boxId, siteId: 'site-baifan', vehicleId: 'courier-1', tubesCounted: 10 } : { type, id: `recv-${boxId}`, deviceId: 'lab', at, boxId, labId: 'lab-1', tubesCounted: 10 };

describe('LiveState: runs in progress', () => {
	it('carries an accepted run in the runs layer, as one delta with the next sequence number', () => {
		const state = new LiveState(registry, now);
		state.takeDeltas(now);
		expect(state.apply(accepted(7))).toBe('applied');
		const delta = deltaOf(state, 'runs')!;
		expect(delta).toMatchObject({ seq: 1, removes: [], upserts: [{ id: '7', runId: 7, courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-1', acceptedBy: 'user:a' }] });
		expect(deltaOf(state, 'runs')).toBeUndefined();
	});

	it('applies an edit, removes a cancelled run, and never brings it back when the log replays', () => {
		const state = new LiveState(registry, now);
		const events = [accepted(7), command({ type: 'run.edited', at: iso(-30), runId: 7, courierId: 'courier-1', siteIds: ['site-baifan', 'site-lixin'], labId: 'lab-1', previous: { siteIds: ['site-baifan'], labId: 'lab-1' } })];
		for (const event of events) state.apply(event);
		expect(runsOf(state)[0].siteIds).toEqual(['site-baifan', 'site-lixin']);
		state.takeDeltas(now);
		state.apply(command({ type: 'run.cancelled', at: iso(-10), runId: 7, courierId: 'courier-1' }));
		expect(deltaOf(state, 'runs')).toMatchObject({ upserts: [], removes: ['7'] });
		for (const event of events) expect(state.apply(event)).toBe('duplicate');
		expect(runsOf(state)).toEqual([]);
	});

	it('ignores an edit older than what it knows of the run', () => {
		const state = new LiveState(registry, now);
		state.apply(accepted(7, iso(-60)));
		state.apply(command({ type: 'run.edited', at: iso(-10), runId: 7, courierId: 'courier-1', siteIds: ['site-lixin'], labId: 'lab-1', previous: { siteIds: ['site-baifan'], labId: 'lab-1' } }));
		const older = command({ type: 'run.edited', at: iso(-20), runId: 7, courierId: 'courier-1', siteIds: ['site-jinlan'], labId: 'lab-1', previous: { siteIds: ['site-baifan'], labId: 'lab-1' } });
		expect(state.apply(older)).toBe('stale');
		expect(runsOf(state)[0].siteIds).toEqual(['site-lixin']);
	});

	it('ends a run once every box its courier picked up on it has reached a lab', () => {
		const state = new LiveState(registry, now);
		state.apply(accepted(7, iso(-600)));
		state.apply(boxEvent('box.picked_up', 'B1', iso(-300)) as never);
		state.apply(boxEvent('box.picked_up', 'B2', iso(-290)) as never);
		state.takeDeltas(now);
		state.apply(boxEvent('box.received', 'B1', iso(-60)) as never);
		expect(runsOf(state)).toHaveLength(1);
		expect(deltaOf(state, 'runs')).toBeUndefined();
		state.apply(boxEvent('box.received', 'B2', iso(-30)) as never);
		expect(deltaOf(state, 'runs')).toMatchObject({ removes: ['7'] });
	});

	it('continues a run restored from storage, with the boxes still out on it', () => {
		const state = new LiveState(registry, now);
		state.restoreDispatch({ runs: [{ runId: 3, courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-1', acceptedBy: 'user:a', acceptedAt: iso(-900), boxesOut: ['B9'] }], transfers: [] });
		expect(runsOf(state).map((run) => run.id)).toEqual(['3']);
		expect(state.apply(accepted(3, iso(-900)))).toBe('duplicate');
		state.apply(boxEvent('box.received', 'B9', iso(-5)) as never);
		expect(runsOf(state)).toEqual([]);
	});
});

describe('LiveState: transfer tasks', () => {
	it('carries a task from assigned to handed over, once, in the transfers layer', () => {
		const state = new LiveState(registry, now);
		state.takeDeltas(now);
		state.apply(assigned(5));
		expect(deltaOf(state, 'transfers')).toMatchObject({ seq: 1, upserts: [{ id: '5', taskId: 5, status: 'open', householdId: 'CM1', passengers: 3 }] });
		const handedOver = command({ type: 'transfer.handed_over', at: iso(-5), taskId: 5, vehicleId: 'transfer-1', quarantineSiteId: 'hotel-1', passengers: 3, startDate: '2026-11-23' });
		expect(state.apply(handedOver)).toBe('applied');
		expect(deltaOf(state, 'transfers')).toMatchObject({ seq: 2, upserts: [{ id: '5', status: 'handed_over', householdId: 'CM1' }] });
		// Replayed: closed stays closed, and an assignment never reopens it.
		expect(state.apply(command({ type: 'transfer.cancelled', at: iso(-1), taskId: 5, vehicleId: 'transfer-1', quarantineSiteId: 'hotel-1' }))).toBe('duplicate');
		expect(state.apply(assigned(5))).toBe('duplicate');
		expect((state.snapshot('transfers').entities as TransferEntity[])[0].status).toBe('handed_over');
	});

	it('lets a closed task go a day after it closed', () => {
		const state = new LiveState(registry, now);
		state.apply(assigned(5, iso(-30 * 3600)));
		state.apply(command({ type: 'transfer.cancelled', at: iso(-25 * 3600), taskId: 5, vehicleId: 'transfer-1', quarantineSiteId: 'hotel-1' }));
		const delta = deltaOf(state, 'transfers')!;
		expect(delta.removes).toEqual(['5']);
		expect(state.snapshot('transfers').entities).toEqual([]);
	});
});
