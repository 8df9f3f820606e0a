/**
 * Follow-ups, supply deliveries and risk zones. Each command is an operation
 * (server/modules/quarantine/*) that appends its event; refusals are ServiceErrors, answered by
 * the router; scope (an officer's villages; zones: the county) is enforced by the operations.
 */
import { actorOf } from '../auth/principal';
import { readValidJson, sendJson } from '../http/http-utils';
import { recordFollowUp } from '../modules/quarantine/record-follow-up';
import { markDeliveryDone } from '../modules/quarantine/mark-delivery-done';
import { addRiskZone } from '../modules/quarantine/add-risk-zone';
import { redrawRiskZone } from '../modules/quarantine/redraw-risk-zone';
import { liftRiskZone } from '../modules/quarantine/lift-risk-zone';
import { openTransferProposals } from '../modules/quarantine/transfer-proposals';
import { deliveriesDue } from '../modules/quarantine/deliveries-due';
import { addZoneRequest, deliveryRequest, followUpRequest, liftZoneRequest, redrawZoneRequest } from '../modules/quarantine/follow-up-refusals';
import type { QuarantineContext } from '../modules/quarantine/case-refusals';
import { scopeOrRefuse } from './scope-guard';
import { villagesOfDeviceScope } from '../modules/identity/device-scope';
import type { RouteRequest, WebContext } from './web-context';

const context = (ctx: WebContext, { principal }: RouteRequest): QuarantineContext => ({ db: ctx.database.db, log: ctx.log, actor: actorOf(principal), scope: scopeOrRefuse(principal) });

/**
 * POST /api/quarantine/follow-ups: 201 when recorded, 200 when it was a resend of one already
 * recorded. A signed-in officer, or a quarantine device (a village team's phone, a thermometer):
 * its villages are its scope, its reports are `source: 'device'` whatever the body says, and it is
 * the actor (device:<id>).
 */
export async function postFollowUp(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, followUpRequest);
	const { principal } = request;
	const fromDevice = principal.kind === 'device';
	const input = fromDevice ? { ...body, source: 'device' as const } : body;
	const commandCtx = fromDevice ? { db: ctx.database.db, log: ctx.log, actor: actorOf(principal), scope: { kind: 'villages' as const, villageIds: villagesOfDeviceScope(principal.scopeId) } } : context(ctx, request);
	const recorded = await recordFollowUp({ ctx: commandCtx, input });
	sendJson(request.res, recorded.duplicate ? 200 : 201, recorded);
}

export async function postDelivery(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, deliveryRequest);
	const done = await markDeliveryDone({ ctx: context(ctx, request), input });
	sendJson(request.res, done.duplicate ? 200 : 201, done);
}

/** GET /api/quarantine/deliveries: supplies due today in the asker's villages (an officer: theirs). */
export async function getDeliveriesDue(ctx: WebContext, request: RouteRequest) {
	sendJson(request.res, 200, await deliveriesDue(ctx.database.db, scopeOrRefuse(request.principal)));
}

export async function getTransferProposals(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, { proposals: await openTransferProposals(ctx.database.db) });
}

export async function postRiskZone(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, addZoneRequest, 512 * 1024);
	sendJson(request.res, 201, await addRiskZone({ ctx: context(ctx, request), input }));
}

export async function postRedrawRiskZone(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, redrawZoneRequest, 512 * 1024);
	sendJson(request.res, 200, await redrawRiskZone({ ctx: context(ctx, request), input: { zoneId: request.params.id, ...body } }));
}

export async function postLiftRiskZone(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, liftZoneRequest);
	sendJson(request.res, 200, await liftRiskZone({ ctx: context(ctx, request), input: { zoneId: request.params.id, ...body } }));
}
