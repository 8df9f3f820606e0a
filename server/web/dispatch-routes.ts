/** The dispatcher's board and accepted runs, and the courier's own page data. Refusals are ServiceErrors, answered by the router. */
import { actorOf } from '../auth/principal';
import { readValidJson, sendError, sendJson } from '../http/http-utils';
import { loadDispatchBoard } from '../modules/dispatch/dispatch-board';
import { acceptRun, cancelRun, courierView, refuseRun, runRequest } from '../modules/dispatch/pickup-runs';
import type { RouteRequest, WebContext } from './web-context';

export async function getDispatchBoard(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, await loadDispatchBoard(ctx.database.db));
}

/** POST /api/dispatch/runs: accepts a suggested run as it is, or as the dispatcher edited it. */
export async function postRun(ctx: WebContext, { req, res, principal }: RouteRequest) {
	sendJson(res, 201, await acceptRun(ctx.database.db, await readValidJson(req, runRequest), actorOf(principal)));
}

export async function postCancelRun(ctx: WebContext, { res, params, principal }: RouteRequest) {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) throw refuseRun('bad_run_id');
	await cancelRun(ctx.database.db, id, actorOf(principal));
	sendJson(res, 200, { cancelled: id });
}

/** GET /api/field/courier: a courier phone's own run and the boxes it carries. */
export async function getFieldCourier(ctx: WebContext, { res, principal }: RouteRequest) {
	if (principal.kind !== 'device' || principal.deviceKind !== 'courier_phone') return sendError(res, 403, { zh: '只有送样员手机能打开送样页面', en: 'only a courier phone has a courier page' }, 'not_a_courier_phone');
	sendJson(res, 200, { deviceId: principal.deviceId, ...(await courierView(ctx.database.db, principal.scopeId)) });
}
