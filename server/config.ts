/**
 * The environment, parsed once. A wrong setting stops start-up with one line naming it.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

export const ROLES = ['web', 'hub', 'ingest', 'projector', 'sim'] as const;
export type Role = (typeof ROLES)[number];

const flag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
	.transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const settings = z.object({
	PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535').default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL (leave it unset for the embedded database)')
		.optional(),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\/.+/, 'must be a redis:// or rediss:// URL (leave it unset for the in-process event log)')
		.optional(),
	/** Prefix of every Redis key and channel, so deployments (and test runs) sharing one Redis never meet. */
	REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]+$/, 'may use only letters, digits and _ : . -').default('cc:'),
	DATA_DIR: z.string().min(1).default('data'),
	/** Loaded into a new, empty database; "none" starts empty, for a county imported from its ledgers. */
	SCENARIO: z.enum(['chengmen', 'metro', 'none'], { error: 'must be one of: chengmen, metro, none' }).default('chengmen'),
	SIMULATE: flag.default(true),
	BASEMAP: z
		.string()
		.refine((v) => v === 'offline' || v === 'tianditu' || /^pmtiles:.+\.pmtiles$/.test(v) || /^https?:\/\/.+/.test(v), 'must be "offline", "tianditu", "pmtiles:<path of a .pmtiles file>" or the http(s) URL of a MapLibre style')
		.refine((v) => !v.startsWith('pmtiles:') || existsSync(v.slice('pmtiles:'.length)), 'names a .pmtiles file that does not exist')
		.default('offline'),
	/** A second port taking OsmAnd positions at any path (Traccar Client's default is 5055); unset: only /api/ingest/osmand. */
	OSMAND_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0, 'must be 0–65535').max(65535, 'must be 0–65535').optional(),
	/** Tianditu (天地图) WMTS: the key of the deployment and the tile host (or an intranet mirror of it). */
	TIANDITU_KEY: z.string().regex(/^[A-Za-z0-9]+$/, 'must be the key Tianditu issued (letters and digits)').optional(),
	TIANDITU_HOST: z.string().regex(/^https?:\/\/[^/]+$/, 'must look like https://host[:port]').default('https://t0.tianditu.gov.cn'),
	ROLES: z
		.string()
		.transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean))
		.pipe(z.array(z.enum(ROLES, { error: `each role must be one of ${ROLES.join(', ')}` })).min(1, 'must name at least one role'))
		.default([...ROLES]),
	/** Other origins (scheme://host:port) whose pages may call the API and open sockets; the server's own is always allowed. */
	ALLOWED_ORIGINS: z
		.string()
		.transform((v) => v.split(',').map((origin) => origin.trim()).filter(Boolean))
		.pipe(z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'each origin must look like https://host[:port]')))
		.default([]),
	/**
	 * Requests one device credential may send: a burst, then so many a second. A platform gateway
	 * forwarding many devices may need more; tests set a small bucket to exhaust it deterministically.
	 */
	DEVICE_RATE_BURST: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000).default(100),
	DEVICE_RATE_PER_SECOND: z.coerce.number({ error: 'must be a number' }).positive('must be more than 0').max(1_000_000).default(50),
	/**
	 * Behind one reverse proxy that appends the client's address to X-Forwarded-For: take the
	 * client's address from there (sign-in throttling is per address). Without a proxy leave it off,
	 * or anyone could name any address.
	 */
	TRUST_PROXY: flag.default(false),
	/** Days after a quarantine case ends before its personal data is deleted. */
	PERSONAL_DATA_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').max(3650).default(30),
	TICK_MS: z.coerce.number({ error: 'must be a number' }).int().min(50, 'must be 50–5000').max(5000, 'must be 50–5000').default(100)
});

const checked = settings.refine((config) => config.BASEMAP !== 'tianditu' || Boolean(config.TIANDITU_KEY), {
	path: ['TIANDITU_KEY'],
	message: 'is needed with BASEMAP=tianditu'
}).refine((config) => !(config.SCENARIO === 'metro' && config.SIMULATE), {
	path: ['SIMULATE'],
	message: 'must be false with SCENARIO=metro: the megacity is too large for the built-in demo simulator'
});

export type Config = z.infer<typeof settings>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = checked.safeParse(present);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new ConfigError(`${issue.path.join('.')}: ${issue.message} (got "${present[String(issue.path[0])] ?? ''}")`);
	}
	return parsed.data;
}

/** A URL fit for a log line: the password is never printed. */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(unparseable URL)';
	}
}
