/** The first admin: by CLI, or through a one-time link that start-up prints while no admin exists. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { setupTokens, users } from '../../db/schema/index';
import { hashToken, newToken } from '../../auth/tokens';
import { createUser, IdentityError } from './users';

const SETUP_VALID_MS = 60 * 60 * 1000;

export async function adminExists({ db }: { db: Db }): Promise<boolean> {
	return (await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1)).length > 0;
}

/** A new setup token, valid one hour, or null when an admin exists already. */
export async function openSetup({ db }: { db: Db }): Promise<string | null> {
	if (await adminExists({ db })) return null;
	const token = newToken('setup');
	await db.insert(setupTokens).values({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + SETUP_VALID_MS) });
	return token;
}

export async function completeSetup({ db, input }: { db: Db; input: { token: string; username: string; password: string } }): Promise<{ username: string }> {
	return db.transaction(async (tx) => {
		const txDb = tx as unknown as Db;
		const used = await tx
			.update(setupTokens)
			.set({ usedAt: new Date() })
			.where(and(eq(setupTokens.tokenHash, hashToken(input.token ?? '')), isNull(setupTokens.usedAt), gt(setupTokens.expiresAt, new Date())))
			.returning({ tokenHash: setupTokens.tokenHash });
		if (used.length === 0) throw new IdentityError('this setup link is unknown, used or expired; restart the server for a new one, or run npm run admin:create');
		if (await adminExists({ db: txDb })) throw new IdentityError('an admin exists already');
		return createUser({ db: txDb, input: { username: input.username, password: input.password, role: 'admin' }, actor: 'setup-link' });
	});
}
