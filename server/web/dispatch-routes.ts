/**
 * The dispatcher's board and run commands, and the courier's own page data. Each command is an
 * operation (server/modules/dispatch/*-run.ts) that appends its event; refusals are ServiceErrors,
 * answered by the router.
 */
import { actorOf } from '../auth/principal';
import { readValidJson, sendError, sendJson } from '../http/http-utils';
import type { CommandContext } from '../modules/command-events';
import { loadDispatchBoard } from '../modules/dispatch/dispatch-board';
import { acceptRun } from '../modules/dispatch/accept-run';
import { cancelRun } from '../modules/dispatch/cancel-run';
import { editRun } from '../modules/dispatch/edit-run';
import { courierView, refuseRun, runEditRequest, runRequest } from '../modules/dispatch/pickup-runs';
import type { RouteRequest, WebContext } from './web-context';

const commandContext = (ctx: WebContext, { principal }: RouteRequest): CommandContext => ({ db: ctx.database.db, log: ctx.log, actor: actorOf(principal) });

function runId(params: Record<string, string>): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) throw refuseRun('bad_run_id');
	return id;
}

export async function getDispatchBoard(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, await loadDispatchBoard(ctx.database.db));
}

/** POST /api/dispatch/runs: accepts a suggested run as it is, or as the dispatcher edited it. */
export async function postRun(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, runRequest);
	sendJson(request.res, 201, await acceptRun({ ctx: commandContext(ctx, request), input }));
}

/** POST /api/dispatch/runs/:id/edit: an open run's sites (in order) and lab. */
export async function postEditRun(ctx: WebContext, request: RouteRequest) {
	const id = runId(request.params);
	const input = await readValidJson(request.req, runEditRequest);
	sendJson(request.res, 200, await editRun({ ctx: commandContext(ctx, request), input: { ...input, runId: id } }));
}

export async function postCancelRun(ctx: WebContext, request: RouteRequest) {
	const id = runId(request.params);
	sendJson(request.res, 200, await cancelRun({ ctx: commandContext(ctx, request), input: { runId: id } }));
}

/** GET /api/field/courier: a courier phone's own run and the boxes it carries. */
export async function getFieldCourier(ctx: WebContext, { res, principal }: RouteRequest) {
	if (principal.kind !== 'device' || principal.deviceKind !== 'courier_phone') return sendError(res, 403, { zh: '只有送样员手机能打开送样页面', en: 'only a courier phone has a courier page' }, 'not_a_courier_phone');
	sendJson(res, 200, { deviceId: principal.deviceId, ...(await courierView(ctx.database.db, principal.scopeId)) });
}
