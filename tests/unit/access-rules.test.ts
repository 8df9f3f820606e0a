import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../src/lib/domain/masking';
import { authorize } from '../../server/auth/authorize';
import { DEVICE, NEEDS, NEEDS_OR_DEVICE, PUBLIC, SIGNED_IN } from '../../server/auth/policies';
import { ANONYMOUS, type Principal } from '../../server/auth/principal';
import { RateLimiter } from '../../server/auth/rate-limit';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS } from '../../server/auth/roles';

const user = (role: (typeof ROLES)[number]): Principal => ({ kind: 'user', userId: 'u1', username: 'u', role, townshipId: null, villageIds: [], scope: { kind: 'county' }, sessionHash: 'h' });
const display: Principal = { kind: 'display', displayId: 'd1', regionId: null };
const device: Principal = { kind: 'device', deviceId: 'tablet-1', deviceKind: 'site_tablet', scopeId: 's1' };

describe('masking', () => {
	it('masks as the issue shows: ID 3604**********1234, phone 138****5678, a name to its surname', () => {
		expect(maskIdNumber('360404198001011234')).toBe('3604**********1234');
		expect(maskPhone('13812345678')).toBe('138****5678');
		expect(maskName('王小明')).toBe('王**');
		expect(maskName('欧阳娜娜')).toBe('欧阳**');
		expect(maskAddress('城门街道白畈村12号')).toBe('城门街道***');
		expect(maskAddress('白畈村12号')).toBe('白畈村***');
		expect(maskIdNumber(null)).toBeNull();
	});
});

describe('authorize', () => {
	it('lets a person with the permission or a device of the kind named through a permission-or-device route, and no other', () => {
		const policy = NEEDS_OR_DEVICE('quarantine:act', 'quarantine_device');
		const thermometer: Principal = { kind: 'device', deviceId: 'thermo-1', deviceKind: 'quarantine_device', scopeId: 'v:a' };
		expect(authorize(policy, thermometer).ok).toBe(true);
		expect(authorize(policy, user('quarantine_officer')).ok).toBe(true);
		expect(authorize(policy, device)).toMatchObject({ ok: false, status: 403, code: 'device_kind_not_allowed' });
		expect(authorize(policy, user('dispatcher'))).toMatchObject({ ok: false, status: 403, code: 'role_not_allowed' });
		expect(authorize(policy, ANONYMOUS)).toMatchObject({ ok: false, status: 401 });
	});

	it('lets anyone through a public route and nobody but a device through a device route', () => {
		expect(authorize(PUBLIC('probe'), ANONYMOUS).ok).toBe(true);
		expect(authorize(DEVICE, device).ok).toBe(true);
		expect(authorize(DEVICE, user('admin'))).toMatchObject({ ok: false, status: 401 });
		expect(authorize(DEVICE, display)).toMatchObject({ ok: false, status: 401 });
	});

	it('answers 401 to nobody and 403 to a role without the permission', () => {
		expect(authorize(NEEDS('ledgers:import'), ANONYMOUS)).toMatchObject({ ok: false, status: 401 });
		expect(authorize(NEEDS('ledgers:import'), user('viewer'))).toMatchObject({ ok: false, status: 403 });
		expect(authorize(NEEDS('ledgers:import'), user('admin')).ok).toBe(true);
		expect(authorize(SIGNED_IN, display)).toMatchObject({ ok: false, status: 401 });
	});

	it('lets a wall display see the live layers and nothing else', () => {
		for (const permission of PERMISSIONS) expect(authorize(NEEDS(permission), display).ok, permission).toBe(permission === 'live:view');
	});

	it('never lets a device act as a person', () => {
		for (const permission of PERMISSIONS) expect(authorize(NEEDS(permission), device).ok, permission).toBe(false);
	});

	it('gives full personal exports and user management to the admin alone', () => {
		for (const role of ROLES) {
			expect(ROLE_PERMISSIONS[role].includes('personal:export'), role).toBe(role === 'admin');
			expect(ROLE_PERMISSIONS[role].includes('users:manage'), role).toBe(role === 'admin');
		}
	});
});

describe('RateLimiter', () => {
	it('allows a burst up to its capacity, then refills at its rate', () => {
		const limiter = new RateLimiter({ capacity: 3, perSecond: 1 });
		expect([1, 2, 3, 4].map(() => limiter.take('k', 0))).toEqual([true, true, true, false]);
		expect(limiter.take('k', 1000)).toBe(true);
		expect(limiter.take('k', 1000)).toBe(false);
		expect(limiter.take('other', 1000)).toBe(true);
	});
});
