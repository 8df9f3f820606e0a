/** Whose an alert is: its area by kind, its township and village by id, who may acknowledge it. */
import { describe, expect, it } from 'vitest';
import { alertArea, maskAccount, mayHandleAlert, townshipOfAlert, villageOfAlert } from '../../src/lib/domain/alert-scope';

const sites: Record<string, string> = { 'site-1': 't:城门街道' };
const siteTownship = (id: string) => sites[id];

describe('alert scope', () => {
	it('puts vehicles, pickups and labs with dispatch, fevers and tests with quarantine, the rest with sites, a new kind by its name', () => {
		expect(['vehicle_silent', 'transfer_stop', 'lab_over_capacity', 'results_overdue', 'pickup_overdue'].map(alertArea)).toEqual(Array(5).fill('dispatch'));
		expect(['fever', 'test_positive', 'test_overdue', 'check_ins_overdue', 'playbook_step'].map(alertArea)).toEqual(Array(5).fill('quarantine'));
		expect(['site_crowded', 'coverage_behind'].map(alertArea)).toEqual(['sites', 'sites']);
	});

	it('reads the township from a village, a township or a site id; a vehicle is county-wide', () => {
		expect(townshipOfAlert('fever:v:城门街道/白畈村', 'fever', siteTownship)).toBe('t:城门街道');
		expect(villageOfAlert('fever:v:城门街道/白畈村', 'fever')).toBe('v:城门街道/白畈村');
		expect(townshipOfAlert('coverage:t:城门街道', 'coverage', siteTownship)).toBe('t:城门街道');
		expect(townshipOfAlert('site_crowded:site-1', 'site_crowded', siteTownship)).toBe('t:城门街道');
		expect(townshipOfAlert('vehicle_silent:courier-1', 'vehicle_silent', siteTownship)).toBeNull();
		expect(townshipOfAlert('check_ins_overdue', 'check_ins_overdue', siteTownship)).toBeNull();
	});

	it('lets a shift leader handle their township, a dispatcher the vehicles, an officer their villages’ quarantine alerts', () => {
		const crowded = { kind: 'site_crowded', alertId: 'site_crowded:site-1', townshipId: 't:城门街道' };
		const fever = { kind: 'fever', alertId: 'fever:v:城门街道/白畈村', townshipId: 't:城门街道' };
		const silent = { kind: 'vehicle_silent', alertId: 'vehicle_silent:c1', townshipId: null };
		const leader = { role: 'shift_leader', townshipId: 't:城门街道', villageIds: [] };
		expect([crowded, fever, silent].map((a) => mayHandleAlert(leader, a))).toEqual([true, true, false]);
		expect(mayHandleAlert({ ...leader, townshipId: 't:别处' }, crowded)).toBe(false);
		expect([crowded, fever, silent].map((a) => mayHandleAlert({ role: 'dispatcher', townshipId: null, villageIds: [] }, a))).toEqual([false, false, true]);
		const officer = { role: 'quarantine_officer', townshipId: null, villageIds: ['v:城门街道/白畈村'] };
		expect([crowded, fever, silent].map((a) => mayHandleAlert(officer, a))).toEqual([false, true, false]);
		expect(mayHandleAlert({ ...officer, villageIds: ['v:城门街道/金兰村'] }, fever)).toBe(false);
		expect(mayHandleAlert({ role: 'viewer', townshipId: null, villageIds: [] }, crowded)).toBe(false);
		expect(mayHandleAlert({ role: 'commander', townshipId: null, villageIds: [] }, silent)).toBe(true);
	});

	it('masks an account to its first character', () => {
		expect(maskAccount('user:张三')).toBe('张*');
		expect(maskAccount('dispatcher-2')).toBe('d*');
	});
});
