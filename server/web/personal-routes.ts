/** Revealing one piece of personal data, with a reason, on record; positive pools' households; and reading the record. */
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { auditLog } from '../db/schema/index';
import { HttpError, readJson, sendError, sendJson } from '../http/http-utils';
import { revealPersonal, RevealError } from '../modules/identity/reveal-personal';
import { listPositivePools } from '../modules/pools/positive-pools';
import { scopeOrRefuse, villagesOf } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

const revealInput = z.object({
	// A person by their opaque id only: an ID number or a name must never travel as a key.
	subject: z.string().max(100).regex(/^(person:p_[0-9a-f]{32}|household:[^\s:]+)$/, 'subject must be person:p_… (the person’s id) or household:<household code>'),
	field: z.enum(['name', 'idNumber', 'phone', 'address']),
	reason: z.string().trim().min(4, 'reason must say why, in at least 4 characters').max(500)
});

export async function postReveal(ctx: WebContext, { req, res, principal }: RouteRequest) {
	try {
		const parsed = revealInput.safeParse(await readJson(req, 16 * 1024));
		if (!parsed.success) throw new HttpError(400, `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
		const villageIds = villagesOf(scopeOrRefuse(principal));
		sendJson(res, 200, await revealPersonal({ db: ctx.database.db, input: parsed.data, actor: actorOf(principal), villageIds }));
	} catch (error) {
		if (error instanceof RevealError) return sendError(res, 404, error.message);
		if (error instanceof HttpError) return sendError(res, error.status, error.message);
		throw error;
	}
}

/** GET /api/pools/positive: positive pools with their households, only those of the user's villages for an officer. */
export async function getPositivePools(ctx: WebContext, { res, principal }: RouteRequest) {
	const villageIds = villagesOf(scopeOrRefuse(principal));
	sendJson(res, 200, await listPositivePools(ctx.database.db, { actor: actorOf(principal), villageIds }));
}

export async function getAudit(ctx: WebContext, { res, url }: RouteRequest) {
	const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
	sendJson(res, 200, await ctx.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit));
}
