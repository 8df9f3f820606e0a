/** Whether a scope covers a village: the county, its township, or the village named (an officer's own). */
import type { UserScope } from '../../auth/user-scope';
import { nameOfRegionId } from '../ledgers/region-ids';

export function villageInScope(scope: UserScope, villageId: string): boolean {
	switch (scope.kind) {
		case 'county':
			return true;
		case 'township':
			return villageId.startsWith(`v:${nameOfRegionId(scope.townshipId)}/`);
		case 'villages':
			return scope.villageIds.includes(villageId);
		default:
			return false;
	}
}
