/**
 * Closed-loop transfer tasks for the dispatcher. Each command is an operation
 * (server/modules/transfers/*-transfer.ts) that appends its event; refusals are ServiceErrors,
 * answered by the router.
 */
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { readValidJson, sendError, sendJson } from '../http/http-utils';
import { loadTransferBoard } from '../modules/transfers/transfer-board';
import { openTransferFor, refuseTransfer, transferRequest } from '../modules/transfers/transfer-tasks';
import { assignTransfer } from '../modules/transfers/assign-transfer';
import { cancelTransfer } from '../modules/transfers/cancel-transfer';
import { handOverTransfer } from '../modules/transfers/hand-over-transfer';
import type { CommandContext } from '../modules/command-events';
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
 * The command's event travels the log besides; the shield is not left to it, as the projector
 * would only reload after it read the event, and a fix may come first.
 */
async function transfersChanged(ctx: WebContext): Promise<void> {
	await Promise.all([ctx.control.publish({ type: 'transfers.changed' }), ctx.projector?.reloadPickupWatches()]);
}

const commandContext = (ctx: WebContext, { principal }: RouteRequest): CommandContext => ({ db: ctx.database.db, log: ctx.log, actor: actorOf(principal) });

export async function postTransfer(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, transferRequest);
	const assigned = await assignTransfer({ ctx: commandContext(ctx, request), input });
	await transfersChanged(ctx);
	sendJson(request.res, 201, assigned);
}

export async function postHandover(ctx: WebContext, request: RouteRequest) {
	const handedOver = await handOverTransfer({ ctx: commandContext(ctx, request), input: { taskId: taskId(request.params) } });
	await transfersChanged(ctx);
	sendJson(request.res, 200, handedOver);
}

export async function postCancelTransfer(ctx: WebContext, request: RouteRequest) {
	const id = taskId(request.params);
	const { reason } = await readValidJson(request.req, cancelRequest);
	const cancelled = await cancelTransfer({ ctx: commandContext(ctx, request), input: { taskId: id, reason } });
	await transfersChanged(ctx);
	sendJson(request.res, 200, cancelled);
}

/** GET /api/field/transfer: a transfer vehicle's phone gets its open task (the driver needs the pickup point). */
export async function getFieldTransfer(ctx: WebContext, { res, principal }: RouteRequest) {
	if (principal.kind !== 'device' || principal.deviceKind !== 'courier_phone') return sendError(res, 403, { zh: '只有车载手机能打开转运页面', en: 'only a vehicle phone has a transfer page' }, 'not_a_vehicle_phone');
	sendJson(res, 200, { vehicleId: principal.scopeId, task: await openTransferFor(ctx.database.db, principal.scopeId) });
}
