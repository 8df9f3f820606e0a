/** Revealing one piece of personal data, with a reason, on record; positive pools' households; and reading the record. */
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { auditLog } from '../db/schema/index';
import { HttpError, readJson, sendError, sendHttpError, sendJson, validOrRefuse } from '../http/http-utils';
import { identityText } from './identity-refusal';
import { revealPersonal, RevealError } from '../modules/identity/reveal-personal';
import { listPositivePools } from '../modules/pools/positive-pools';
import { scopeOrRefuse, villagesOf } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

const revealInput = z.object({
	// A person by their opaque id only: an ID number or a name must never travel as a key.
	subject: z.string().max(100).regex(/^(person:p_[0-9a-f]{32}|household:[^\s:]+)$/, 'subject must be person:p_… (the person’s id) or household:<household code>'),
	field: z.enum(['name', 'idNumber', 'phone', 'address']).optional(),
	/** A few fields of one person at once: one reason, one audit entry. */
	fields: z.array(z.enum(['name', 'idNumber', 'phone', 'address'])).min(1).max(4).optional(),
	reason: z.string().trim().min(4, 'reason must say why, in at least 4 characters').max(500)
}).refine((body) => body.field !== undefined || body.fields !== undefined, { message: 'say which field to reveal (field, or fields)', params: { zh: '请选择要查看的信息项' } });

export async function postReveal(ctx: WebContext, { req, res, principal }: RouteRequest) {
	try {
		const input = validOrRefuse(revealInput, await readJson(req, 16 * 1024));
		const villageIds = villagesOf(scopeOrRefuse(principal));
		sendJson(res, 200, await revealPersonal({ db: ctx.database.db, input, actor: actorOf(principal), villageIds }));
	} catch (error) {
		if (error instanceof RevealError) return sendError(res, 404, identityText(error.message), 'nothing_to_reveal');
		if (error instanceof HttpError) return sendHttpError(res, error);
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
