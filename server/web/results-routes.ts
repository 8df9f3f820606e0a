/**
 * Results on time: a lab's (or every lab's) boxes pending against the 8-hour promise, overdue first.
 * Labs, sites and boxes only; nothing of a person.
 */
import { sendJson } from '../http/http-utils';
import { loadResultsBoard } from '../modules/results/results-on-time';
import type { RouteRequest, WebContext } from './web-context';

/** GET /api/results[?lab=<lab id>]: an unknown lab answers with no labs rather than an error, as a filter does. */
export async function getResultsBoard(ctx: WebContext, { res, url }: RouteRequest) {
	const lab = url.searchParams.get('lab');
	sendJson(res, 200, await loadResultsBoard(ctx.database.db, Date.now(), lab && lab.length <= 64 ? lab : null));
}
