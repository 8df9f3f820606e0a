import type { ServerResponse, IncomingMessage } from 'node:http';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/authenticate';
import { HashingBusy } from '../auth/passwords';
import { clientAddress } from '../http/client-address';
import { ROLE_PERMISSIONS } from '../auth/roles';
import { HttpError, readJson, sendError, sendHttpError, sendJson } from '../http/http-utils';
import { identityText } from './identity-refusal';
import { completeSetup } from '../modules/identity/first-admin';
import { IdentityError, SESSION_DAYS, signIn, signInInput, signOut } from '../modules/identity/users';
import type { RouteRequest, WebContext } from './web-context';

const SIGN_IN_FIRST = { zh: '请先登录', en: 'sign in first' };

/** Secure cookies need HTTPS, which browsers also grant to localhost. */
function secureCookie(req: IncomingMessage): boolean {
	const host = (req.headers.host ?? '').split(':')[0];
	return req.headers['x-forwarded-proto'] === 'https' || 'encrypted' in req.socket || host === 'localhost' || host === '127.0.0.1';
}

function setSessionCookie(req: IncomingMessage, res: ServerResponse, token: string, maxAgeSeconds: number) {
	res.setHeader('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secureCookie(req) ? '; Secure' : ''}`);
}

/**
 * POST /api/auth/login. Throttled per account and per address before any hashing (429 with
 * Retry-After); 503 with Retry-After when too many sign-ins are being checked at once.
 */
export async function login(ctx: WebContext, { req, res }: RouteRequest) {
	try {
		const parsed = signInInput.safeParse(await readJson(req, 16 * 1024));
		if (!parsed.success) throw new IdentityError('username and password are required');
		const verdict = ctx.limits.signIn.begin({ username: parsed.data.username, address: clientAddress(req, ctx.config.TRUST_PROXY) });
		if (!verdict.allowed) {
			ctx.metrics.increment('sign_in_refused_total', { reason: 'throttled' });
			res.setHeader('retry-after', String(verdict.retryAfterSeconds));
			return sendError(res, 429, { zh: `登录失败次数过多，请 ${verdict.retryAfterSeconds} 秒后再试`, en: `too many failed sign-ins; try again in ${verdict.retryAfterSeconds} s` }, 'sign_in_throttled', { retryAfterSeconds: verdict.retryAfterSeconds });
		}
		let session;
		try {
			session = await signIn({ db: ctx.database.db, input: parsed.data });
			verdict.attempt.succeeded();
		} catch (error) {
			if (error instanceof IdentityError) verdict.attempt.failed();
			else verdict.attempt.abandoned();
			throw error;
		}
		setSessionCookie(req, res, session.token, SESSION_DAYS * 86_400);
		sendJson(res, 200, { username: session.username, role: session.role });
	} catch (error) {
		if (error instanceof IdentityError) {
			ctx.metrics.increment('sign_in_failed_total');
			return sendError(res, 401, identityText(error.message), 'sign_in_failed');
		}
		if (error instanceof HashingBusy) {
			ctx.metrics.increment('sign_in_refused_total', { reason: 'busy' });
			res.setHeader('retry-after', '2');
			return sendError(res, 503, { zh: '正在核验的登录请求过多，请 2 秒后再试', en: 'too many sign-ins are being checked; try again in 2 s' }, 'sign_in_busy', { retryAfterSeconds: 2 });
		}
		if (error instanceof HttpError) return sendHttpError(res, error);
		throw error;
	}
}

export async function logout(ctx: WebContext, { req, res, principal }: RouteRequest) {
	if (principal.kind !== 'user') return sendError(res, 401, SIGN_IN_FIRST, 'sign_in_required');
	await signOut({ db: ctx.database.db, principal });
	ctx.authenticator.forget();
	await ctx.control.publish({ type: 'session.ended', userId: principal.userId });
	setSessionCookie(req, res, '', 0);
	sendJson(res, 200, { signedOut: true });
}

export function me(_ctx: WebContext, { res, principal }: RouteRequest) {
	// permissions: what the role may do, so the home page lists exactly the pages it may open.
	if (principal.kind === 'user') return sendJson(res, 200, { kind: 'user', username: principal.username, role: principal.role, townshipId: principal.townshipId, permissions: ROLE_PERMISSIONS[principal.role] });
	if (principal.kind === 'display') return sendJson(res, 200, { kind: 'display', displayId: principal.displayId, regionId: principal.regionId });
	sendError(res, 401, SIGN_IN_FIRST, 'sign_in_required');
}

const setupInput = z.object({ token: z.string().min(1).max(200), username: z.string().min(1).max(100), password: z.string().min(1).max(256) });

export async function setupAdmin(ctx: WebContext, { req, res }: RouteRequest) {
	try {
		const parsed = setupInput.safeParse(await readJson(req, 16 * 1024));
		if (!parsed.success) throw new HttpError(400, { zh: '请填写设置令牌、用户名和密码', en: 'token, username and password are required' }, 'invalid_input');
		const admin = await completeSetup({ db: ctx.database.db, input: parsed.data });
		sendJson(res, 201, admin);
	} catch (error) {
		if (error instanceof IdentityError) return sendError(res, 400, identityText(error.message), 'identity_refused');
		if (error instanceof HttpError) return sendHttpError(res, error);
		throw error;
	}
}
