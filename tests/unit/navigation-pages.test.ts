import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../server/auth/roles';
import { pagesFor } from '../../src/lib/navigation/pages';

const pathsOf = (role: keyof typeof ROLE_PERMISSIONS) => pagesFor(ROLE_PERMISSIONS[role]).map((entry) => entry.path);

describe('pagesFor', () => {
	it('lists every page for an admin', () => {
		expect(pathsOf('admin')).toEqual(['/wall', '/sites', '/dispatch', '/replay', '/pools', '/quarantine', '/field/quarantine', '/zones', '/ledgers']);
	});
	it('lists only the wall for a viewer', () => {
		expect(pathsOf('viewer')).toEqual(['/wall']);
	});
	it("lists a shift leader's staffing page and a dispatcher's dispatch and replay, not each other's", () => {
		expect(pathsOf('shift_leader')).toEqual(['/wall', '/sites']);
		expect(pathsOf('dispatcher')).toEqual(['/wall', '/dispatch', '/replay']);
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
});
