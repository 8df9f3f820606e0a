/**
 * Door-to-door sampling and positive-pool playbooks over HTTP. The operations
 * (server/modules/door-visits, server/modules/playbooks) check scope and refuse with ServiceErrors;
 * the router answers them. Reads: an officer's visits in route order, the dispatch map's counts
 * per village, the playbooks with their steps, and the wall's timers (villages only).
 */
import { actorOf } from '../auth/principal';
import { readValidJson, sendJson } from '../http/http-utils';
import { z } from 'zod';
import { generateDoorVisits } from '../modules/door-visits/generate-door-visits';
import { recordDoorSample } from '../modules/door-visits/record-door-sample';
import { doorVisitVillages, listDoorVisits } from '../modules/door-visits/list-door-visits';
import { generateRequest, retestResultRequest, sampledRequest, type DoorVisitContext } from '../modules/door-visits/door-visit-refusals';
import { notifyPlaybook } from '../modules/playbooks/notify-playbook';
import { recordRetestResult } from '../modules/playbooks/record-retest-result';
import { loadPlaybooks, wallPlaybooks } from '../modules/playbooks/playbook-view';
import { recordAudit } from '../modules/identity/record-audit';
import { scopeOrRefuse, villagesOf } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

const context = (ctx: WebContext, { principal }: RouteRequest): DoorVisitContext => ({ db: ctx.database.db, log: ctx.log, actor: actorOf(principal), scope: scopeOrRefuse(principal) });

/** POST /api/door-visits/generate: 生成上门采样任务 for today (idempotent). */
export async function postGenerateDoorVisits(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, generateRequest);
	sendJson(request.res, 200, await generateDoorVisits({ ctx: context(ctx, request), input }));
}

/** GET /api/door-visits: today's visits of the asker's villages, in route order. */
export async function getDoorVisits(ctx: WebContext, request: RouteRequest) {
	sendJson(request.res, 200, await listDoorVisits(ctx.database.db, scopeOrRefuse(request.principal)));
}

/** GET /api/door-visits/villages: counts per village at its centre, for the dispatch map. */
export async function getDoorVisitVillages(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, await doorVisitVillages(ctx.database.db));
}

/** POST /api/door-visits/sampled: 已采样, one household's tube (or one member's re-test tube). */
export async function postDoorSample(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, sampledRequest);
	sendJson(request.res, 201, await recordDoorSample({ ctx: context(ctx, request), input }));
}

/** GET /api/playbooks: each positive pool's playbook with its steps and, for the asker's villages, its re-test visits. Recorded. */
export async function getPlaybooks(ctx: WebContext, request: RouteRequest) {
	const villageIds = villagesOf(scopeOrRefuse(request.principal));
	const loaded = await loadPlaybooks(ctx.database.db, { villageIds, now: Date.now() });
	// Recorded when it shows households (an empty list shows nothing to record).
	if (loaded.length > 0) await recordAudit({ db: ctx.database.db, entry: { actor: actorOf(request.principal), action: 'playbooks.list', subject: 'playbooks', details: { playbooks: loaded.map(({ row }) => row.id), ...(villageIds ? { villageIds } : {}) } } });
	sendJson(request.res, 200, {
		playbooks: loaded.map(({ row, visits, state }) => ({
			id: row.id, boxId: row.boxId, tube: row.tube, positiveAt: row.positiveAt.toISOString(), villageIds: row.villageIds, notifiedAt: row.notifiedAt?.toISOString() ?? null, closedAt: row.closedAt?.toISOString() ?? null,
			steps: state.steps, late: state.late, complete: state.complete,
			visits: visits.map((visit) => ({ id: visit.id, memberCode: visit.memberCode, householdId: visit.householdId, villageId: visit.villageId, status: visit.status, result: visit.result, route: visit.route, stopOrder: visit.stopOrder }))
		}))
	});
}

const notifyRequest = z.strictObject({ playbookId: z.string().trim().min(1).max(64) });

/** POST /api/playbooks/notified: 已收到 on the officer's phone. */
export async function postPlaybookNotified(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, notifyRequest);
	sendJson(request.res, 200, await notifyPlaybook({ ctx: context(ctx, request), input }));
}

/** POST /api/playbooks/retest-result: a re-test tube's result (lab operator or the village's officer). */
export async function postRetestResult(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, retestResultRequest);
	const done = await recordRetestResult({ ctx: context(ctx, request), input });
	sendJson(request.res, done.duplicate ? 200 : 201, done);
}

/** GET /api/wall/playbooks: the wall's step timers, villages only. */
export async function getWallPlaybooks(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, { playbooks: await wallPlaybooks(ctx.database.db) });
}
