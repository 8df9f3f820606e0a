import { may, type Principal } from './principal';
import type { Policy } from './policies';

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function authorize(policy: Policy, principal: Principal): Verdict {
	switch (policy.kind) {
		case 'public':
			return { ok: true };
		case 'device':
			return principal.kind === 'device' ? { ok: true } : { ok: false, status: 401, reason: 'a device credential is required (Authorization: Bearer dev_…)' };
		case 'signed-in':
			return principal.kind === 'user' ? { ok: true } : { ok: false, status: 401, reason: 'sign in first' };
		case 'permission':
			if (principal.kind === 'anonymous') return { ok: false, status: 401, reason: 'sign in first, or use a display token' };
			return may(principal, policy.permission) ? { ok: true } : { ok: false, status: 403, reason: `your role may not do this (needs ${policy.permission})` };
	}
}
