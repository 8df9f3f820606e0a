/**
 * The simulated village officers of the demo: one quarantine officer per village of the scenario,
 * signed in, whose sessions the simulator's officer phones use as a real officer's phone would
 * (server/sim/officer-phone.ts). Each start opens new sessions; the users are made once, with a
 * random password nobody knows (the demo never signs in as them through the page).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema/index';
import { hashToken, newToken } from '../../auth/tokens';
import type { Scenario } from '../../sim/scenarios/index';
import { createUser, SESSION_DAYS } from './users';
import { recordAudit } from './record-audit';

/** Village id → the session of its simulated officer. */
export async function provisionSimulatedOfficers({ db, scenario }: { db: Db; scenario: Scenario }): Promise<Map<string, string>> {
	const villages = [...new Set(scenario.ledgers().households.map((household) => `v:${household.township}/${household.village}`))];
	const phones = new Map<string, string>();
	for (const [index, villageId] of villages.entries()) {
		const username = `sim-officer-${index + 1}`;
		let [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
		if (!user) user = await createUser({ db, input: { username, password: randomBytes(24).toString('base64url'), role: 'quarantine_officer', villageIds: [villageId] }, actor: 'simulator' });
		const token = newToken('ses');
		await db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) });
		await recordAudit({ db, entry: { actor: 'simulator', action: 'session.start', subject: `user:${username}` } });
		phones.set(villageId, token);
	}
	return phones;
}
