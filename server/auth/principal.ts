import type { DEVICE_KINDS } from '../db/schema/index';
import { DISPLAY_PERMISSIONS, roleMay, type Permission, type UserRole } from './roles';
import type { UserScope } from './user-scope';

type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Who is asking: a signed-in user, a wall display, a field device, or nobody. */
export type Principal =
	| { kind: 'user'; userId: string; username: string; role: UserRole; townshipId: string | null; villageIds: string[]; scope: UserScope; sessionHash: string }
	| { kind: 'display'; displayId: string; regionId: string | null }
	| { kind: 'device'; deviceId: string; deviceKind: DeviceKind; scopeId: string }
	| { kind: 'anonymous' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function may(principal: Principal, permission: Permission): boolean {
	if (principal.kind === 'user') return roleMay(principal.role, permission);
	if (principal.kind === 'display') return DISPLAY_PERMISSIONS.includes(permission);
	return false;
}

/** How the audit log names who acted. */
export function actorOf(principal: Principal): string {
	switch (principal.kind) {
		case 'user':
			return `user:${principal.username}`;
		case 'display':
			return `display:${principal.displayId}`;
		case 'device':
			return `device:${principal.deviceId}`;
		default:
			return 'anonymous';
	}
}
