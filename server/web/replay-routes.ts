/** Replay of vehicles' tracks for the dispatcher. Refusals are ServiceErrors, answered by the router. */
import { sendJson } from '../http/http-utils';
import { loadReplay, parseReplayQuery } from '../modules/replay/vehicle-replay';
import type { RouteRequest, WebContext } from './web-context';

/** GET /api/replay?vehicles=all|a,b&from=…&to=…: tracks over a window (at most 24 h), with stops, distance, arrivals and custody. */
export async function getReplay(ctx: WebContext, { res, url }: RouteRequest) {
	sendJson(res, 200, await loadReplay(ctx.database.db, parseReplayQuery(url.searchParams)));
}
