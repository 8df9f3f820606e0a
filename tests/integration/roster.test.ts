/** The roster (花名册) in step with the household register, its own ledger, and the village's not-yet-sampled list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, like } from 'drizzle-orm';
import type { App } from '../../server/app';
import { auditLog, households, rosterMembers, sampledMembers } from '../../server/db/schema/index';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { serviceDay } from '../../src/lib/domain/service-day';
import type { CoverageGap } from '../../src/lib/protocol/coverage';
import { signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';
import { ID_NUMBER, MOBILE_NUMBER } from '../fixtures/personal-patterns';

let app: App;
const db = () => app.database.db;
const BAIFAN = 'v:城门街道/白畈村';
const household = chengmen.ledgers().households.find((each) => each.village === '白畈村' && each.members === 4)!;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
});
afterAll(async () => {
	await app.close();
});

const codesOf = async (householdId: string) => (await db().select({ code: rosterMembers.code }).from(rosterMembers).where(eq(rosterMembers.householdId, householdId)).orderBy(asc(rosterMembers.memberNo))).map((row) => row.code);
const importRows = (kind: 'households' | 'roster', records: unknown[], mode: 'import' | 'validate' = 'import') =>
	importLedger({ db: db(), input: { kind, mode, crs: 'wgs84', by: 'test', table: toLedgerTable(LEDGERS[kind] as never, records as never[]) } });

describe('the roster follows the household register', () => {
	it('has a code for every member of every registered household, the head first with the head’s person', async () => {
		const registered = await db().select({ members: households.members }).from(households);
		const members = registered.reduce((sum, row) => sum + row.members, 0);
		expect((await db().select({ code: rosterMembers.code }).from(rosterMembers)).length).toBe(members);
		expect(await codesOf(household.code)).toEqual([1, 2, 3, 4].map((n) => `${household.code}-${n}`));
		const [head] = await db().select().from(rosterMembers).where(eq(rosterMembers.code, `${household.code}-1`));
		expect(head).toMatchObject({ householdId: household.code, villageId: BAIFAN, townshipId: 't:城门街道', memberNo: 1 });
		expect(head.personId).toMatch(/^p_/);
	});

	it('adds and removes members when a re-import changes 人数, keeping what the 花名册 said of the others', async () => {
		await importRows('roster', [{ household: household.code, memberNo: 2, name: '王秀英', idNumber: null, relation: '母亲', cannotCome: ['bedridden'] }]);
		await importRows('households', [{ ...household, members: 6 }]);
		expect(await codesOf(household.code)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${household.code}-${n}`));
		await importRows('households', [{ ...household, members: 2 }]);
		expect(await codesOf(household.code)).toEqual([1, 2].map((n) => `${household.code}-${n}`));
		const [second] = await db().select().from(rosterMembers).where(eq(rosterMembers.code, `${household.code}-2`));
		expect(second.cannotCome).toEqual(['bedridden']);
		expect(second.personId).toMatch(/^p_/);
		await importRows('households', [household]);
		expect(await codesOf(household.code)).toHaveLength(4);
	});
});

describe('the 花名册 ledger', () => {
	it('names members and who cannot come; a second import of the same rows changes nothing', async () => {
		const other = chengmen.ledgers().households.find((each) => each.village === '白畈村' && each.members >= 3 && each.code !== household.code)!;
		const rows = [{ household: other.code, memberNo: 3, name: '李桂兰', idNumber: null, relation: '祖母', cannotCome: ['aged', 'disabled'] }];
		expect((await importRows('roster', rows)).written).toEqual({ created: 0, updated: 1, unchanged: 0 });
		expect((await importRows('roster', rows)).written).toEqual({ created: 0, updated: 0, unchanged: 1 });
		const [member] = await db().select().from(rosterMembers).where(eq(rosterMembers.code, `${other.code}-3`));
		expect(member.cannotCome).toEqual(['aged', 'disabled']);
	});

	it('refuses a household not in the register and a member beyond its 人数, naming the row, and writes nothing', async () => {
		const before = await db().select().from(rosterMembers).where(like(rosterMembers.householdId, 'CM02%'));
		const report = await importRows('roster', [
			{ household: 'CM990001', memberNo: 1, name: null, idNumber: null, relation: null, cannotCome: ['aged'] },
			{ household: household.code, memberNo: 9, name: null, idNumber: null, relation: null, cannotCome: ['aged'] },
			{ household: household.code, memberNo: 3, name: null, idNumber: null, relation: null, cannotCome: ['aged'] }
		]);
		expect(report.issues).toEqual([
			{ row: 2, column: '户编号', value: 'CM990001', message: 'is not a known household of the register (import the households first)' },
			{ row: 3, column: '成员序号', value: '9', message: "is beyond the household's 4 members (人数 in the register)" }
		]);
		expect(report.written).toBeNull();
		expect(await db().select().from(rosterMembers).where(like(rosterMembers.householdId, 'CM02%'))).toEqual(before);
	});

	it('imports a file through /api/ledgers/roster/import, with English headers and values, as an operator would', async () => {
		const admin = await signedIn(app, 'admin');
		const other = chengmen.ledgers().households.find((each) => each.village === '金兰村' && each.members >= 2)!;
		const csv = ['household_code,member_no,name,relation,cannot_come', `${other.code},2,,mother,"aged, bedridden"`, 'CM990009,1,,,aged'].join('\n');
		const started = await fetch(`${app.url}/api/ledgers/roster/import?mode=import_good_rows&filename=roster.csv`, { method: 'POST', headers: { cookie: admin.cookie }, body: csv });
		expect(started.status).toBe(202);
		const { id } = await started.json();
		const job = await until(async () => {
			const current = await (await fetch(`${app.url}/api/ledgers/jobs/${id}`, { headers: { cookie: admin.cookie } })).json();
			return current.status !== 'running' ? current : undefined;
		}, 'the roster import');
		expect(job.report.issues).toEqual([{ row: 3, column: '户编号', value: 'CM990009', message: 'is not a known household of the register (import the households first)' }]);
		expect(job.report.written).toEqual({ created: 0, updated: 1, unchanged: 0 });
		const [member] = await db().select().from(rosterMembers).where(eq(rosterMembers.code, `${other.code}-2`));
		expect(member.cannotCome).toEqual(['aged', 'bedridden']);
	});

	it('exports with the names masked unless in full, and a full export imports back unchanged', async () => {
		const masked = await (await import('../../server/modules/ledgers/export-ledger')).exportLedgerTable({ db: db(), kind: 'roster', personal: 'masked', actor: 'test' });
		expect(masked.headers).toEqual(['户编号', '成员序号', '姓名', '身份证号', '与户主关系', '行动不便']);
		expect(masked.rows.find((row) => row[0] === household.code && row[1] === '2')).toEqual([household.code, '2', '王**', '', '母亲', '卧床']);
		const full = await (await import('../../server/modules/ledgers/export-ledger')).exportLedgerTable({ db: db(), kind: 'roster', personal: 'full', actor: 'test' });
		const again = await importLedger({ db: db(), input: { kind: 'roster', mode: 'import', crs: 'wgs84', by: 'test', table: full } });
		expect(again.issues).toEqual([]);
		expect(again.written!.updated).toBe(0);
	});
});

describe('the not-yet-sampled list (GET /api/coverage/villages/:villageId/gaps)', () => {
	const gaps = (cookie: string, village = BAIFAN) => fetch(`${app.url}/api/coverage/villages/${encodeURIComponent(village)}/gaps`, { headers: { cookie } });

	it('lists the village’s members not sampled today to its officer, masked, with who cannot come, and records the listing without names', async () => {
		const day = serviceDay(Date.now());
		await db().insert(sampledMembers).values([
			{ day, memberCode: `${household.code}-1`, siteId: 'site-baifan', via: 'site', tube: 'T-ROSTER-1', sampledAt: new Date(), eventId: 'roster-test-1', deviceId: 'tablet-site-baifan' }
		]);
		const officer = await signedIn(app, 'quarantine_officer', { villageIds: [BAIFAN] });
		const response = await gaps(officer.cookie);
		expect(response.status).toBe(200);
		const gap = (await response.json()) as CoverageGap;
		expect(gap).toMatchObject({ day, villageId: BAIFAN, name: '白畈村' });
		expect(gap.sampled).toBe(1);
		expect(gap.members).toHaveLength(gap.registered - 1);
		const codes = gap.members.map((member) => member.memberCode);
		expect(codes).not.toContain(`${household.code}-1`);
		expect(gap.members.find((member) => member.memberCode === `${household.code}-2`)).toMatchObject({ householdId: household.code, memberNo: 2, nameMasked: '王**', cannotCome: ['bedridden'], doorVisitId: null });
		expect(gap.members.filter((member) => member.cannotCome.includes('aged')).length).toBeGreaterThan(0);
		const text = JSON.stringify(gap);
		expect(text).not.toContain('王秀英');
		expect(text).not.toMatch(ID_NUMBER);
		expect(text).not.toMatch(MOBILE_NUMBER);
		expect(text).not.toMatch(/号/);
		const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, 'coverage.gap_list'), eq(auditLog.actor, `user:${officer.username}`)));
		expect(entry).toMatchObject({ subject: `village:${BAIFAN}`, details: { day, notYetSampled: gap.members.length } });
		expect(JSON.stringify(entry)).not.toMatch(/王/);
	});

	it('lets the commander read any village, and refuses an officer of another village, a shift leader and a dispatcher in zh and en', async () => {
		expect((await gaps((await signedIn(app, 'commander')).cookie)).status).toBe(200);
		const elsewhere = await gaps((await signedIn(app, 'quarantine_officer', { villageIds: ['v:城门街道/金兰村'] })).cookie);
		expect(elsewhere.status).toBe(403);
		expect(await elsewhere.json()).toMatchObject({ code: 'gap_outside_villages' });
		for (const role of ['shift_leader', 'dispatcher'] as const) {
			const refused = await gaps((await signedIn(app, role, role === 'shift_leader' ? { townshipId: 't:城门街道' } : {})).cookie);
			expect(refused.status, role).toBe(403);
			const body = await refused.json();
			expect(body.code).toBe('gap_not_allowed');
			expect(JSON.stringify(body)).toContain('未采样名单');
		}
		const unknown = await gaps((await signedIn(app, 'commander')).cookie, 'v:城门街道/无此村');
		expect(unknown.status).toBe(404);
	});
});
