import { describe, expect, it } from 'vitest';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { generateMetro } from '../../server/sim/scenarios/metro';
import { rosterCodes } from '../../server/modules/roster/sync-roster';
import { defaultTimetable } from '../../server/modules/timetable/default-timetable';
import { idNumberCheckCharacter } from '../../src/lib/domain/id-number';
import { ledgerIssueZh } from '../../src/lib/ledgers/issue-text';
import { cannotCome, rosterLedger } from '../../src/lib/ledgers/roster-ledger';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';

const table = (rows: string[][], headers = ['户编号', '成员序号', '姓名', '身份证号', '与户主关系', '行动不便']) => ({ headers, rows });

describe('the 花名册 row', () => {
	it('reads 行动不便 in Chinese or English, several in one cell, each once in a fixed order', () => {
		expect(cannotCome('卧床、老年')).toEqual({ ok: true, value: ['aged', 'bedridden'] });
		expect(cannotCome('aged, Care home')).toEqual({ ok: true, value: ['aged', 'care_home'] });
		expect(cannotCome('残疾;disabled')).toEqual({ ok: true, value: ['disabled'] });
		expect(cannotCome('敬老院')).toEqual({ ok: true, value: ['care_home'] });
	});

	it('refuses a reason it does not know, saying which and what it takes, in English and Chinese', () => {
		const refused = cannotCome('老年、出差');
		expect(refused).toEqual({ ok: false, message: '"出差" is not one of 老年、残疾、卧床、敬老院 (aged, disabled, bedridden, care home)' });
		expect(ledgerIssueZh((refused as { message: string }).message)).toBe('“出差”不是老年、残疾、卧床、敬老院之一');
	});

	it('takes a row with its household and member number, name and ID number optional', () => {
		const checked = validateLedger(rosterLedger, table([['CM010001', '2', '王秀英', '', '母亲', '老年、卧床'], ['CM010001', '3', '', '', '', '']]));
		expect(checked.issues).toEqual([]);
		expect(checked.records.map(({ record }) => record)).toEqual([
			{ household: 'CM010001', memberNo: 2, name: '王秀英', idNumber: null, relation: '母亲', cannotCome: ['aged', 'bedridden'] },
			{ household: 'CM010001', memberNo: 3, name: null, idNumber: null, relation: null, cannotCome: null }
		]);
	});

	it('reads English headers too', () => {
		const checked = validateLedger(rosterLedger, table([['CM010001', '1', '', '', '', 'bedridden']], ['household_code', 'member_no', 'name', 'id_number', 'relation', 'cannot_come']));
		expect(checked.records[0].record).toMatchObject({ household: 'CM010001', memberNo: 1, cannotCome: ['bedridden'] });
	});

	it('refuses the same member twice (household and number together), but not two members of one household', () => {
		const checked = validateLedger(rosterLedger, table([['CM010001', '2', '', '', '', ''], ['CM010001', '3', '', '', '', ''], ['CM010001', '2', '', '', '', '老年']]));
		expect(checked.issues).toEqual([{ row: 4, column: '户编号', value: 'CM010001-2', message: 'appears already in row 2' }]);
	});

	it('refuses a member number that is not a whole number from 1, and an ID number without a name', () => {
		const checked = validateLedger(rosterLedger, table([['CM010001', '0', '', '', '', ''], ['CM010001', '2', '', `36040419800101001${idNumberCheckCharacter('36040419800101001')}`, '', '']]));
		expect(checked.issues.map((issue) => [issue.row, issue.column, issue.message])).toEqual([
			[2, '成员序号', 'must be between 1 and 100'],
			[3, '姓名', 'is needed with 身份证号']
		]);
	});

	it('writes 行动不便 back in Chinese, so an export imports back unchanged', () => {
		const record = { household: 'CM010001', memberNo: 2, name: null, idNumber: null, relation: '母亲', cannotCome: ['aged', 'care_home'] as const };
		const written = toLedgerTable(rosterLedger, [{ ...record, cannotCome: [...record.cannotCome] }]);
		expect(written.rows[0]).toEqual(['CM010001', '2', '', '', '母亲', '老年、敬老院']);
		expect(validateLedger(rosterLedger, written).records[0].record).toEqual({ ...record, cannotCome: ['aged', 'care_home'] });
	});
});

describe('roster generation', () => {
	it('gives a household of N members the codes <code>-1 … <code>-N, 1 the head', () => {
		expect(rosterCodes({ code: 'CM010001', members: 3 })).toEqual([
			{ code: 'CM010001-1', memberNo: 1 },
			{ code: 'CM010001-2', memberNo: 2 },
			{ code: 'CM010001-3', memberNo: 3 }
		]);
	});
});

describe('the chengmen roster', () => {
	const ledgers = chengmen.ledgers();
	const residents = ledgers.households.reduce((sum, household) => sum + household.members, 0);
	const roster = ledgers.roster!;

	it('names about 1.5 % of residents who cannot come, mostly aged, and the ~40 residents of 城门敬老院', () => {
		expect(roster.length / residents).toBeGreaterThan(0.012);
		expect(roster.length / residents).toBeLessThan(0.018);
		const careHome = roster.filter((member) => member.cannotCome!.includes('care_home'));
		expect(careHome).toHaveLength(40);
		const others = roster.filter((member) => !member.cannotCome!.includes('care_home'));
		expect(others.filter((member) => member.cannotCome!.includes('aged')).length / others.length).toBeGreaterThan(0.6);
		expect(others.some((member) => member.cannotCome!.includes('bedridden'))).toBe(true);
		expect(others.some((member) => member.cannotCome!.includes('disabled'))).toBe(true);
	});

	it('only names members the register has, and validates as an operator’s file must', () => {
		const members = new Map(ledgers.households.map((household) => [household.code, household.members]));
		for (const member of roster) expect(member.memberNo).toBeLessThanOrEqual(members.get(member.household)!);
		expect(validateLedger(rosterLedger, toLedgerTable(rosterLedger, roster)).issues).toEqual([]);
	});
});

describe('the metro drill’s roster', () => {
	it('names about 1.5 % of residents who cannot come, and validates', () => {
		const { ledgers } = generateMetro({ sites: 50, vehicles: 10, households: 5000, townships: 4, labs: 2, seed: 5 });
		const residents = ledgers.households.reduce((sum, household) => sum + household.members, 0);
		expect(ledgers.roster!.length / residents).toBeGreaterThan(0.008);
		expect(ledgers.roster!.length / residents).toBeLessThan(0.02);
		expect(validateLedger(rosterLedger, toLedgerTable(rosterLedger, ledgers.roster!)).issues).toEqual([]);
	});
});

describe('the default timetable', () => {
	const sites = [
		{ code: 'site-a', township: '城门街道', villages: ['红旗村', '城门社区'], desks: 3 },
		{ code: 'site-b', township: '城门街道', villages: ['白畈村'], desks: 3 }
	];
	const residents = new Map([['红旗村', 1000], ['城门社区', 3000], ['白畈村', 1500]]);
	const samplers = new Map([['site-a', 4], ['site-b', 4]]);

	it('starts when the demo declares its round, even at night, and takes a site’s villages in turn by their residents', () => {
		// Declared at 03:02 China time: turns start at the 5-minute mark it falls in.
		const slots = defaultTimetable({ sites, residents, samplers, roundStart: Date.parse('2026-12-01T03:02:00+08:00') });
		// site-a: 4,000 people at 2 staffed desks (460 an hour with the queue building) → 8 h 42 min, rounded up to 8 h 45; 红旗村 a quarter of it.
		expect(slots).toEqual([
			{ villageId: 'v:城门街道/红旗村', siteId: 'site-a', startsAt: '03:00', endsAt: '05:10' },
			{ villageId: 'v:城门街道/城门社区', siteId: 'site-a', startsAt: '05:10', endsAt: '11:45' },
			// site-b: 1,500 people take less than the shortest window, 5 h.
			{ villageId: 'v:城门街道/白畈村', siteId: 'site-b', startsAt: '03:00', endsAt: '08:00' }
		]);
	});

	it('wraps past midnight for a round declared in the evening', () => {
		const [, second] = defaultTimetable({ sites, residents, samplers, roundStart: Date.parse('2026-12-01T21:00:00+08:00') });
		expect(second).toMatchObject({ startsAt: '23:10', endsAt: '05:45' });
	});
});
