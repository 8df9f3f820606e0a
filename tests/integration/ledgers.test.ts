import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { householdPrivate, households, people, regions, sites, staff, staffAssignments } from '../../server/db/schema/index';
import { exportLedger, exportLedgerTable } from '../../server/modules/ledgers/export-ledger';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { IMPORT_ORDER } from '../../server/modules/registry/load-scenario';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { MASKED_VALUE } from '../../src/lib/ledgers/validate-ledger';
import { ledgerIssueZh } from '../../src/lib/ledgers/issue-text';
import { toWgs84 } from '../../src/lib/domain/coordinates';
import { trackers } from '../../server/db/schema/index';
import { backends, type Stack } from '../fixtures/backends';

const ledgers = chengmen.ledgers();
/** A slice of the county keeps the suite quick; the bench imports 200,000 rows. */
const slice = { ...ledgers, households: ledgers.households.slice(0, 400) };
const tableOf = (kind: keyof typeof slice) => toLedgerTable(LEDGERS[kind] as never, slice[kind] as never[]);

describe.each(backends('ledgers'))('ledgers ($name)', (backend) => {
	let stack: Stack;
	beforeEach(async () => {
		stack = await backend.open();
	});
	afterEach(async () => {
		await stack.teardown();
	});
	const db = () => stack.database.db;
	const importFile = (kind: (typeof IMPORT_ORDER)[number], content: Buffer, format: 'csv' | 'xlsx', mode: 'import' | 'validate' | 'import_good_rows' = 'import', crs: 'wgs84' | 'gcj02' = 'wgs84') =>
		importLedger({ db: db(), input: { kind, mode, crs, by: 'test', file: { content, format } } });

	it('applies every migration: all tables of the model exist', async () => {
		const result = await db().execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name in ('regions','risk_zones','sites','site_villages','people','staff','staff_assignments','shifts','vehicles','labs','lab_counters','sample_boxes','box_handovers','quarantine_sites','households','household_private','household_members','check_ins','scheduled_tests','returnees','event_log','log_offsets','device_events','positions','vehicle_latest','site_status','quarantine_cases','quarantine_case_events','supply_deliveries','returnee_private')`);
		const rows = (Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows) as { n: number }[];
		expect(rows[0].n).toBe(30);
	});

	it('round-trips every ledger: import, export, import again changes nothing and exports the same file', async () => {
		for (const kind of IMPORT_ORDER) {
			const first = await importLedger({ db: db(), input: { kind, mode: 'import', crs: 'wgs84', by: 'test', table: tableOf(kind) } });
			expect(first.issues, kind).toEqual([]);
			// The backend registered the sites and vehicles already; those come back unchanged.
			expect(first.written!.created + first.written!.unchanged, kind).toBe(slice[kind].length);
		}
		for (const format of ['xlsx', 'csv'] as const) {
			for (const kind of IMPORT_ORDER) {
				const exported = await exportLedger({ db: db(), kind, format, personal: 'full', actor: 'test' });
				const again = await importFile(kind, exported, format);
				expect(again.issues, `${kind} ${format}`).toEqual([]);
				expect(again.written, `${kind} ${format}`).toEqual({ created: 0, updated: 0, unchanged: slice[kind].length });
				expect(await exportLedger({ db: db(), kind, format: 'csv', personal: 'full', actor: 'test' })).toEqual(await exportLedger({ db: db(), kind, format: 'csv', personal: 'full', actor: 'test' }));
			}
		}
		const table = await exportLedgerTable({ db: db(), kind: 'households', personal: 'full', actor: 'test' });
		expect(table.rows.map((row) => row.slice(0, 6))).toEqual(tableOf('households').rows.map((row) => row.slice(0, 6)));
	});

	it('writes nothing from a file with a bad row, and only the good rows when asked', async () => {
		const rows = tableOf('sites');
		rows.rows[3] = [...rows.rows[3]];
		rows.rows[3][5] = '215.3';
		const csv = Buffer.from([rows.headers, ...rows.rows].map((row) => row.join(',')).join('\n'));
		const refused = await importFile('sites', csv, 'csv');
		expect(refused.written).toBeNull();
		expect(refused.issues).toEqual([{ row: 5, column: '经度', value: '215.3', message: 'is not a longitude (−180 to 180)' }]);
		expect((await db().select({ n: count() }).from(sites))[0].n).toBe(10); // the backend's own registry, untouched
		await db().delete(sites);
		const partial = await importFile('sites', csv, 'csv', 'import_good_rows');
		expect(partial.written).toEqual({ created: 9, updated: 0, unchanged: 0 });
	});

	it('lists the townships and villages a sites file adds to the county when it is checked, so a misspelt one is seen before it is made', async () => {
		const table = tableOf('sites');
		const [townshipColumn, villagesColumn] = [table.headers.indexOf('街道'), table.headers.indexOf('服务村')];
		const typo = [...table.rows[0]];
		typo[villagesColumn] = `${typo[villagesColumn].split(/[、,，;]/)[0]}、红旗新村`;
		const elsewhere = [...table.rows[1]];
		elsewhere[townshipColumn] = '城门街導';
		const file = { ...table, rows: [typo, elsewhere, ...table.rows.slice(2)] };
		const checked = await importLedger({ db: db(), input: { kind: 'sites', mode: 'validate', crs: 'wgs84', by: 'test', table: file } });
		expect(checked.issues).toEqual([]);
		expect(checked.newRegions).toEqual([
			{ township: typo[townshipColumn], village: '红旗新村', near: null },
			{ township: '城门街導', village: null, near: '城门街道' },
			...elsewhere[villagesColumn].split('、').map((village) => ({ township: '城门街導', village, near: null }))
		]);
		const imported = await importLedger({ db: db(), input: { kind: 'sites', mode: 'import', crs: 'wgs84', by: 'test', table: file } });
		expect((await db().select({ id: regions.id }).from(regions)).map((region) => region.id)).toContain(`v:${typo[townshipColumn]}/红旗新村`);
		expect(imported.newRegions).toEqual(checked.newRegions);
		// Imported again, the file adds nothing new.
		expect((await importLedger({ db: db(), input: { kind: 'sites', mode: 'validate', crs: 'wgs84', by: 'test', table: file } })).newRegions).toEqual([]);
	});

	it('registers the tracker a vehicle row names, and exports it with the vehicle', async () => {
		const vehicles = slice.vehicles.map((vehicle, index) => ({ ...vehicle, tracker: index === 0 ? '860000000000777' : null }));
		const report = await importLedger({ db: db(), input: { kind: 'vehicles', mode: 'import', crs: 'wgs84', by: 'test', table: toLedgerTable(LEDGERS.vehicles, vehicles) } });
		expect(report.issues).toEqual([]);
		expect(await db().select().from(trackers)).toEqual([expect.objectContaining({ id: '860000000000777', vehicleId: vehicles[0].code, registeredBy: 'ledger:vehicles' })]);
		const exported = (await exportLedger({ db: db(), kind: 'vehicles', format: 'csv', personal: 'full', actor: 'test' })).toString('utf8');
		expect(exported).toContain('定位终端号');
		expect(exported).toContain('860000000000777');
	});

	it('converts GCJ-02 coordinates to WGS-84 when the file says so', async () => {
		await db().delete(sites);
		const table = tableOf('sites');
		const crsColumn = table.headers.indexOf('坐标系');
		const gcj = { ...table, rows: table.rows.map((row) => row.map((cell, index) => (index === crsColumn ? '' : cell))) };
		const csv = Buffer.from([gcj.headers, ...gcj.rows].map((row) => row.join(',')).join('\n'));
		await importFile('sites', csv, 'csv', 'import', 'gcj02');
		const [stored] = await db().select().from(sites).where(eq(sites.id, 'site-baifan'));
		const expected = toWgs84({ lat: 29.661, lon: 115.83 }, 'gcj02');
		expect(stored.lat).toBeCloseTo(expected.lat, 9);
		expect(stored.lon).toBeCloseTo(expected.lon, 9);
	});

	it('refuses staff who work at a site that does not exist, naming the row', async () => {
		const table = tableOf('staff');
		table.rows = [table.rows[0].map((cell) => (cell === 'site-weishengyuan' ? 'site-nowhere' : cell))];
		const report = await importLedger({ db: db(), input: { kind: 'staff', mode: 'import', crs: 'wgs84', by: 'test', table } });
		expect(report.issues).toEqual([{ row: 2, column: '采样点编号', value: 'site-nowhere', message: 'is not a known site (import the sites first)' }]);
		expect(report.written).toBeNull();
	});

	it('records a changed workplace as a new assignment and closes the old one', async () => {
		for (const kind of ['sites', 'vehicles', 'staff'] as const) await importLedger({ db: db(), input: { kind, mode: 'import', crs: 'wgs84', by: 'test', table: tableOf(kind) } });
		const table = tableOf('staff');
		const siteColumn = table.headers.indexOf('采样点编号');
		table.rows = [table.rows[0].map((cell, index) => (index === siteColumn ? 'site-baifan' : cell))];
		await importLedger({ db: db(), input: { kind: 'staff', mode: 'import', crs: 'wgs84', by: 'test', table } });
		const history = await db().select().from(staffAssignments).where(eq(staffAssignments.staffId, slice.staff[0].code));
		expect(history.map((each) => [each.siteId, each.endsAt === null])).toEqual([
			['site-weishengyuan', false],
			['site-baifan', true]
		]);
	});

	it('gives people opaque ids and finds them again: the same ID number is one person, and a re-import adds nobody', async () => {
		const staffMember = slice.staff[0];
		// The same person heads a household too; and one head has no ID number, so only the row names them.
		const households = slice.households.slice(0, 20).map((household, index) => (index === 0 ? { ...household, headName: staffMember.name, idNumber: staffMember.idNumber, phone: staffMember.phone } : index === 1 ? { ...household, idNumber: null } : household));
		const importAll = async () => {
			for (const kind of ['sites', 'vehicles', 'staff'] as const) expect((await importLedger({ db: db(), input: { kind, mode: 'import', crs: 'wgs84', by: 'test', table: tableOf(kind) } })).issues).toEqual([]);
			expect((await importLedger({ db: db(), input: { kind: 'households', mode: 'import', crs: 'wgs84', by: 'test', table: toLedgerTable(LEDGERS.households, households) } })).issues).toEqual([]);
		};
		await importAll();
		const first = await db().select().from(people).orderBy(people.id);
		expect(first).toHaveLength(slice.staff.length + 19);
		for (const person of first) expect(person.id).toMatch(/^p_[0-9a-f]{32}$/);
		const [member] = await db().select().from(staff).where(eq(staff.id, staffMember.code));
		const [home] = await db().select().from(householdPrivate).where(eq(householdPrivate.householdId, households[0].code));
		expect(home.headPersonId).toBe(member.personId);
		await importAll();
		expect(await db().select().from(people).orderBy(people.id)).toEqual(first);
	});

	it('lists a households file\'s misspelt village with the known one it is one character from', async () => {
		for (const kind of IMPORT_ORDER) await importLedger({ db: db(), input: { kind, mode: 'import', crs: 'wgs84', by: 'test', table: tableOf(kind) } });
		const table = tableOf('households');
		const villageColumn = table.headers.indexOf('村');
		const known = table.rows[0][villageColumn];
		const typo = `某${[...known].slice(1).join('')}`;
		const row = table.rows[0].map((cell, index) => (index === villageColumn ? typo : cell));
		const report = await importLedger({ db: db(), input: { kind: 'households', mode: 'validate', crs: 'wgs84', by: 'test', table: { ...table, rows: [row] } } });
		expect(report.newRegions).toEqual([{ township: '城门街道', village: typo, near: known }]);
	});

	it('refuses a masked export imported back, every row, so the masks never overwrite the names, numbers and homes', async () => {
		for (const kind of IMPORT_ORDER) await importLedger({ db: db(), input: { kind, mode: 'import', crs: 'wgs84', by: 'test', table: tableOf(kind) } });
		const before = await db().select().from(householdPrivate).orderBy(householdPrivate.householdId);
		const masked = await exportLedger({ db: db(), kind: 'households', format: 'csv', personal: 'masked', actor: 'test' });
		for (const mode of ['import', 'import_good_rows'] as const) {
			const report = await importFile('households', masked, 'csv', mode);
			expect(report.written ?? { created: 0, updated: 0, unchanged: 0 }).toEqual({ created: 0, updated: 0, unchanged: 0 });
			expect(report.badRows).toBe(400);
			expect(report.issues[0]).toMatchObject({ row: 2, column: '户主姓名', message: MASKED_VALUE });
			expect(ledgerIssueZh(MASKED_VALUE)).toBe('是打码后的值（来自隐藏个人信息的导出）：请导入完整导出的文件，或填写真实值');
		}
		expect(await db().select().from(householdPrivate).orderBy(householdPrivate.householdId)).toEqual(before);
	});

	it('keeps homes apart from the register and counts residents per village', async () => {
		for (const kind of IMPORT_ORDER) await importLedger({ db: db(), input: { kind, mode: 'import', crs: 'wgs84', by: 'test', table: tableOf(kind) } });
		const [village] = await db().select().from(regions).where(eq(regions.id, 'v:城门街道/红旗村'));
		const members = slice.households.filter((household) => household.village === '红旗村').reduce((sum, household) => sum + household.members, 0);
		expect(village).toMatchObject({ population: members, households: slice.households.filter((household) => household.village === '红旗村').length });
		const registerColumns = Object.keys((await db().select().from(households).limit(1))[0]);
		expect(registerColumns).not.toContain('address');
		expect((await db().select({ n: count() }).from(householdPrivate))[0].n).toBe(400);
	});
});
