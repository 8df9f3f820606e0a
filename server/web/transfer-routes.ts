/** Closed-loop transfer tasks for the dispatcher. Refusals are ServiceErrors, answered by the router. */
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { readValidJson, sendError, sendJson } from '../http/http-utils';
import { loadTransferBoard } from '../modules/transfers/transfer-board';
import { cancelTransfer, createTransfer, handOverTransfer, openTransferFor, refuseTransfer, transferRequest } from '../modules/transfers/transfer-tasks';
import type { RouteRequest, WebContext } from './web-context';

const cancelRequest = z.strictObject({ reason: z.string({ error: 'reason is required: say why the transfer is cancelled' }).trim().min(2, 'reason is required: say why the transfer is cancelled').max(200) });

function taskId(params: Record<string, string>): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) throw refuseTransfer('bad_task_id');
	return id;
}

export async function getTransfers(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, await loadTransferBoard(ctx.database.db));
}

/**
 * Every node's projector hears that the tasks changed and shields the pickups they name; the one
 * in this process (if any) has done so before the dispatcher is answered, so the vehicle's next fix
 * is judged by the new task. (In-process it hears the message too: one read more, harmless.)
 */
async function transfersChanged(ctx: WebContext): Promise<void> {
	await Promise.all([ctx.control.publish({ type: 'transfers.changed' }), ctx.projector?.reloadPickupWatches()]);
}

export async function postTransfer(ctx: WebContext, { req, res, principal }: RouteRequest) {
	const created = await createTransfer(ctx.database.db, await readValidJson(req, transferRequest), actorOf(principal));
	await transfersChanged(ctx);
	sendJson(res, 201, created);
}

export async function postHandover(ctx: WebContext, { res, params, principal }: RouteRequest) {
	const handedOver = await handOverTransfer(ctx.database.db, taskId(params), actorOf(principal));
	await transfersChanged(ctx);
	sendJson(res, 200, handedOver);
}

export async function postCancelTransfer(ctx: WebContext, { req, res, params, principal }: RouteRequest) {
	const id = taskId(params);
	const { reason } = await readValidJson(req, cancelRequest);
	await cancelTransfer(ctx.database.db, id, actorOf(principal), reason);
	await transfersChanged(ctx);
	sendJson(res, 200, { cancelled: id });
}

/** GET /api/field/transfer: a transfer vehicle's phone gets its open task (the driver needs the pickup point). */
export async function getFieldTransfer(ctx: WebContext, { res, principal }: RouteRequest) {
	if (principal.kind !== 'device' || principal.deviceKind !== 'courier_phone') return sendError(res, 403, { zh: '只有车载手机能打开转运页面', en: 'only a vehicle phone has a transfer page' }, 'not_a_vehicle_phone');
	sendJson(res, 200, { vehicleId: principal.scopeId, task: await openTransferFor(ctx.database.db, principal.scopeId) });
}
