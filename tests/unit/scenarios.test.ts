import { describe, expect, it } from 'vitest';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { generateMetro } from '../../server/sim/scenarios/metro';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';

describe('the chengmen scenario', () => {
	const ledgers = chengmen.ledgers();

	it('has the ten sites of the plan and about 28,200 residents in 6,319 households', () => {
		expect(ledgers.sites).toHaveLength(10);
		expect(ledgers.households).toHaveLength(6319);
		const residents = ledgers.households.reduce((sum, household) => sum + household.members, 0);
		expect(residents).toBeGreaterThan(26_000);
		expect(residents).toBeLessThan(29_000);
		const measured = ledgers.households.filter((household) => household.measure !== 'none');
		expect(measured.length).toBe(36);
	});

	it('every site samples villages where people live (城门山铜矿 had a queue and nobody to cover)', () => {
		const residents = new Map<string, number>();
		for (const household of ledgers.households) residents.set(household.village, (residents.get(household.village) ?? 0) + household.members);
		for (const site of ledgers.sites) {
			const served = site.villages.reduce((sum, village) => sum + (residents.get(village) ?? 0), 0);
			expect(served, site.name).toBeGreaterThan(500);
		}
	});

	it('passes its own ledger validation, as an operator’s files must', () => {
		for (const kind of ['sites', 'vehicles', 'labs', 'staff', 'households'] as const) {
			const validation = validateLedger(LEDGERS[kind] as never, toLedgerTable(LEDGERS[kind] as never, ledgers[kind] as never[]));
			expect(validation.issues, kind).toEqual([]);
		}
	});
});

describe('generateMetro', () => {
	const small = { sites: 300, vehicles: 200, households: 2000, townships: 6, labs: 3 };

	it('builds the same city from the same seed', () => {
		expect(generateMetro({ ...small, seed: 7 })).toEqual(generateMetro({ ...small, seed: 7 }));
	});

	it('builds another city from another seed, with the sizes asked for', () => {
		const one = generateMetro({ ...small, seed: 7 });
		const other = generateMetro({ ...small, seed: 8 });
		expect(other.ledgers.sites[0]).not.toEqual(one.ledgers.sites[0]);
		expect(one.ledgers.sites).toHaveLength(300);
		expect(one.ledgers.vehicles).toHaveLength(200);
		expect(one.ledgers.households).toHaveLength(2000);
		expect(new Set(one.ledgers.sites.map((site) => site.township)).size).toBe(6);
	});

	it('puts each township in a part of the city of its own: its sites and households in its cell, none in another\'s', () => {
		const { ledgers } = generateMetro({ ...small, seed: 7 });
		const boxes = new Map<string, { south: number; north: number; west: number; east: number }>();
		for (const place of [...ledgers.sites, ...ledgers.households]) {
			const box = boxes.get(place.township!) ?? { south: Infinity, north: -Infinity, west: Infinity, east: -Infinity };
			boxes.set(place.township!, { south: Math.min(box.south, place.latitude!), north: Math.max(box.north, place.latitude!), west: Math.min(box.west, place.longitude!), east: Math.max(box.east, place.longitude!) });
		}
		const all = [...boxes.values()];
		expect(all).toHaveLength(6);
		for (const [i, a] of all.entries()) {
			for (const b of all.slice(i + 1)) expect(a.north < b.south || b.north < a.south || a.east < b.west || b.east < a.west).toBe(true);
		}
	});

	it('makes ledgers that validate', () => {
		const { ledgers } = generateMetro({ ...small, seed: 9 });
		for (const kind of ['sites', 'vehicles', 'labs', 'households'] as const) {
			expect(validateLedger(LEDGERS[kind] as never, toLedgerTable(LEDGERS[kind] as never, ledgers[kind] as never[])).issues, kind).toEqual([]);
		}
	});
});
