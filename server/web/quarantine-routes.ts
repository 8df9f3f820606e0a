/**
 * The quarantine desk's and village officers' commands on returnees and cases. Each is an
 * operation (server/modules/quarantine/*) that appends its event; refusals are ServiceErrors,
 * answered by the router; scope (an officer's villages) is enforced by the operations on every
 * action; the reads (officer-rounds, desk-summary) are scoped the same way.
 */
import { actorOf } from '../auth/principal';
import { readValidJson, sendJson } from '../http/http-utils';
import { registerReturnee } from '../modules/quarantine/register-returnee';
import { overrideMeasure } from '../modules/quarantine/override-measure';
import { recordTestResult } from '../modules/quarantine/record-test-result';
import { correctTestResult } from '../modules/quarantine/correct-test-result';
import { extendCase } from '../modules/quarantine/extend-case';
import { releaseCase } from '../modules/quarantine/release-case';
import { dismissConcern, dismissConcernRequest } from '../modules/quarantine/dismiss-concern';
import { hotelBeds } from '../modules/quarantine/hotel-beds';
import { refuseCase, type QuarantineContext } from '../modules/quarantine/case-refusals';
import { correctTestResultRequest, extendCaseRequest, overrideMeasureRequest, registerReturneeRequest, releaseCaseRequest, testResultRequest } from '../modules/quarantine/case-requests';
import { scopeOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

const context = (ctx: WebContext, { principal }: RouteRequest): QuarantineContext => ({ db: ctx.database.db, log: ctx.log, actor: actorOf(principal), scope: scopeOrRefuse(principal) });

function testId(params: Record<string, string>): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) throw refuseCase('test_not_found');
	return id;
}

export async function postReturnee(ctx: WebContext, request: RouteRequest) {
	const input = await readValidJson(request.req, registerReturneeRequest);
	sendJson(request.res, 201, await registerReturnee({ ctx: context(ctx, request), input }));
}

export async function postOverrideMeasure(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, overrideMeasureRequest);
	sendJson(request.res, 200, await overrideMeasure({ ctx: context(ctx, request), input: { returneeId: request.params.id, ...body } }));
}

export async function postTestResult(ctx: WebContext, request: RouteRequest) {
	const id = testId(request.params);
	const body = await readValidJson(request.req, testResultRequest);
	sendJson(request.res, 200, await recordTestResult({ ctx: context(ctx, request), input: { testId: id, ...body } }));
}

/** A recorded result corrected, with a reason (audited, on the case's history). */
export async function postTestCorrection(ctx: WebContext, request: RouteRequest) {
	const id = testId(request.params);
	const body = await readValidJson(request.req, correctTestResultRequest);
	sendJson(request.res, 200, await correctTestResult({ ctx: context(ctx, request), input: { testId: id, ...body } }));
}

export async function postExtendCase(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, extendCaseRequest);
	sendJson(request.res, 200, await extendCase({ ctx: context(ctx, request), input: { caseId: request.params.id, ...body } }));
}

export async function postReleaseCase(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, releaseCaseRequest);
	sendJson(request.res, 200, await releaseCase({ ctx: context(ctx, request), input: { caseId: request.params.id, ...body } }));
}

export async function postDismissFever(ctx: WebContext, request: RouteRequest) {
	const body = await readValidJson(request.req, dismissConcernRequest);
	sendJson(request.res, 200, await dismissConcern({ ctx: context(ctx, request), input: { caseId: request.params.id, ...body } }));
}

export async function getHotelBeds(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, await hotelBeds(ctx.database.db));
}
