/** The dispatcher's board with the live layers laid over it: what a run or a transfer pushed by another dispatcher changes on screen. */
import { describe, expect, it } from 'vitest';
import { boardWithLiveRuns, boardWithLiveTransfers } from '../../src/lib/state/dispatch-live-view';
import type { DispatchBoard, RunEntity, TransferBoard, TransferEntity } from '../../src/lib/protocol/index';

const suggestion = (courierId: string, siteIds: string[], afterCurrentRun = false) => ({ courierId, siteIds, labId: 'lab-1', arrivals: [0, 0], tubes: 10, deadline: 0, late: false, courierName: courierId, labName: 'lab', siteNames: siteIds, afterCurrentRun });
const board = (acceptedRuns: DispatchBoard['acceptedRuns'], runs: ReturnType<typeof suggestion>[]): DispatchBoard => ({
	generatedAt: '2026-11-23T02:00:00Z', boxes: [], vehicles: [], labs: [], acceptedRuns, plan: { runs, unplanned: [], silentCouriers: [], silentAfterMinutes: 10 }
});
const run = (runId: number, courierId: string, siteIds: string[]): RunEntity => ({ id: String(runId), runId, courierId, siteIds, labId: 'lab-1', acceptedBy: 'user:b', acceptedAt: '2026-11-23T02:00:00Z', updatedAt: '2026-11-23T02:00:00Z' });
const live = <E extends { id: string }>(...entities: E[]) => new Map(entities.map((entity) => [entity.id, entity]));

describe('boardWithLiveRuns', () => {
	it('shows a run another dispatcher accepted, and drops the suggestions it took', () => {
		const read = board([], [suggestion('courier-1', ['site-a']), suggestion('courier-2', ['site-b', 'site-c']), suggestion('courier-3', ['site-d'])]);
		const shown = boardWithLiveRuns(read, live(run(4, 'courier-9', ['site-c']), run(5, 'courier-1', ['site-x'])));
		expect(shown.acceptedRuns.map((each) => each.id)).toEqual([4, 5]);
		expect(shown.plan.runs.map((each) => each.courierId)).toEqual(['courier-3']);
	});

	it('shows no run any more once it is cancelled, and keeps the board as read before the layer arrives', () => {
		const read = board([{ id: 4, courierId: 'courier-1', siteIds: ['site-a'], labId: 'lab-1', acceptedBy: 'user:a', acceptedAt: '2026-11-23T01:00:00Z' }], [suggestion('courier-1', ['site-b'], true)]);
		expect(boardWithLiveRuns(read, null)).toBe(read);
		const shown = boardWithLiveRuns(read, live<RunEntity>());
		expect(shown.acceptedRuns).toEqual([]);
		// Its courier's next run may now be accepted.
		expect(shown.plan.runs).toMatchObject([{ courierId: 'courier-1', afterCurrentRun: false }]);
	});
});

describe('boardWithLiveTransfers', () => {
	const read: TransferBoard = {
		generatedAt: '2026-11-23T02:00:00Z',
		tasks: [],
		awaiting: [{ kind: 'household', id: 'CM1', label: '白畈村', origin: null, passengers: 3, nameMasked: '张*' }, { kind: 'returnee', id: 'R1', label: '金兰村', origin: '武汉', passengers: 1, nameMasked: '李*' }],
		hotels: [{ id: 'hotel-1', name: '柴桑宾馆', beds: 10, occupied: 2, held: 0, free: 8 }],
		vehicles: [{ id: 'transfer-1', name: '转运车1', busyWith: null }],
		proposals: [{ caseId: 'qc_fever1', villageId: 'v:baifan', village: '白畈村', reason: 'fever', destination: { kind: 'fever_clinic', id: 'fever-1', name: '县人民医院发热门诊' }, proposedAt: '2026-11-23T01:30:00Z' }]
	};
	const task = (status: TransferEntity['status']): TransferEntity => ({ id: '5', taskId: 5, status, vehicleId: 'transfer-1', quarantineSiteId: 'hotel-1', householdId: 'CM1', returneeId: null, passengers: 3, createdAt: '2026-11-23T02:00:00Z', updatedAt: '2026-11-23T02:01:00Z' });

	it('shows a task assigned elsewhere: its household no longer awaits, its beds are held, its vehicle is busy', () => {
		const shown = boardWithLiveTransfers(read, live(task('open')));
		expect(shown.tasks).toMatchObject([{ id: 5, status: 'open', vehicleName: '转运车1', hotelName: '柴桑宾馆', pickupLabel: '白畈村', phase: 'to_pickup' }]);
		expect(shown.awaiting.map((subject) => subject.id)).toEqual(['R1']);
		expect(shown.hotels[0]).toMatchObject({ held: 3, occupied: 2, free: 5 });
		expect(shown.vehicles[0].busyWith).toBe(5);
	});

	it('fills the hotel\'s beds when a task it read open is handed over, and frees them when one is cancelled', () => {
		const withTask = boardWithLiveTransfers(read, live(task('open')));
		const afterRead = { ...withTask, awaiting: withTask.awaiting, hotels: withTask.hotels };
		expect(boardWithLiveTransfers(afterRead, live(task('handed_over'))).hotels[0]).toMatchObject({ held: 0, occupied: 5, free: 5 });
		const cancelled = boardWithLiveTransfers(afterRead, live(task('cancelled')));
		expect(cancelled.hotels[0]).toMatchObject({ held: 0, occupied: 2, free: 8 });
		expect(cancelled.tasks[0]).toMatchObject({ status: 'cancelled', phase: null, closedAt: '2026-11-23T02:01:00Z' });
		expect(cancelled.vehicles[0].busyWith).toBeNull();
	});

	it('takes a fever proposal confirmed elsewhere off the list and shows its task going to the fever clinic; a cancelled one puts it back', () => {
		const confirmed: TransferEntity = { id: '6', taskId: 6, status: 'open', vehicleId: 'transfer-1', quarantineSiteId: null, destinationSiteId: 'fever-1', caseId: 'qc_fever1', householdId: null, returneeId: null, passengers: 1, createdAt: '2026-11-23T02:00:00Z', updatedAt: '2026-11-23T02:00:00Z' };
		const shown = boardWithLiveTransfers(read, live(confirmed));
		expect(shown.proposals).toEqual([]);
		expect(shown.tasks).toMatchObject([{ id: 6, destinationKind: 'fever_clinic', hotelName: '县人民医院发热门诊', caseId: 'qc_fever1', pickupLabel: '白畈村' }]);
		expect(shown.hotels[0]).toMatchObject({ held: 0, free: 8 });
		expect(shown.vehicles[0].busyWith).toBe(6);
		expect(boardWithLiveTransfers(read, live({ ...confirmed, status: 'cancelled' })).proposals.map((proposal) => proposal.caseId)).toEqual(['qc_fever1']);
	});
});
