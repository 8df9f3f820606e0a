/** GET /api/risk-zones: the commanders' list of risk zones with households and people counted in each (server/modules/quarantine/list-risk-zones.ts). */
import { sendJson } from '../http/http-utils';
import { listRiskZones } from '../modules/quarantine/list-risk-zones';
import type { RouteRequest, WebContext } from './web-context';

export async function getRiskZones(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, await listRiskZones(ctx.database.db));
}
