/**
 * POST /api/coverage/deadline: the commander's deadline for today's round (完成时限), "HH:MM" China
 * time or null to clear. Who may is decided by the operation, so a refusal names the reason in zh
 * and en (403 for a role, 400 for a bad or past time); nothing is written then.
 */
import { actorOf } from '../auth/principal';
import { readValidJson, sendJson } from '../http/http-utils';
import { setRoundDeadline } from '../modules/coverage/set-round-deadline';
import { setRoundDeadlineRequest } from '../../src/lib/protocol/round-deadline-events';
import type { RouteRequest, WebContext } from './web-context';

export async function postRoundDeadline(ctx: WebContext, { req, res, principal }: RouteRequest) {
	const role = principal.kind === 'user' ? principal.role : null;
	const result = await setRoundDeadline({ ctx: { db: ctx.database.db, log: ctx.log, actor: actorOf(principal), role }, input: await readValidJson(req, setRoundDeadlineRequest) });
	// This node's cached coverage was computed against the old target: the next read recomputes it.
	ctx.overviews.coverages.forget();
	sendJson(res, 200, result);
}
