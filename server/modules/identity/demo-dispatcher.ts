/**
 * The simulated dispatcher of the demo (server/sim/sim-dispatcher.ts): a dispatcher account named
 * `sim-dispatcher`, clearly the demo's, signed in at each start; its session is what the simulator
 * uses, as a person's browser at /dispatch would. Made once, with a random password nobody knows
 * (never logged; the demo never signs in as it through the page).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema/index';
import { hashToken, newToken } from '../../auth/tokens';
import { createUser, SESSION_DAYS } from './users';
import { recordAudit } from './record-audit';

export const SIM_DISPATCHER_USERNAME = 'sim-dispatcher';

/** The session of the demo's simulated dispatcher. */
export async function provisionSimulatedDispatcher({ db }: { db: Db }): Promise<string> {
	const username = SIM_DISPATCHER_USERNAME;
	let [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
	if (!user) user = await createUser({ db, input: { username, password: randomBytes(24).toString('base64url'), role: 'dispatcher' }, actor: 'simulator' });
	const token = newToken('ses');
	await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) });
	await recordAudit({ db, entry: { actor: 'simulator', action: 'session.start', subject: `user:${username}` } });
	return token;
}
