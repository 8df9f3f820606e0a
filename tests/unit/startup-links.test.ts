/** Start-up links are made once per deployment: `npm run start:cluster` printed the setup link once per process. */
import { describe, expect, it } from 'vitest';
import { startupLinksOf } from '../../server/modules/identity/startup-links';
import { clusterProcesses } from '../../scripts/cluster-roles';

const rolesOf = (roles: string) => new Set(roles.split(','));

describe('startupLinksOf', () => {
	it('makes one setup link and one wall link across the cluster’s processes, whatever the number of hubs', () => {
		for (const hubs of [1, 2, 3, 32]) {
			const made = clusterProcesses(hubs).map(({ roles }) => startupLinksOf(rolesOf(roles), true));
			expect(made).toHaveLength(hubs + 1);
			expect(made.filter((links) => links.setup), `${hubs} hubs`).toHaveLength(1);
			expect(made.filter((links) => links.wall), `${hubs} hubs`).toHaveLength(1);
		}
	});

	it('the cluster’s core process makes them, the front processes none', () => {
		const [core, ...fronts] = clusterProcesses(2);
		expect(core.front).toBe(false);
		expect(startupLinksOf(rolesOf(core.roles), true)).toEqual({ wall: true, setup: true });
		for (const front of fronts) expect(startupLinksOf(rolesOf(front.roles), true)).toEqual({ wall: false, setup: false });
	});

	it('npm start’s single process makes both; without a scenario, the setup link only', () => {
		const all = rolesOf('web,hub,ingest,projector,sim');
		expect(startupLinksOf(all, true)).toEqual({ wall: true, setup: true });
		expect(startupLinksOf(all, false)).toEqual({ wall: false, setup: true });
	});

	it('a process that does not serve the web app makes neither', () => {
		expect(startupLinksOf(rolesOf('projector'), true)).toEqual({ wall: false, setup: false });
	});
});
