/**
 * The staffing board and moves (server/modules/staffing). A shift leader sees and moves within
 * their township, and one without a valid township sees nothing and is told why (scope-guard.ts).
 * Moves, undos and arrivals are operations on the write path (server/modules/command-events.ts):
 * their event reaches every wall and board as a sites delta, so nothing here publishes or reloads;
 * refusals are ServiceErrors, answered by the router.
 */
import { eq } from 'drizzle-orm';
import { actorOf } from '../auth/principal';
import { sites } from '../db/schema/index';
import { HttpError, readValidJson, sendError, sendJson } from '../http/http-utils';
import { moveRequest } from '../../src/lib/protocol/staffing';
import { loadBoard } from '../modules/staffing/staffing-board';
import { moveStaff } from '../modules/staffing/move-staff';
import { undoMove } from '../modules/staffing/undo-move';
import { confirmArrival } from '../modules/staffing/confirm-arrival';
import type { StaffCommandContext } from '../modules/staffing/staff-moves';
import { townshipOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';
import { siteScannedToday } from '../modules/coverage/site-scanned-today';

const commandContext = (ctx: WebContext, { principal }: RouteRequest): StaffCommandContext => ({ db: ctx.database.db, log: ctx.log, actor: actorOf(principal), townshipId: townshipOrRefuse(principal) });

export async function getBoard(ctx: WebContext, { res, principal }: RouteRequest) {
	sendJson(res, 200, await loadBoard(ctx.database.db, { townshipId: townshipOrRefuse(principal), plans: ctx.plans }));
}

export async function postMove(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, moveRequest);
	sendJson(request.res, 201, await moveStaff({ ctx: commandContext(ctx, request), input }));
}

export async function postUndo(ctx: WebContext, request: RouteRequest) {
	sendJson(request.res, 200, await undoMove({ ctx: commandContext(ctx, request), input: { moveId: moveIdOf(request) } }));
}

/** POST /api/staffing/moves/:id/arrived: a leader confirms for a site without a tablet. */
export async function postArrived(ctx: WebContext, request: RouteRequest) {
	sendJson(request.res, 200, await confirmArrival({ ctx: commandContext(ctx, request), input: { moveId: moveIdOf(request) } }));
}

/** POST /api/field/site/arrivals/:id: the receiving site's tablet confirms the samplers are there. */
export async function postFieldArrival(ctx: WebContext, request: RouteRequest) {
	const { principal, res } = request;
	if (principal.kind !== 'device' || principal.deviceKind !== 'site_tablet') return sendError(res, 403, 'only a site tablet confirms arrivals');
	const moveId = moveIdOf(request);
	sendJson(res, 200, await confirmArrival({ ctx: { db: ctx.database.db, log: ctx.log, actor: actorOf(principal), townshipId: null, siteId: principal.scopeId }, input: { moveId } }));
}

function moveIdOf({ params }: RouteRequest): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'the move id must be a positive whole number');
	return id;
}

/** GET /api/field/site: what a site's tablet shows of its own site: staff on duty and staff on their way. */
export async function getFieldSite(ctx: WebContext, { res, principal }: RouteRequest) {
	if (principal.kind !== 'device' || principal.deviceKind !== 'site_tablet') return sendError(res, 403, 'only a site tablet has a site page');
	const [site] = await ctx.database.db.select({ townshipId: sites.townshipId }).from(sites).where(eq(sites.id, principal.scopeId));
	if (!site) return sendError(res, 404, `no site "${principal.scopeId}"`);
	const board = await loadBoard(ctx.database.db, { townshipId: site.townshipId, plans: ctx.plans });
	const mine = board.sites.find((each) => each.id === principal.scopeId)!;
	const scannedToday = await siteScannedToday(ctx.database.db, principal.scopeId);
	sendJson(res, 200, { deviceId: principal.deviceId, site: mine, sites: board.sites.map(({ id, name }) => ({ id, name })), scannedToday });
}
