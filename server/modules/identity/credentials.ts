/** Display tokens for walls and credentials for field devices. Only hashes are stored. */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { DEVICE_KINDS, deviceCredentials, displayTokens } from '../../db/schema/index';
import type { Principal } from '../../auth/principal';
import { hashToken, newToken } from '../../auth/tokens';
import { recordAudit } from './record-audit';
import { displayRegionProblem } from './user-scopes';
import { assertDeviceScopeExists } from './device-scope';
import { IdentityError } from './users';

export async function createDisplayToken({ db, input, actor }: { db: Db; input: { label: string; regionId?: string | null }; actor: string }): Promise<{ id: string; token: string }> {
	const regionProblem = await displayRegionProblem(db, input.regionId);
	if (regionProblem) throw new IdentityError(regionProblem);
	const id = randomBytes(6).toString('hex');
	const token = newToken('dsp');
	await db.insert(displayTokens).values({ id, tokenHash: hashToken(token), label: input.label, regionId: input.regionId ?? null });
	await recordAudit({ db, entry: { actor, action: 'display.create', subject: `display:${id}`, details: { label: input.label, regionId: input.regionId ?? null } } });
	return { id, token };
}

export async function revokeDisplayToken({ db, id, actor }: { db: Db; id: string; actor: string }): Promise<boolean> {
	const revoked = await db.update(displayTokens).set({ revokedAt: new Date() }).where(and(eq(displayTokens.id, id), isNull(displayTokens.revokedAt))).returning({ id: displayTokens.id });
	if (revoked.length > 0) await recordAudit({ db, entry: { actor, action: 'display.revoke', subject: `display:${id}` } });
	return revoked.length > 0;
}

export async function displayOfToken({ db, token }: { db: Db; token: string }): Promise<Principal | null> {
	const [row] = await db.select().from(displayTokens).where(and(eq(displayTokens.tokenHash, hashToken(token)), isNull(displayTokens.revokedAt)));
	return row ? { kind: 'display', displayId: row.id, regionId: row.regionId } : null;
}

export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Issues (or re-issues, revoking the old one) a device's credential; refused when its site, vehicle or lab does not exist. */
export async function issueDeviceCredential({ db, input, actor }: { db: Db; input: { deviceId: string; kind: DeviceKind; scopeId: string }; actor: string }): Promise<{ deviceId: string; token: string }> {
	await assertDeviceScopeExists(db, input.kind, input.scopeId);
	const token = newToken('dev');
	await db
		.insert(deviceCredentials)
		.values({ deviceId: input.deviceId, kind: input.kind, scopeId: input.scopeId, tokenHash: hashToken(token) })
		.onConflictDoUpdate({ target: deviceCredentials.deviceId, set: { kind: input.kind, scopeId: input.scopeId, tokenHash: hashToken(token), revokedAt: null, createdAt: new Date() } });
	await recordAudit({ db, entry: { actor, action: 'device.issue', subject: `device:${input.deviceId}`, details: { kind: input.kind, scopeId: input.scopeId } } });
	return { deviceId: input.deviceId, token };
}

export async function deviceOfToken({ db, token }: { db: Db; token: string }): Promise<Principal | null> {
	const [row] = await db.select().from(deviceCredentials).where(and(eq(deviceCredentials.tokenHash, hashToken(token)), isNull(deviceCredentials.revokedAt)));
	return row ? { kind: 'device', deviceId: row.deviceId, deviceKind: row.kind, scopeId: row.scopeId } : null;
}
