/**
 * Who may do what. A role is a set of permissions; the policy table (policies.ts) names the
 * permission each route and socket event needs.
 */
export const ROLES = ['admin', 'commander', 'shift_leader', 'dispatcher', 'quarantine_desk', 'quarantine_officer', 'lab_operator', 'viewer'] as const;
export type UserRole = (typeof ROLES)[number];

export const PERMISSIONS = [
	'live:view',
	'ledgers:import',
	'ledgers:export',
	'personal:reveal',
	'personal:export',
	'users:manage',
	'devices:manage',
	'displays:manage',
	'audit:read',
	/** The staffing board of a township (or all, for a commander). */
	'staffing:view',
	/** Moving samplers between sites, and undoing a move. */
	'staffing:move',
	/** The dispatcher's board: boxes against their limit, couriers, labs, pickup suggestions. */
	'dispatch:view',
	/** Positive pools with their members' households, to re-test them singly at once. */
	'pools:view',
	/** Results on time: each lab's boxes pending against the 8-hour promise, overdue first (labs and boxes, no person). */
	'results:view',
	/** The quarantine desk: cases, tests, releases and hotel beds (counts and masked names; personal data only to village officers). */
	'quarantine:view',
	/** Registering returnees, recording tests and follow-ups, extending and releasing cases (in the actor's villages). */
	'quarantine:act',
	/** The 24:00 daily report (日报): today's live figures, past days as locked, with their amendments. */
	'reports:view',
	/** Amending a locked daily report, with a reason (recorded and audited). */
	'reports:amend',
	/** Making the day's door-to-door visits (上门采样) and their routes: the village officers, dispatch and the command. */
	'door_visits:plan'
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['live:view'];

export const ROLE_PERMISSIONS: Record<UserRole, Permission[]> = {
	admin: [...PERMISSIONS],
	commander: [...EVERYONE, 'ledgers:export', 'audit:read', 'staffing:view', 'staffing:move', 'dispatch:view', 'pools:view', 'results:view', 'quarantine:view', 'quarantine:act', 'reports:view', 'reports:amend', 'door_visits:plan'],
	shift_leader: [...EVERYONE, 'staffing:view', 'staffing:move', 'reports:view'],
	dispatcher: [...EVERYONE, 'dispatch:view', 'results:view', 'door_visits:plan'],
	// The township quarantine desk (乡镇隔离专班) reads its township's cases by count, village and masked name; the village teams act.
	quarantine_desk: [...EVERYONE, 'quarantine:view'],
	// Officers follow up households: they may reveal a phone number, with a reason, recorded; and they re-test positive pools.
	quarantine_officer: [...EVERYONE, 'personal:reveal', 'pools:view', 'quarantine:view', 'quarantine:act', 'door_visits:plan'],
	lab_operator: [...EVERYONE, 'pools:view', 'results:view'],
	viewer: [...EVERYONE]
};

/** A wall display may see the live layers, nothing else, never personal data. */
export const DISPLAY_PERMISSIONS: Permission[] = ['live:view'];

export function roleMay(role: UserRole, permission: Permission): boolean {
	return ROLE_PERMISSIONS[role].includes(permission);
}
