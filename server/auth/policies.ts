/**
 * The one authorisation table: what every HTTP route, socket event and room needs. The router and
 * the hub refuse anything not listed here, and a test walks the tables.
 */
import type { ClientToServerEvents, DeviceClientToServerEvents } from '../../src/lib/protocol/index';
import type { Permission } from './roles';

export type Policy = { kind: 'public'; why: string } | { kind: 'device' } | { kind: 'signed-in' } | { kind: 'permission'; permission: Permission };

export const PUBLIC = (why: string): Policy => ({ kind: 'public', why });
export const DEVICE: Policy = { kind: 'device' };
export const SIGNED_IN: Policy = { kind: 'signed-in' };
export const NEEDS = (permission: Permission): Policy => ({ kind: 'permission', permission });

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
	{ pattern: /^display:[^:]+$/, policy: NEEDS('live:view') }
];
