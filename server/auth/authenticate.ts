/**
 * Finds the principal of a request or a socket handshake: a session cookie (people), or a bearer
 * token (wall displays "dsp_…", devices "dev_…"). Lookups are cached briefly, so a revoked token
 * stops working within CACHE_MS.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Db } from '../db/client';
import { deviceOfToken, displayOfToken } from '../modules/identity/credentials';
import { userOfSession } from '../modules/identity/users';
import { ANONYMOUS, type Principal } from './principal';

export const SESSION_COOKIE = 'cc_session';

/** Credentials cannot be checked right now (the database does not answer). */
export class CredentialsUnavailable extends Error {}
const CACHE_MS = 15_000;

export class Authenticator {
	#db: Db;
	#cache = new Map<string, { principal: Principal | null; until: number }>();

	constructor(db: Db) {
		this.#db = db;
	}

	async fromHeaders(headers: IncomingHttpHeaders, extraToken?: string | null): Promise<Principal> {
		const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/)?.[1] ?? extraToken ?? null;
		if (bearer) return (await this.fromToken(bearer)) ?? ANONYMOUS;
		const session = cookieValue(headers.cookie, SESSION_COOKIE);
		if (session) return (await this.fromToken(session)) ?? ANONYMOUS;
		return ANONYMOUS;
	}

	async fromToken(token: string): Promise<Principal | null> {
		const cached = this.#cache.get(token);
		if (cached && cached.until > Date.now()) return cached.principal;
		let principal: Principal | null;
		try {
			principal = token.startsWith('dsp_')
				? await displayOfToken({ db: this.#db, token })
				: token.startsWith('dev_')
					? await deviceOfToken({ db: this.#db, token })
					: token.startsWith('ses_')
						? await userOfSession({ db: this.#db, token })
						: null;
		} catch (error) {
			// The database is away: a token seen before keeps working (devices keep reporting into the
			// event log); a new one cannot be checked now.
			if (cached) return cached.principal;
			throw new CredentialsUnavailable((error as Error).message);
		}
		if (this.#cache.size > 10_000) this.#cache.clear();
		this.#cache.set(token, { principal, until: Date.now() + CACHE_MS });
		return principal;
	}

	/** Forget cached lookups (after sign-out or a revocation on this node). */
	forget(token?: string): void {
		if (token) this.#cache.delete(token);
		else this.#cache.clear();
	}
}

export function cookieValue(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) return decodeURIComponent(rest.join('='));
	}
	return null;
}
