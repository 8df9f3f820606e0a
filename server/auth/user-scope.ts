/**
 * Where a user may look and act. A shift leader and a township quarantine desk work in one
 * township, a quarantine officer in some villages; every other role sees the whole county. A stored scope that cannot be right (a
 * shift leader without a township, a township that does not exist, `城门街道` without `t:`) gives
 * the user no scope at all, never the county: they see nothing and are told why.
 *
 * Pure: the regions that exist are passed in (server/modules/identity/user-scopes.ts reads them).
 */
import type { Principal } from './principal';
import type { UserRole } from './roles';

export type UserScope =
	| { kind: 'county' }
	| { kind: 'township'; townshipId: string }
	| { kind: 'villages'; villageIds: string[] }
	| { kind: 'none'; problem: string };

export interface StoredScope {
	townshipId: string | null;
	villageIds: string[];
}

export type RegionLevel = 'county' | 'township' | 'village' | 'grid';

export const SCOPE_FORMS = 'a township is written t:<township> (e.g. t:城门街道), villages v:<township>/<village> (e.g. v:城门街道/白畈村)';

/** Roles that work in one township, and the one that works in villages; every other role has the county. */
export const TOWNSHIP_ROLES: readonly UserRole[] = ['shift_leader', 'quarantine_desk'];
export const VILLAGE_ROLES: readonly UserRole[] = ['quarantine_officer'];

/** Whether a role's scope is stored (a township or villages) rather than the whole county. */
export function roleHasRegionScope(role: UserRole): boolean {
	return TOWNSHIP_ROLES.includes(role) || VILLAGE_ROLES.includes(role);
}

const ROLE_NAME: Partial<Record<UserRole, string>> = { shift_leader: 'a shift leader', quarantine_desk: 'a township quarantine desk', quarantine_officer: 'a quarantine officer' };

/** The scope a role's stored township and villages give, or what is wrong with them. */
export function resolveScope(role: UserRole, stored: StoredScope, levelOf: (id: string) => RegionLevel | undefined): UserScope {
	// A county role stored with a township (refused at creation today) still sees the county it always saw.
	if (!roleHasRegionScope(role)) return { kind: 'county' };
	const problem = scopeProblem(role, stored, levelOf);
	if (problem) return { kind: 'none', problem: problem.message };
	if (TOWNSHIP_ROLES.includes(role)) return { kind: 'township', townshipId: stored.townshipId! };
	return { kind: 'villages', villageIds: [...new Set(stored.villageIds)] };
}

/** What is wrong with a scope, and the id that is (so that the closest existing ones can be named). */
export function scopeProblem(role: UserRole, { townshipId, villageIds }: StoredScope, levelOf: (id: string) => RegionLevel | undefined): { message: string; unknown?: { id: string; level: 'township' | 'village' } } | null {
	if (TOWNSHIP_ROLES.includes(role)) {
		if (villageIds.length > 0) return { message: `${ROLE_NAME[role]} has a township, not villages` };
		if (!townshipId) return { message: `${ROLE_NAME[role]} needs a township: ${SCOPE_FORMS}` };
		if (levelOf(townshipId) !== 'township') return { message: `no township "${townshipId}": ${SCOPE_FORMS}`, unknown: { id: townshipId, level: 'township' } };
		return null;
	}
	if (VILLAGE_ROLES.includes(role)) {
		if (townshipId) return { message: 'a quarantine officer has villages, not a township' };
		if (villageIds.length === 0) return { message: `a quarantine officer needs at least one village: ${SCOPE_FORMS}` };
		const unknown = villageIds.find((id) => levelOf(id) !== 'village');
		if (unknown !== undefined) return { message: `no village "${unknown}": ${SCOPE_FORMS}`, unknown: { id: unknown, level: 'village' } };
		return null;
	}
	if (townshipId || villageIds.length > 0) return { message: `a ${role} sees the whole county: give no township or villages` };
	return null;
}

/** The existing region ids most like what was typed (by the name, with or without its prefix). */
export function closestRegionIds(wanted: string, candidates: string[], count = 3): string[] {
	const bare = (id: string) => id.replace(/^[tv]:/, '');
	const name = (id: string) => id.slice(Math.max(id.lastIndexOf('/'), id.indexOf(':')) + 1);
	const distance = (id: string) => Math.min(editDistance(bare(wanted), bare(id)), editDistance(bare(wanted), name(id)));
	return candidates
		.map((id) => ({ id, distance: distance(id) }))
		.sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
		.slice(0, count)
		.map((candidate) => candidate.id);
}

function editDistance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
	for (let i = 1; i <= x.length; i++) {
		const current = [i];
		for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
		previous = current;
	}
	return previous[y.length];
}

/** A principal's scope: a user's as resolved when their session was looked up, a wall's by its township. */
export function scopeOfPrincipal(principal: Principal): UserScope {
	if (principal.kind === 'user') return principal.scope;
	if (principal.kind === 'display') return principal.regionId?.startsWith('t:') ? { kind: 'township', townshipId: principal.regionId } : { kind: 'county' };
	return { kind: 'none', problem: 'only people and walls have a scope' };
}

/** Why a principal may see nothing at all (its stored scope cannot be right), or null. */
export function scopeRefusal(principal: Principal): string | null {
	const scope = scopeOfPrincipal(principal);
	return scope.kind === 'none' ? `this account's scope is not valid, so it sees nothing until an admin fixes it: ${scope.problem}` : null;
}
