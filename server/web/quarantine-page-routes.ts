/**
 * Reads for the two quarantine pages: the village officer's rounds of today (/field/quarantine)
 * and the township desk's summary (/quarantine). Scoped like every quarantine read: an officer
 * sees their villages, a commander the county; masked names only.
 */
import { sendJson } from '../http/http-utils';
import { officerRounds } from '../modules/quarantine/officer-rounds';
import { deskSummary } from '../modules/quarantine/desk-summary';
import { scopeOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

export async function getOfficerRounds(ctx: WebContext, { res, principal }: RouteRequest) {
	sendJson(res, 200, await officerRounds(ctx.database.db, scopeOrRefuse(principal)));
}

export async function getDeskSummary(ctx: WebContext, { res, principal }: RouteRequest) {
	sendJson(res, 200, await deskSummary(ctx.database.db, scopeOrRefuse(principal)));
}
