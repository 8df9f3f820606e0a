/**
 * Headers on every response, API and pages alike. The Content-Security-Policy allows scripts only
 * from this origin (SvelteKit adds the hash of its own bootstrap script to a page's policy, see
 * svelte.config.js), MapLibre's workers and images from blob: and data:, connections to this
 * origin (the socket included) and to the basemap host the settings name, and no framing. The wall
 * URL carries its display token, so no page sends a Referer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';

/** Origins the map's basemap is fetched from, beyond this server: Tianditu's host or a style URL's. */
export function basemapOrigins(config: Pick<Config, 'BASEMAP' | 'TIANDITU_HOST'>): string[] {
	if (config.BASEMAP === 'tianditu') return [new URL(config.TIANDITU_HOST).origin];
	if (/^https?:\/\//.test(config.BASEMAP)) return [new URL(config.BASEMAP).origin];
	return [];
}

/** A Host header fit to name in the policy; anything else is left out rather than trusted. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function contentSecurityPolicy({ host, basemap }: { host: string | undefined; basemap: string[] }): string {
	// 'self' covers ws: and wss: of this origin in current browsers; older ones need them named.
	const socket = host && PLAIN_HOST.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
	const directives: Record<string, string[]> = {
		'default-src': ["'self'"],
		'script-src': ["'self'"],
		// Svelte renders style="…" attributes into pages; styles cannot run code.
		'style-src': ["'self'", "'unsafe-inline'"],
		'img-src': ["'self'", 'data:', 'blob:', ...basemap],
		'font-src': ["'self'", 'data:'],
		'connect-src': ["'self'", ...socket, ...basemap],
		'worker-src': ["'self'", 'blob:'],
		'child-src': ["'self'", 'blob:'],
		'object-src': ["'none'"],
		'base-uri': ["'self'"],
		'form-action': ["'self'"],
		'frame-ancestors': ["'none'"]
	};
	return serialize(directives);
}

export const BASE_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	// For browsers without frame-ancestors.
	'x-frame-options': 'DENY'
};

/**
 * Sets the headers on a response before any handler runs. A handler that sets its own policy
 * (SvelteKit, with the hash of a page's inline bootstrap script) adds its sources to ours rather
 * than replacing it.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, basemap: string[]): void {
	const policy = contentSecurityPolicy({ host: req.headers.host, basemap });
	for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
	res.setHeader('content-security-policy', policy);
	// A 304 updates the browser's cached page with the headers it carries. SvelteKit's 304 has no
	// policy of its own, so ours (without the page's script hashes) would replace the cached one and
	// the reloaded page would not start (a black wall). With none, the cached page keeps its own.
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
	res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
		if (statusCode === 304) res.removeHeader('content-security-policy');
		return writeHead(statusCode, ...rest);
	}) as ServerResponse['writeHead'];
	const setHeader = res.setHeader.bind(res);
	res.setHeader = ((name: string, value: number | string | readonly string[]) =>
		setHeader(name, name.toLowerCase() === 'content-security-policy' ? mergePolicies(policy, String(value)) : value)) as ServerResponse['setHeader'];
}

/** Ours, with every source the other policy adds to a directive (SvelteKit's script hashes). */
export function mergePolicies(ours: string, theirs: string): string {
	const merged = parse(ours);
	for (const [name, sources] of Object.entries(parse(theirs))) merged[name] = [...new Set([...(merged[name] ?? []), ...sources])];
	return serialize(merged);
}

function parse(policy: string): Record<string, string[]> {
	const directives: Record<string, string[]> = {};
	for (const part of policy.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) directives[name.toLowerCase()] = sources;
	}
	return directives;
}

const serialize = (directives: Record<string, string[]>) =>
	Object.entries(directives)
		.map(([name, sources]) => [name, ...sources].join(' '))
		.join('; ');
