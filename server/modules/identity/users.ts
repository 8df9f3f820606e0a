/** Creating users and signing in and out. */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema/index';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../../auth/passwords';
import { ROLES } from '../../auth/roles';
import type { Principal } from '../../auth/principal';
import { hashToken, newToken } from '../../auth/tokens';
import { recordAudit } from './record-audit';
import { newUserScopeProblem, scopeOfUser } from './user-scopes';

export const SESSION_DAYS = 7;

export const newUserInput = z.object({
	username: z.string().regex(/^[\p{L}\p{N}_.-]{2,40}$/u, 'username must be 2–40 letters, digits or _ . -'),
	password: z.string().refine((password) => passwordProblem(password) === null, { message: 'password must be at least 12 characters' }),
	role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
	townshipId: z.string().max(200).nullable().default(null),
	villageIds: z.array(z.string().max(200)).max(500).default([])
});

export class IdentityError extends Error {}

export async function createUser({ db, input, actor }: { db: Db; input: z.input<typeof newUserInput>; actor: string }): Promise<{ id: string; username: string }> {
	const parsed = newUserInput.safeParse(input);
	if (!parsed.success) throw new IdentityError(parsed.error.issues[0].message);
	const { username, password, role, townshipId, villageIds } = parsed.data;
	const scopeProblem = await newUserScopeProblem(db, role, { townshipId, villageIds });
	if (scopeProblem) throw new IdentityError(scopeProblem);
	const existing = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
	if (existing.length > 0) throw new IdentityError(`username ${username} is taken`);
	const id = randomUUID();
	await db.insert(users).values({ id, username, passwordHash: await hashPassword(password), role, townshipId, villageIds });
	await recordAudit({ db, entry: { actor, action: 'user.create', subject: `user:${username}`, details: { role, townshipId, villageIds } } });
	return { id, username };
}

export const signInInput = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(256) });

/** Checks the password and opens a new session (a new id on every sign-in, so no session is fixed in advance). */
export async function signIn({ db, input }: { db: Db; input: unknown }): Promise<{ token: string; expiresAt: Date; username: string; role: string }> {
	const parsed = signInInput.safeParse(input);
	if (!parsed.success) throw new IdentityError('username and password are required');
	const [user] = await db.select().from(users).where(and(eq(users.username, parsed.data.username), isNull(users.disabledAt)));
	// The same answer for an unknown user and a wrong password, after the same work (a dummy hash).
	const verified = user ? await verifyPassword(user.passwordHash, parsed.data.password) : await verifyAgainstDummy(parsed.data.password);
	if (!user || !verified) throw new IdentityError('wrong username or password');
	const token = newToken('ses');
	const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
	await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt });
	await recordAudit({ db, entry: { actor: `user:${user.username}`, action: 'session.start', subject: `user:${user.username}` } });
	return { token, expiresAt, username: user.username, role: user.role };
}

export async function signOut({ db, principal }: { db: Db; principal: Extract<Principal, { kind: 'user' }> }): Promise<void> {
	await db.delete(sessions).where(eq(sessions.tokenHash, principal.sessionHash));
	await recordAudit({ db, entry: { actor: `user:${principal.username}`, action: 'session.end', subject: `user:${principal.username}` } });
}

export async function userOfSession({ db, token }: { db: Db; token: string }): Promise<Principal | null> {
	const tokenHash = hashToken(token);
	const [row] = await db
		.select({ user: users })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)));
	if (!row) return null;
	const scope = await scopeOfUser(db, row.user.role, row.user);
	return { kind: 'user', userId: row.user.id, username: row.user.username, role: row.user.role, townshipId: row.user.townshipId, villageIds: row.user.villageIds, scope, sessionHash: tokenHash };
}
