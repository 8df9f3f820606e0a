import { may, type Principal } from './principal';
import { PERMISSION_EN, PERMISSION_ZH, type Policy } from './policies';

/** A refusal says why in both languages (`reason` is the English, as clients and sockets have always read it). */
export type Verdict = { ok: true } | { ok: false; status: 401 | 403; code: string; reason: string; message: { zh: string; en: string } };

function refuse(status: 401 | 403, code: string, zh: string, en: string): Verdict {
	return { ok: false, status, code, reason: en, message: { zh, en } };
}

export function authorize(policy: Policy, principal: Principal): Verdict {
	switch (policy.kind) {
		case 'public':
			return { ok: true };
		case 'device':
			// What the person holding the device must do, not how the header is spelled (that is in the API docs).
			return principal.kind === 'device'
				? { ok: true }
				: refuse(401, 'device_credential_required', '此设备未登记或设备凭证无效：请向管理员索取本设备的凭证', 'This device is not registered or its credential is invalid: ask an admin for this device’s credential');
		case 'signed-in':
			return principal.kind === 'user' ? { ok: true } : refuse(401, 'sign_in_required', '请先登录', 'sign in first');
		case 'permission-or-device':
			if (principal.kind === 'device') return principal.deviceKind === policy.deviceKind ? { ok: true } : refuse(403, 'device_kind_not_allowed', '此类设备不能进行此操作', `a ${principal.deviceKind} device may not do this; only a ${policy.deviceKind}`);
			return authorize({ kind: 'permission', permission: policy.permission }, principal);
		case 'permission':
			if (principal.kind === 'anonymous') return refuse(401, 'sign_in_required', '请先登录，或使用大屏令牌', 'sign in first, or use a display token');
			return may(principal, policy.permission) ? { ok: true } : refuse(403, 'role_not_allowed', `您的角色无权进行此操作（需要“${PERMISSION_ZH[policy.permission]}”权限）`, `your role may not ${PERMISSION_EN[policy.permission]}; ask an admin for a role that may (permission ${policy.permission})`);
	}
}
