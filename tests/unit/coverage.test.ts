/** Coverage per village against the roster (应检尽检、不漏一人, seed 001) and the door-to-door list. */
import { describe, expect, it } from 'vitest';
import { countyCoverage, doorToDoorHouseholds, expectedCoverageBy, townshipCoverage, villageCoverage, type CannotComeReason, type RosterMember } from '../../src/lib/domain/coverage';

const member = (code: string, villageId: string, householdId: string, cannotCome: CannotComeReason[] = [], townshipId = 'chengmen'): RosterMember => ({ code, villageId, townshipId, householdId, cannotCome });

// 白畈村: 4 people in 2 households, one bedridden; 白合村: 3 people, one in the care home (城门敬老院).
const roster: RosterMember[] = [
	member('BF-1', 'baifan', 'h1'),
	member('BF-2', 'baifan', 'h1', ['bedridden']),
	member('BF-3', 'baifan', 'h2'),
	member('BF-4', 'baifan', 'h2', ['aged', 'disabled']),
	member('BH-1', 'baihe', 'h3'),
	member('BH-2', 'baihe', 'h3'),
	member('BH-3', 'baihe', 'h4', ['care_home']),
	member('KS-1', 'mine', 'h5', [], 'kuangqu')
];

describe('villageCoverage', () => {
	it('counts registered and sampled per village and lists who is not yet sampled, in roster order', () => {
		const [baifan, baihe, mine] = villageCoverage(roster, ['BF-1', 'BF-3', 'BH-1', 'BH-2', 'BH-3']);
		expect(baifan).toEqual({ villageId: 'baifan', townshipId: 'chengmen', registered: 4, sampled: 2, coverage: 0.5, notYetSampled: ['BF-2', 'BF-4'], doorToDoor: ['BF-2', 'BF-4'] });
		expect(baihe).toMatchObject({ registered: 3, sampled: 3, coverage: 1, notYetSampled: [], doorToDoor: [] });
		expect(mine).toMatchObject({ registered: 1, sampled: 0, coverage: 0, notYetSampled: ['KS-1'], doorToDoor: [] });
	});

	it('only those who cannot come and are not yet sampled become door-to-door candidates', () => {
		const [baifan] = villageCoverage(roster, ['BF-2']);
		expect(baifan.notYetSampled).toEqual(['BF-1', 'BF-3', 'BF-4']);
		expect(baifan.doorToDoor).toEqual(['BF-4']);
	});

	it('ignores sampled codes not on the roster and members listed twice', () => {
		const [baifan] = villageCoverage([...roster.slice(0, 4), roster[0]], ['BF-1', 'STRANGER', 'BF-1']);
		expect(baifan).toMatchObject({ registered: 4, sampled: 1, coverage: 0.25 });
	});

	it('an empty roster has no villages; everyone sampled is 100 %', () => {
		expect(villageCoverage([], ['BF-1'])).toEqual([]);
		expect(villageCoverage(roster, new Set(roster.map((each) => each.code))).every((village) => village.coverage === 1 && village.notYetSampled.length === 0)).toBe(true);
	});
});

describe('township and county roll-ups', () => {
	const villages = villageCoverage(roster, ['BF-1', 'BF-3', 'BH-1', 'BH-2', 'BH-3']);

	it('add the villages of each township and compare with the day’s target', () => {
		const [chengmen, kuangqu] = townshipCoverage(villages, 0.5);
		expect(chengmen).toMatchObject({ townshipId: 'chengmen', villages: 2, registered: 7, sampled: 5, notYetSampled: 2, doorToDoor: 2, target: 0.5 });
		expect(chengmen.coverage).toBeCloseTo(5 / 7, 10);
		expect(chengmen.againstTarget).toBeCloseTo(5 / 7 - 0.5, 10);
		expect(kuangqu).toMatchObject({ registered: 1, sampled: 0, coverage: 0, againstTarget: -0.5 });
	});

	it('take a township’s own target over the common one, and none when asked', () => {
		expect(townshipCoverage(villages, 0.5, { kuangqu: 0.9 })[1].target).toBe(0.9);
		expect(townshipCoverage(villages, null)[0].againstTarget).toBeNull();
	});

	it('the county is every village together, against everyone by default', () => {
		expect(countyCoverage(villages)).toMatchObject({ registered: 8, sampled: 5, notYetSampled: 3, doorToDoor: 2, target: 1, againstTarget: 5 / 8 - 1 });
		expect(countyCoverage([])).toMatchObject({ registered: 0, sampled: 0, coverage: 1, againstTarget: 0 });
	});
});

describe('expectedCoverageBy', () => {
	const start = Date.parse('2026-11-30T00:00:00Z'); // 08:00 China time
	const deadline = start + 24 * 3_600_000;
	it('rises evenly over the round: a quarter after 6 of 24 hours, none before, all from the deadline', () => {
		expect(expectedCoverageBy(start + 6 * 3_600_000, start, deadline)).toBeCloseTo(0.25, 10);
		expect(expectedCoverageBy(start - 1, start, deadline)).toBe(0);
		expect(expectedCoverageBy(deadline + 1, start, deadline)).toBe(1);
		expect(expectedCoverageBy(start, start, start)).toBe(1);
	});
});

describe('doorToDoorHouseholds', () => {
	it('groups the candidates by household so one visit samples the whole household', () => {
		const [baifan] = villageCoverage([...roster, member('BF-5', 'baifan', 'h1', ['aged'])], []);
		expect(doorToDoorHouseholds(roster.concat(member('BF-5', 'baifan', 'h1', ['aged'])), baifan)).toEqual([
			{ householdId: 'h1', codes: ['BF-2', 'BF-5'] },
			{ householdId: 'h2', codes: ['BF-4'] }
		]);
		expect(doorToDoorHouseholds(roster, { doorToDoor: [] })).toEqual([]);
	});
});
