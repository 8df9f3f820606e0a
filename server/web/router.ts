/**
 * Dispatches a request to its route after the checks every route shares: the origin of a
 * state-changing request, who is asking, what the route's policy allows, and rate limits.
 * A path that matches no route goes to the web app (pages and assets carry no data), except under
 * /api/, where a client expects JSON and gets a JSON 404. Every refusal here comes in zh and en.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CredentialsUnavailable } from '../auth/authenticate';
import { authorize } from '../auth/authorize';
import { HttpError, sendError, sendHttpError } from '../http/http-utils';
import type { Route, WebContext } from './web-context';
import { ServiceError } from '../modules/service-error';
import { sendServiceError } from './service-error-response';

interface CompiledRoute extends Route {
	pattern: RegExp;
	names: string[];
}

export function compileRoutes(routes: Route[]): CompiledRoute[] {
	return routes.map((route) => {
		const names: string[] = [];
		const source = route.path.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_, name: string) => {
			names.push(name);
			return '([^/]+?)';
		});
		return { ...route, pattern: new RegExp(`^${source}$`), names };
	});
}

/** Browsers send Origin on cross-site requests; a state-changing one from elsewhere is refused (CSRF). */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	try {
		const host = new URL(origin).host;
		return host === req.headers.host || allowed.includes(origin);
	} catch {
		return false;
	}
}

export async function dispatch(ctx: WebContext, routes: CompiledRoute[], req: IncomingMessage, res: ServerResponse, fallback: () => Promise<void> | void): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const method = req.method ?? 'GET';
	if (method !== 'GET' && method !== 'HEAD' && !originAllowed(req, ctx.config.ALLOWED_ORIGINS)) {
		return sendError(res, 403, { zh: `不接受来自 ${req.headers.origin} 的请求`, en: `requests from ${req.headers.origin} are not allowed` }, 'origin_not_allowed');
	}
	const candidates = routes.filter((route) => route.pattern.test(url.pathname));
	if (candidates.length === 0) {
		if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return sendError(res, 404, { zh: '没有这个接口，请检查地址', en: `no API at ${url.pathname}` }, 'no_such_api');
		return fallback();
	}
	const route = candidates.find((each) => each.method === method || (method === 'HEAD' && each.method === 'GET'));
	if (!route) {
		const methods = candidates.map((each) => each.method).join(' or ');
		res.setHeader('allow', [...new Set(candidates.map((each) => each.method))].join(', '));
		return sendError(res, 405, { zh: `此地址只接受 ${methods.replace(' or ', ' 或 ')} 请求`, en: `use ${methods}` }, 'method_not_allowed');
	}
	let principal;
	try {
		principal = await ctx.authenticator.fromHeaders(req.headers);
	} catch (error) {
		if (!(error instanceof CredentialsUnavailable)) throw error;
		res.setHeader('retry-after', '5');
		return sendError(res, 503, { zh: '暂时无法核验身份，未做任何操作，请稍后重试', en: 'credentials cannot be checked right now; nothing was done, try again shortly' }, 'credentials_unavailable');
	}
	const verdict = authorize(route.policy, principal);
	if (!verdict.ok) return sendError(res, verdict.status, verdict.message, verdict.code);
	if (principal.kind === 'device' && !ctx.limits.device.take(principal.deviceId)) {
		res.setHeader('retry-after', '1');
		return sendError(res, 429, { zh: '此设备请求过于频繁，请放慢速度后重发', en: 'too many requests from this device; slow down and resend' }, 'too_many_requests');
	}
	if (principal.kind === 'user' && !ctx.limits.user.take(principal.userId)) {
		res.setHeader('retry-after', '1');
		return sendError(res, 429, { zh: '操作过于频繁，请稍候再试', en: 'too many requests; slow down' }, 'too_many_requests');
	}
	const match = url.pathname.match(route.pattern)!;
	let params: Record<string, string>;
	try {
		params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
	} catch (error) {
		// decodeURIComponent throws on "%E0%A4%A" or "%ZZ": the client's path is wrong, not the server.
		if (error instanceof URIError) return sendError(res, 400, { zh: '地址中的百分号编码有误', en: `the path has malformed percent-encoding: ${url.pathname}` }, 'malformed_path');
		throw error;
	}
	try {
		await route.handle(ctx, { req, res, params, url, principal });
	} catch (error) {
		// An operation refuses by throwing a ServiceError, the HTTP layer by an HttpError (a body too large,
		// not JSON, a field the schema refuses): the client gets its status and reason, nothing else.
		if (error instanceof ServiceError && !res.headersSent) return sendServiceError(res, error);
		if (error instanceof HttpError && !res.headersSent) return sendHttpError(res, error);
		throw error;
	}
}
