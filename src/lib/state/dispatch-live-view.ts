/**
 * The dispatcher's board with the live layers laid over it. The board (GET /api/dispatch/board,
 * /api/transfers) is read when the page opens and when the layers are taken whole again; between
 * reads, runs accepted, edited or cancelled and transfer tasks assigned, handed over or cancelled
 * (by this dispatcher or another) arrive as deltas and show at once, with what follows from them:
 * a suggestion taken by a new run goes, a person assigned leaves the awaiting list, a hotel's beds
 * are held. Pure, so it is unit-tested without a browser.
 */
import type { DispatchBoard, RunEntity, TransferBoard, TransferEntity, TransferTaskView } from '$lib/protocol';
import { bedsToPromise } from '$lib/domain/closed-loop-transfer';

/** `runs`: the live layer, or null before its first snapshot (the board's own list stands until then). */
export function boardWithLiveRuns(board: DispatchBoard, runs: ReadonlyMap<string, RunEntity> | null): DispatchBoard {
	if (!runs) return board;
	const live = [...runs.values()].sort((a, b) => a.runId - b.runId);
	const known = new Set(board.acceptedRuns.map((run) => run.id));
	// Runs the board was computed without: a suggestion for the same courier or any of the same sites is taken.
	const fresh = live.filter((run) => !known.has(run.runId));
	const taken = (suggestion: DispatchBoard['plan']['runs'][number]) => fresh.some((run) => run.courierId === suggestion.courierId || run.siteIds.some((siteId) => suggestion.siteIds.includes(siteId)));
	return {
		...board,
		acceptedRuns: live.map((run) => ({ id: run.runId, courierId: run.courierId, siteIds: run.siteIds, labId: run.labId, acceptedBy: run.acceptedBy, acceptedAt: run.acceptedAt })),
		plan: {
			...board.plan,
			runs: board.plan.runs.filter((suggestion) => suggestion.afterCurrentRun || !taken(suggestion)).map((suggestion) => ({ ...suggestion, afterCurrentRun: live.some((run) => run.courierId === suggestion.courierId) }))
		}
	};
}

/** `tasks`: the live layer, or null before its first snapshot. */
export function boardWithLiveTransfers(board: TransferBoard, tasks: ReadonlyMap<string, TransferEntity> | null): TransferBoard {
	if (!tasks) return board;
	const shown = new Map(board.tasks.map((task) => [task.id, task]));
	for (const task of tasks.values()) shown.set(task.taskId, viewOf(board, task, shown.get(task.taskId)));
	const merged = [...shown.values()].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.id - a.id);
	const open = merged.filter((task) => task.status === 'open');
	const taken = new Set(merged.filter((task) => task.status !== 'cancelled').flatMap((task) => [task.householdId, task.returneeId]));
	// Handed over since the board was read: their beds are filled now.
	const newlyHandedOver = merged.filter((task) => task.status === 'handed_over' && board.tasks.some((each) => each.id === task.id && each.status === 'open'));
	return {
		...board,
		tasks: merged,
		awaiting: board.awaiting.filter((subject) => !taken.has(subject.id)),
		// A proposal confirmed (by this dispatcher or another) since the board was read leaves the list.
		proposals: board.proposals.filter((proposal) => !merged.some((task) => task.caseId === proposal.caseId && task.status !== 'cancelled' && task.createdAt >= proposal.proposedAt)),
		hotels: board.hotels.map((hotel) => {
			const held = open.filter((task) => task.hotelId === hotel.id).reduce((sum, task) => sum + task.passengers, 0);
			const occupied = hotel.occupied + newlyHandedOver.filter((task) => task.hotelId === hotel.id).reduce((sum, task) => sum + task.passengers, 0);
			return { ...hotel, held, occupied, free: bedsToPromise({ beds: hotel.beds, occupied, heldForTransfers: held }) };
		}),
		vehicles: board.vehicles.map((vehicle) => ({ ...vehicle, busyWith: open.find((task) => task.vehicleId === vehicle.id)?.id ?? null }))
	};
}

/** A task as the panel shows it: the board's view with the live status, or one made from the board's names for a task it has not seen. */
function viewOf(board: TransferBoard, task: TransferEntity, known: TransferTaskView | undefined): TransferTaskView {
	const closedAt = task.status === 'open' ? null : (known?.closedAt ?? task.updatedAt);
	if (known) return { ...known, status: task.status, closedAt, phase: task.status === 'cancelled' ? null : known.phase };
	const subject = board.awaiting.find((each) => each.id === task.householdId || each.id === task.returneeId) ?? (task.caseId ? board.proposals.find((each) => each.caseId === task.caseId) : undefined);
	return {
		id: task.taskId, status: task.status, vehicleId: task.vehicleId, vehicleName: board.vehicles.find((vehicle) => vehicle.id === task.vehicleId)?.name ?? task.vehicleId,
		...destinationOf(board, task), caseId: task.caseId ?? null,
		householdId: task.householdId, returneeId: task.returneeId, passengers: task.passengers, pickupLabel: subject ? ('label' in subject ? subject.label : subject.village) : '—', createdAt: task.createdAt,
		phase: task.status === 'open' ? 'to_pickup' : task.status === 'handed_over' ? 'arrived' : null, atPickupAt: null, pickedUpAt: null, arrivedAt: null, stopsOnTheWay: [], closedAt
	};
}

/** A task's destination as the panel names it: a hotel of the board, else a fever clinic (named by the proposal it confirms). */
function destinationOf(board: TransferBoard, task: TransferEntity): Pick<TransferTaskView, 'hotelId' | 'hotelName' | 'destinationKind'> {
	if (task.quarantineSiteId) return { hotelId: task.quarantineSiteId, hotelName: board.hotels.find((hotel) => hotel.id === task.quarantineSiteId)?.name ?? task.quarantineSiteId, destinationKind: 'hotel' };
	const id = task.destinationSiteId ?? '—';
	const named = board.proposals.find((proposal) => proposal.destination.id === id)?.destination.name;
	return { hotelId: id, hotelName: named ?? board.tasks.find((each) => each.hotelId === id)?.hotelName ?? id, destinationKind: 'fever_clinic' };
}
