/**
 * Reads for the two quarantine pages: the village officer's rounds of today (/field/quarantine)
 * and the township desk's summary (/quarantine). Scoped like every quarantine read: an officer
 * (or a village team's device) sees their villages, a commander the county; masked names only.
 */
import { sendJson } from '../http/http-utils';
import { officerRounds } from '../modules/quarantine/officer-rounds';
import { deskSummary } from '../modules/quarantine/desk-summary';
import { villagesOfDeviceScope } from '../modules/identity/device-scope';
import { scopeOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

/**
 * A signed-in officer reads their villages; a village team's phone without a sign-in (a
 * quarantine_device credential, the only device the route's policy lets in) reads the villages
 * its credential names, as it may record follow-ups for those only.
 */
export async function getOfficerRounds(ctx: WebContext, { res, principal }: RouteRequest) {
	const scope = principal.kind === 'device' ? { kind: 'villages' as const, villageIds: villagesOfDeviceScope(principal.scopeId) } : scopeOrRefuse(principal);
	sendJson(res, 200, await officerRounds(ctx.database.db, scope));
}

export async function getDeskSummary(ctx: WebContext, { res, principal }: RouteRequest) {
	sendJson(res, 200, await deskSummary(ctx.database.db, scopeOrRefuse(principal)));
}
