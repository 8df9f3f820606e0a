/**
 * The staffing board and moves (server/modules/staffing). A shift leader sees and moves within
 * their township, and one without a valid township sees nothing and is told why (scope-guard.ts).
 * Refusals are HttpErrors, answered by the router.
 */
import { eq } from 'drizzle-orm';
import { actorOf } from '../auth/principal';
import { sites } from '../db/schema/index';
import { HttpError, readValidJson, sendError, sendJson } from '../http/http-utils';
import { moveRequest } from '../../src/lib/protocol/staffing';
import { loadBoard } from '../modules/staffing/staffing-board';
import { applyMove, undoMove } from '../modules/staffing/staff-moves';
import { townshipOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

export async function getBoard(ctx: WebContext, { res, principal }: RouteRequest) {
	sendJson(res, 200, await loadBoard(ctx.database.db, { townshipId: townshipOrRefuse(principal) }));
}

export async function postMove(ctx: WebContext, { req, res, principal }: RouteRequest) {
	const applied = await applyMove(ctx.database.db, await readValidJson(req, moveRequest), { actor: actorOf(principal), townshipId: townshipOrRefuse(principal) });
	// Every node reloads its registry: the sites' staffed desks change on every wall and board.
	await ctx.control.publish({ type: 'registry.changed' });
	sendJson(res, 201, applied);
}

export async function postUndo(ctx: WebContext, { res, params, principal }: RouteRequest) {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'the move id must be a positive whole number');
	await undoMove(ctx.database.db, id, { actor: actorOf(principal), townshipId: townshipOrRefuse(principal) });
	await ctx.control.publish({ type: 'registry.changed' });
	sendJson(res, 200, { undone: id });
}

/** GET /api/field/site: what a site's tablet shows of its own site: staff on duty and staff on their way. */
export async function getFieldSite(ctx: WebContext, { res, principal }: RouteRequest) {
	if (principal.kind !== 'device' || principal.deviceKind !== 'site_tablet') return sendError(res, 403, 'only a site tablet has a site page');
	const [site] = await ctx.database.db.select({ townshipId: sites.townshipId }).from(sites).where(eq(sites.id, principal.scopeId));
	if (!site) return sendError(res, 404, `no site "${principal.scopeId}"`);
	const board = await loadBoard(ctx.database.db, { townshipId: site.townshipId });
	const mine = board.sites.find((each) => each.id === principal.scopeId)!;
	sendJson(res, 200, { deviceId: principal.deviceId, site: mine, sites: board.sites.map(({ id, name }) => ({ id, name })) });
}
