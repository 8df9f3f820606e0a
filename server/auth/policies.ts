/**
 * The one authorisation table: what every HTTP route, socket event and room needs. The router and
 * the hub refuse anything not listed here, and a test walks the tables.
 */
import type { ClientToServerEvents, DeviceClientToServerEvents } from '../../src/lib/protocol/index';
import type { Permission } from './roles';

import type { DEVICE_KINDS } from '../db/schema/index';

export type Policy =
	| { kind: 'public'; why: string }
	| { kind: 'device' }
	| { kind: 'signed-in' }
	| { kind: 'permission'; permission: Permission }
	/** A person with the permission, or a device of this kind (its own scope is checked by the operation). */
	| { kind: 'permission-or-device'; permission: Permission; deviceKind: (typeof DEVICE_KINDS)[number] };

export const PUBLIC = (why: string): Policy => ({ kind: 'public', why });
export const DEVICE: Policy = { kind: 'device' };
export const SIGNED_IN: Policy = { kind: 'signed-in' };
export const NEEDS = (permission: Permission): Policy => ({ kind: 'permission', permission });
export const NEEDS_OR_DEVICE = (permission: Permission, deviceKind: (typeof DEVICE_KINDS)[number]): Policy => ({ kind: 'permission-or-device', permission, deviceKind });

/** Every client → server socket event, with what it needs. A new event without an entry does not compile. */
export const SOCKET_EVENT_POLICIES: Record<keyof ClientToServerEvents, Policy> = {
	'snapshot:request': NEEDS('live:view')
};

/** Every event of the /device namespace. */
export const DEVICE_SOCKET_EVENT_POLICIES: Record<keyof DeviceClientToServerEvents, Policy> = {
	'events:post': DEVICE
};

/** Connecting at all needs a principal that may view the live layers (a display or a user). */
export const SOCKET_CONNECT_POLICY: Policy = NEEDS('live:view');

/** Rooms a socket may be put in, by name pattern. */
export const ROOM_POLICIES: { pattern: RegExp; policy: Policy }[] = [
	{ pattern: /^region:[^:]+$/, policy: NEEDS('live:view') },
	{ pattern: /^township:.+$/, policy: NEEDS('live:view') },
	{ pattern: /^user:[^:]+$/, policy: SIGNED_IN },
	{ pattern: /^display:[^:]+$/, policy: NEEDS('live:view') },
	{ pattern: /^dispatch:[^:]+$/, policy: NEEDS('dispatch:view') },
	{ pattern: /^desk:[^:]+$/, policy: NEEDS('quarantine:view') }
];

/**
 * What a permission lets a person do, as a refusal names it on screen (the permission's id is for
 * the English reason and for scripts; a person reads what they may not do).
 */
export const PERMISSION_ZH: Record<Permission, string> = {
	'live:view': '查看实时态势',
	'ledgers:import': '导入台账',
	'ledgers:export': '导出台账',
	'personal:reveal': '查看个人信息',
	'personal:export': '完整导出个人信息',
	'users:manage': '管理用户',
	'devices:manage': '管理设备',
	'displays:manage': '管理大屏',
	'audit:read': '查看审计日志',
	'staffing:view': '查看人员调配',
	'staffing:move': '调配采样人员',
	'dispatch:view': '样本转运调度',
	'pools:view': '查看阳性混采管',
	'results:view': '查看检测结果时效',
	'quarantine:view': '查看隔离管控',
	'quarantine:act': '办理隔离管控（登记、检测、解除）',
	'reports:view': '查看日报',
	'reports:amend': '更正已锁定的日报',
	'door_visits:plan': '生成上门采样任务'
};

/** The same in plain English, for the English refusal ("your role may not view sample dispatch"); the id follows in brackets for scripts. */
export const PERMISSION_EN: Record<Permission, string> = {
	'live:view': 'view the live situation',
	'ledgers:import': 'import ledgers',
	'ledgers:export': 'export ledgers',
	'personal:reveal': 'view personal data',
	'personal:export': 'export personal data in full',
	'users:manage': 'manage users',
	'devices:manage': 'manage devices',
	'displays:manage': 'manage wall displays',
	'audit:read': 'read the audit log',
	'staffing:view': 'view staffing',
	'staffing:move': 'move sampling staff',
	'dispatch:view': 'view sample dispatch',
	'pools:view': 'view positive pools',
	'results:view': 'view results against the 8-hour promise',
	'quarantine:view': 'view quarantine cases',
	'quarantine:act': 'act on quarantine cases (register, test, release)',
	'reports:view': 'view the daily report',
	'reports:amend': 'amend a locked daily report',
	'door_visits:plan': 'plan door-to-door sampling'
};
