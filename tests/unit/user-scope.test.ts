import { describe, expect, it } from 'vitest';
import { closestRegionIds, resolveScope, scopeOfPrincipal, scopeProblem, scopeRefusal, type RegionLevel } from '../../server/auth/user-scope';

const REGIONS = new Map<string, RegionLevel>([
	['t:城门街道', 'township'],
	['t:黄宅镇', 'township'],
	['v:城门街道/白畈村', 'village'],
	['v:城门街道/红旗村', 'village'],
	['v:黄宅镇/白水村', 'village']
]);
const levelOf = (id: string) => REGIONS.get(id);
const none = { townshipId: null, villageIds: [] };

describe('resolveScope', () => {
	it('gives a shift leader their township and an officer their villages', () => {
		expect(resolveScope('shift_leader', { townshipId: 't:城门街道', villageIds: [] }, levelOf)).toEqual({ kind: 'township', townshipId: 't:城门街道' });
		expect(resolveScope('quarantine_officer', { townshipId: null, villageIds: ['v:城门街道/白畈村', 'v:城门街道/白畈村'] }, levelOf)).toEqual({ kind: 'villages', villageIds: ['v:城门街道/白畈村'] });
		expect(resolveScope('commander', none, levelOf)).toEqual({ kind: 'county' });
	});

	it('gives a township quarantine desk its township, and nothing without one or with villages', () => {
		expect(resolveScope('quarantine_desk', { townshipId: 't:城门街道', villageIds: [] }, levelOf)).toEqual({ kind: 'township', townshipId: 't:城门街道' });
		expect(resolveScope('quarantine_desk', none, levelOf)).toMatchObject({ kind: 'none', problem: expect.stringContaining('a township quarantine desk needs a township') });
		expect(resolveScope('quarantine_desk', { townshipId: 't:城门街道', villageIds: ['v:城门街道/白畈村'] }, levelOf)).toMatchObject({ kind: 'none', problem: expect.stringContaining('has a township, not villages') });
	});

	it('gives a scope that cannot be right nothing at all, never the county', () => {
		expect(resolveScope('shift_leader', none, levelOf)).toMatchObject({ kind: 'none', problem: expect.stringContaining('a shift leader needs a township') });
		expect(resolveScope('shift_leader', { townshipId: '城门街道', villageIds: [] }, levelOf)).toMatchObject({ kind: 'none', problem: expect.stringContaining('no township "城门街道"') });
		// A village is not a township, even when it exists.
		expect(resolveScope('shift_leader', { townshipId: 'v:城门街道/白畈村', villageIds: [] }, levelOf)).toMatchObject({ kind: 'none' });
		expect(resolveScope('quarantine_officer', none, levelOf)).toMatchObject({ kind: 'none', problem: expect.stringContaining('at least one village') });
		expect(resolveScope('quarantine_officer', { townshipId: null, villageIds: ['v:城门街道/白畈村', 'v:城门街道/新村'] }, levelOf)).toMatchObject({ kind: 'none', problem: expect.stringContaining('no village "v:城门街道/新村"') });
	});
});

describe('scopeProblem', () => {
	it('says the accepted forms and which id is unknown, so the closest can be named', () => {
		expect(scopeProblem('shift_leader', { townshipId: '城门街道', villageIds: [] }, levelOf)).toEqual({
			message: 'no township "城门街道": a township is written t:<township> (e.g. t:城门街道), villages v:<township>/<village> (e.g. v:城门街道/白畈村)',
			unknown: { id: '城门街道', level: 'township' }
		});
		expect(scopeProblem('viewer', { townshipId: 't:城门街道', villageIds: [] }, levelOf)?.message).toBe('a viewer sees the whole county: give no township or villages');
		expect(scopeProblem('quarantine_officer', { townshipId: 't:城门街道', villageIds: ['v:城门街道/白畈村'] }, levelOf)?.message).toBe('a quarantine officer has villages, not a township');
		expect(scopeProblem('admin', none, levelOf)).toBeNull();
	});
});

describe('closestRegionIds', () => {
	it('finds a region by its name, with or without the prefix, or by a near miss', () => {
		expect(closestRegionIds('城门街道', ['t:黄宅镇', 't:城门街道'])[0]).toBe('t:城门街道');
		expect(closestRegionIds('白畈村', [...REGIONS.keys()].filter((id) => id.startsWith('v:')))[0]).toBe('v:城门街道/白畈村');
		expect(closestRegionIds('t:城门街', ['t:黄宅镇', 't:城门街道'], 1)).toEqual(['t:城门街道']);
	});
});

describe('scopeOfPrincipal', () => {
	it('scopes a wall by its township and refuses a user whose scope is not valid', () => {
		expect(scopeOfPrincipal({ kind: 'display', displayId: 'd', regionId: 't:城门街道' })).toEqual({ kind: 'township', townshipId: 't:城门街道' });
		expect(scopeOfPrincipal({ kind: 'display', displayId: 'd', regionId: null })).toEqual({ kind: 'county' });
		const user = { kind: 'user' as const, userId: 'u', username: 'u', role: 'shift_leader' as const, townshipId: null, villageIds: [], sessionHash: 'h', scope: { kind: 'none' as const, problem: 'a shift leader needs a township' } };
		expect(scopeRefusal(user)).toBe('this account\'s scope is not valid, so it sees nothing until an admin fixes it: a shift leader needs a township');
		expect(scopeRefusal({ ...user, scope: { kind: 'township', townshipId: 't:城门街道' } })).toBeNull();
	});
});
