/**
 * Users' scopes against the region tree: refused at creation when they name no existing region
 * (with the accepted forms and the closest regions that do exist), and resolved when a session is
 * looked up, so that a user stored with an impossible scope sees nothing rather than the county.
 * A wall's township is checked the same way when its token is made.
 */
import { inArray, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { regions } from '../../db/schema/index';
import type { UserRole } from '../../auth/roles';
import { closestRegionIds, resolveScope, roleHasRegionScope, SCOPE_FORMS, scopeProblem, type RegionLevel, type StoredScope, type UserScope } from '../../auth/user-scope';

async function regionLevels(db: Db, stored: StoredScope): Promise<Map<string, RegionLevel>> {
	const ids = [...(stored.townshipId ? [stored.townshipId] : []), ...stored.villageIds];
	if (ids.length === 0) return new Map();
	const rows = await db.select({ id: regions.id, level: regions.level }).from(regions).where(inArray(regions.id, ids));
	return new Map(rows.map((row) => [row.id, row.level]));
}

export async function scopeOfUser(db: Db, role: UserRole, stored: StoredScope): Promise<UserScope> {
	if (!roleHasRegionScope(role)) return resolveScope(role, stored, () => undefined);
	const levels = await regionLevels(db, stored);
	return resolveScope(role, stored, (id) => levels.get(id));
}

/** Why a new user's scope is refused (naming the closest existing regions), or null. */
export async function newUserScopeProblem(db: Db, role: UserRole, stored: StoredScope): Promise<string | null> {
	const levels = await regionLevels(db, stored);
	const problem = scopeProblem(role, stored, (id) => levels.get(id));
	if (!problem) return null;
	return problem.unknown ? withClosest(db, problem.message, problem.unknown) : problem.message;
}

/** Why a wall cannot be bound to a region (only a township that exists, or none for the county), or null. */
export async function displayRegionProblem(db: Db, regionId: string | null | undefined): Promise<string | null> {
	if (!regionId) return null;
	const levels = await regionLevels(db, { townshipId: regionId, villageIds: [] });
	if (levels.get(regionId) === 'township') return null;
	return withClosest(db, `a wall is bound to a township or to nothing (the county); no township "${regionId}": ${SCOPE_FORMS}`, { id: regionId, level: 'township' });
}

async function withClosest(db: Db, message: string, unknown: { id: string; level: 'township' | 'village' }): Promise<string> {
	const existing = (await db.select({ id: regions.id }).from(regions).where(eq(regions.level, unknown.level))).map((row) => row.id);
	if (existing.length === 0) return `${message}; no ${unknown.level} exists yet: import the sites or households ledger first`;
	return `${message}; closest existing: ${closestRegionIds(unknown.id, existing).join(', ')}`;
}
