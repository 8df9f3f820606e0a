import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../server/auth/roles';
import { PAGES, pagesFor } from '../../src/lib/navigation/pages';

const pathsOf = (role: keyof typeof ROLE_PERMISSIONS) => pagesFor(ROLE_PERMISSIONS[role]).map((entry) => entry.path);

describe('pagesFor', () => {
	it('lists every page for an admin', () => {
		expect(pathsOf('admin')).toEqual(PAGES.map((entry) => entry.path));
	});
	it('lists only the wall for a viewer', () => {
		expect(pathsOf('viewer')).toEqual(['/wall']);
	});
	it("lists a shift leader's staffing page and a dispatcher's dispatch and replay, not each other's", () => {
		expect(pathsOf('shift_leader')).toEqual(expect.arrayContaining(['/wall', '/sites']));
		expect(pathsOf('shift_leader')).not.toContain('/dispatch');
		expect(pathsOf('dispatcher')).toEqual(expect.arrayContaining(['/wall', '/dispatch', '/replay']));
		expect(pathsOf('dispatcher')).not.toContain('/sites');
	});
	it('lists the ledgers for a commander, who may export them', () => {
		expect(pathsOf('commander')).toContain('/ledgers');
		expect(pathsOf('quarantine_officer')).toEqual(['/wall', '/pools', '/quarantine', '/field/quarantine']);
	});
	it('lists the quarantine desk and the officer’s phone page for the roles that act on cases, and neither for a dispatcher', () => {
		expect(pathsOf('commander')).toEqual(expect.arrayContaining(['/quarantine', '/field/quarantine']));
		expect(pathsOf('dispatcher')).not.toContain('/quarantine');
	});
	it('lists the risk-zone page for commanders and admins, who draw zones for the county, and not for a village officer', () => {
		expect(pathsOf('commander')).toContain('/zones');
		expect(pathsOf('admin')).toContain('/zones');
		expect(pathsOf('quarantine_officer')).not.toContain('/zones');
	});
	it('lists the alert history for commanders, admins, shift leaders and dispatchers, and not for a viewer or a village officer', () => {
		for (const role of ['commander', 'admin', 'shift_leader', 'dispatcher'] as const) expect(pathsOf(role)).toContain('/alerts');
		expect(pathsOf('viewer')).not.toContain('/alerts');
		expect(pathsOf('quarantine_officer')).not.toContain('/alerts');
	});
	it('lists the village timetable for commanders, admins and shift leaders, who edit it, and not for an officer (who reads it on the phone page) or a viewer', () => {
		for (const role of ['commander', 'admin', 'shift_leader'] as const) expect(pathsOf(role)).toContain('/timetable');
		for (const role of ['quarantine_officer', 'viewer', 'dispatcher'] as const) expect(pathsOf(role)).not.toContain('/timetable');
	});
});
