import { createHash, randomBytes } from 'node:crypto';

/** A new secret: 32 random bytes, URL-safe. */
export function newToken(prefix: string): string {
	return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a token: its SHA-256. Tokens are long and random, so no salt or slow hash is needed. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
