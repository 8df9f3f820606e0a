/** The scope of the asking user for a route, or a 403 that says why they see nothing. */
import type { Principal } from '../auth/principal';
import { scopeOfPrincipal, scopeRefusal, type UserScope } from '../auth/user-scope';
import { HttpError } from '../http/http-utils';

export type ValidScope = Exclude<UserScope, { kind: 'none' }>;

export function scopeOrRefuse(principal: Principal): ValidScope {
	const refusal = scopeRefusal(principal);
	// The problem itself names codes (t:<township>) an admin fixes; the person refused is told what it means for them.
	if (refusal) throw new HttpError(403, { zh: '此账号的管辖范围设置有误，管理员修正前看不到任何数据，请联系管理员', en: refusal }, 'scope_invalid');
	return scopeOfPrincipal(principal) as ValidScope;
}

/** The villages a user's personal-data work is limited to, or null for the whole county. */
export function villagesOf(scope: ValidScope): string[] | null {
	if (scope.kind === 'villages') return scope.villageIds;
	// A township's user (no such role reads personal data today) would see its villages only; refuse rather than widen.
	if (scope.kind === 'township') throw new HttpError(403, { zh: '个人信息按村（社区）授权，街道范围的账号不能查看', en: 'personal data is scoped to villages; a township scope gives none' }, 'scope_not_villages');
	return null;
}

/** The township a view of sites is limited to (null: the whole county), or a 403 for a user who may see nothing. */
export function townshipOrRefuse(principal: Principal): string | null {
	const scope = scopeOrRefuse(principal);
	return scope.kind === 'township' ? scope.townshipId : null;
}
