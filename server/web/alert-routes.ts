/**
 * Alerts people handle: the open records a page shows with an acknowledge button (GET
 * /api/alerts/open, only those the reader may handle), acknowledging one (POST
 * /api/alerts/:id/acknowledge { note }) and the history (GET /api/alerts?kind&township&day&page).
 * Who may handle what is decided in the operations (src/lib/domain/alert-scope.ts); a wall
 * display or device handles nothing.
 */
import { actorOf, type Principal } from '../auth/principal';
import { HttpError, readValidJson, sendJson, validOrRefuse } from '../http/http-utils';
import { acknowledgeAlert } from '../modules/alerts/acknowledge-alert';
import { alertHistory } from '../modules/alerts/alert-history';
import { openAlertViews } from '../modules/alerts/alert-views';
import { mayHandleAlert, type AlertActor } from '../../src/lib/domain/alert-scope';
import { acknowledgeAlertRequest } from '../../src/lib/protocol/alert-events';
import { z } from 'zod';
import { scopeOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

function alertActor(principal: Principal): AlertActor {
	if (principal.kind !== 'user') throw new HttpError(403, { zh: '只有登录的工作人员可以处理告警', en: 'only signed-in staff handle alerts' }, 'alert_not_yours');
	const scope = scopeOrRefuse(principal);
	return { role: principal.role, townshipId: scope.kind === 'township' ? scope.townshipId : null, villageIds: scope.kind === 'villages' ? scope.villageIds : [] };
}

export async function getOpenAlerts(ctx: WebContext, { res, principal }: RouteRequest) {
	const who = alertActor(principal);
	const views = await openAlertViews(ctx.database.db);
	sendJson(res, 200, { at: new Date().toISOString(), alerts: views.filter((view) => mayHandleAlert(who, { kind: view.kind, alertId: view.alertId, townshipId: view.townshipId })) });
}

export async function postAcknowledgeAlert(ctx: WebContext, request: RouteRequest) {
	const who = alertActor(request.principal);
	const { note } = await readValidJson(request.req, acknowledgeAlertRequest);
	const recordId = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : -1;
	sendJson(request.res, 200, await acknowledgeAlert({ ctx: { db: ctx.database.db, log: ctx.log, actor: actorOf(request.principal), who }, input: { recordId, note } }));
}

const historyQuery = z.strictObject({
	kind: z.string().max(64).optional(),
	township: z.string().max(64).optional(),
	day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day: a date as YYYY-MM-DD (China time)').optional(),
	page: z.coerce.number().int().min(1).max(100_000).optional()
});

export async function getAlertHistory(ctx: WebContext, { res, url, principal }: RouteRequest) {
	const who = alertActor(principal);
	const query = validOrRefuse(historyQuery, Object.fromEntries([...url.searchParams].filter(([, value]) => value !== '')), 'query');
	sendJson(res, 200, await alertHistory({ db: ctx.database.db, who, filter: { kind: query.kind, townshipId: query.township, day: query.day, page: query.page } }));
}
