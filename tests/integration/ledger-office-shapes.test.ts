/**
 * Ledgers as township offices make them (issue 17), built here with ExcelJS as Excel or WPS saves
 * them: a merged title across row 1, a unit row, times and dates typed as times and dates, a
 * totals row and notes at the foot, an ID number typed into a number cell, two sheets. Imported
 * through the CLI (`npm run import`) and through the HTTP import the /ledgers page uses: the report
 * names the sheet, the header's row and the rows skipped; a damaged number or two candidate sheets
 * are refused in both languages and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { App } from '../../server/app';
import { LOST_DIGITS } from '../../src/lib/ledgers/fields';
import { ledgerIssueText } from '../../src/lib/ledgers/issue-text';
import { signedIn, startTestApp } from '../fixtures/app';
import { seedDataDir } from '../fixtures/embedded-database';
import { until } from '../fixtures/wait';

const TITLE = '城门街道全员核酸检测采样点台账（2026年11月）';
/** A time typed as a time: Excel keeps a fraction of day 0, which ExcelJS reads as 1899-12-30. */
const timeOfDay = (hours: number, minutes: number) => new Date(Date.UTC(1899, 11, 30, hours, minutes));

/** A sites ledger as an office keeps it: a notes sheet first, then 采样点 with a title, a unit row, a 序号 column, time cells, a blank row, a totals row and notes. */
async function officeSitesWorkbook(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.addWorksheet('填表说明').addRows([['本表由各街道填报'], ['开始时间、结束时间按 8:00 格式填写']]);
	const sheet = workbook.addWorksheet('采样点');
	sheet.addRow([TITLE]);
	sheet.mergeCells('A1:M1');
	sheet.addRow(['填报单位：城门街道', null, null, null, null, null, null, null, null, null, null, null, '单位：个']);
	sheet.addRow(['序号', '编号', '名称', '类型', '街道', '服务村', '经度', '纬度', '采样台数', '混采', '开始时间', '结束时间', '状态']);
	const rows = [
		[1, 'OF-001', '红旗村采样点', '固定采样点', '城门街道', '红旗村，白畈村', 115.83, 29.66, 2, '10合1', timeOfDay(8, 0), timeOfDay(18, 0), '开放'],
		null,
		[2, 'ＯＦ－００２', '白畈村采样点 ', '临时采样点', '城门街道', '白畈村 东村', 115.84, 29.67, 1, '20合1', '8:30', '17:00', '开放']
	];
	for (const row of rows) {
		const added = sheet.addRow(row ?? []);
		if (row) for (const column of [11, 12]) added.getCell(column).numFmt = 'h:mm';
	}
	sheet.addRow(['合计', null, null, null, null, null, null, null, 3]);
	sheet.addRow(['填表人：王芳', null, null, '审核人：李强']);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

const SITES_SHAPE = {
	sheet: '采样点',
	sheets: ['填表说明', '采样点'],
	headerRow: 3,
	skipped: [
		{ row: 1, kind: 'title', text: TITLE },
		{ row: 2, kind: 'unit', text: '填报单位：城门街道' },
		{ row: 7, kind: 'total', text: '合计' },
		{ row: 8, kind: 'note', text: '填表人：王芳' }
	],
	// 序号 only numbers the rows: not named as a column left out.
	ignoredColumns: []
};

/** Staff typed with a title row; the first person's ID number went into a number cell and lost its last digits. */
async function damagedStaffWorkbook(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('工作人员');
	sheet.addRow(['城门街道核酸检测工作人员名单']);
	sheet.mergeCells('A1:F1');
	sheet.addRow(['工号', '姓名', '身份证号', '电话', '角色', '所属街道']);
	sheet.addRow(['W-001', '王芳', 360404199001011011, 13800138000, '采样', '城门街道']).getCell(3).numFmt = '0';
	sheet.addRow(['W-002', '李强', '11010519491231002X', 13800138001, '登记', '城门街道']);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Households with dates typed as dates, in a workbook of two sheets that both have the ledger's columns and neither its name. */
async function twoSheetWorkbook(named: boolean): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	for (const name of named ? ['11月29日', '户籍台账'] : ['11月29日', '11月30日']) {
		const sheet = workbook.addWorksheet(name);
		sheet.addRow(['户编号', '街道', '村', '人数', '管控措施', '开始日期', '计划结束日期']);
		const row = sheet.addRow([`OH-${name}`, '城门街道', '红旗村', 3, '集中隔离', new Date(Date.UTC(2026, 10, 29)), new Date(Date.UTC(2026, 11, 6))]);
		for (const column of [6, 7]) row.getCell(column).numFmt = 'yyyy/m/d';
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TWO_SHEETS = 'the workbook has 2 sheets that could be the ledger (11月29日、11月30日): keep only one, or name the sheet to import 户籍';

describe('office-made ledgers through the CLI', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'l1-office-cli-'));
	const dataDir = join(scratch, 'data');
	const ledger = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/ledger.ts', ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }, encoding: 'utf8', timeout: 170_000 });
	beforeAll(() => seedDataDir(dataDir));
	afterAll(() => rmSync(scratch, { recursive: true, force: true }));

	it('imports a sites workbook with a title, a unit row, time cells, totals and notes, and says what it skipped', async () => {
		const file = join(scratch, '采样点台账.xlsx');
		writeFileSync(file, await officeSitesWorkbook());
		const run = ledger('import', 'sites', file);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		for (const line of ['读取工作表“采样点”（共 2 个：填表说明、采样点）', 'read sheet 采样点 (of 2: 填表说明, 采样点)', '表头在第 3 行', 'header on row 3', `跳过第 1 行（标题）：${TITLE}`, 'skipped row 2 (unit): 填报单位：城门街道', '跳过第 7 行（合计行）：合计', 'skipped row 8 (note): 填表人：王芳', '2 rows, 2 good, 0 with problems', '2 created', '新增 2']) expect(run.stdout).toContain(line);
		const exported = join(scratch, 'sites.csv');
		expect(ledger('export', 'sites', exported).status).toBe(0);
		const csv = readFileSync(exported, 'utf8');
		// Full-width code, the trailing space, villages split on ， and a space, times typed as times and as text.
		expect(csv).toContain('OF-001,红旗村采样点,固定采样点,城门街道,白畈村、红旗村,115.83,29.66,WGS-84,2,10合1,08:00,18:00,开放');
		expect(csv).toContain('OF-002,白畈村采样点,临时采样点,城门街道,东村、白畈村,115.84,29.67,WGS-84,1,20合1,08:30,17:00,开放');
	}, 400_000);

	it('refuses an ID number a number cell damaged, in Chinese and English, and writes nothing', async () => {
		const file = join(scratch, '人员.xlsx');
		writeFileSync(file, await damagedStaffWorkbook());
		const run = ledger('import', 'staff', file);
		expect(run.status).toBe(1);
		expect(run.stdout).toContain('表头在第 2 行');
		expect(run.stdout).toContain('第 3 行，身份证号：3604**********1008 被存成了数字，末尾几位已丢失：请把该列设为文本格式后重新输入');
		expect(run.stdout).toContain(`row 3, 身份证号: 3604**********1008 ${LOST_DIGITS}`);
		expect(run.stdout).toContain('没有导入任何数据');
		const exported = join(scratch, 'staff.csv');
		expect(ledger('export', 'staff', exported).status).toBe(0);
		expect(readFileSync(exported, 'utf8').trim().split('\n')).toHaveLength(1);
	}, 400_000);
});

describe('office-made ledgers through the /ledgers import', () => {
	let app: App;
	let cookie: string;
	beforeAll(async () => {
		app = await startTestApp({ SCENARIO: 'none' });
		cookie = (await signedIn(app, 'admin')).cookie;
	});
	afterAll(async () => {
		await app?.close();
	});

	async function runImport(kind: string, body: Buffer, mode: 'validate' | 'import', format: 'xlsx' | 'csv' = 'xlsx') {
		const started = await fetch(`${app.url}/api/ledgers/${kind}/import?mode=${mode}&filename=${kind}.${format}`, { method: 'POST', body: new Uint8Array(body), headers: { cookie } });
		expect(started.status).toBe(202);
		const { id } = await started.json();
		return until(async () => {
			const job = await (await fetch(`${app.url}/api/ledgers/jobs/${id}`, { headers: { cookie } })).json();
			return job.status !== 'running' ? job : undefined;
		}, 'the import job');
	}
	const exportedRows = async (kind: string) => (await (await fetch(`${app.url}/api/ledgers/${kind}.csv`, { headers: { cookie } })).text()).trim().split('\n').length - 1;

	it('checks and imports the sites workbook, the report naming the sheet, the header row and the rows skipped', async () => {
		const file = await officeSitesWorkbook();
		const checked = await runImport('sites', file, 'validate');
		expect(checked.report).toMatchObject({ totalRows: 2, goodRows: 2, badRows: 0, fileErrors: [], issues: [], written: null, shape: SITES_SHAPE });
		const imported = await runImport('sites', file, 'import');
		expect(imported.report.written).toEqual({ created: 2, updated: 0, unchanged: 0 });
		expect(imported.report.shape).toEqual(SITES_SHAPE);
	});

	it('refuses the damaged ID number by its row as Excel numbers it, in both languages, and writes nothing', async () => {
		const job = await runImport('staff', await damagedStaffWorkbook(), 'import');
		expect(job.report).toMatchObject({ totalRows: 2, goodRows: 1, badRows: 1, written: null, shape: { sheet: '工作人员', sheets: ['工作人员'], headerRow: 2, skipped: [{ row: 1, kind: 'title', text: '城门街道核酸检测工作人员名单' }] } });
		expect(job.report.issues).toEqual([{ row: 3, column: '身份证号', value: '3604**********1008', message: LOST_DIGITS }]);
		// The report, which the page shows and the job keeps, names a personal cell masked.
		expect(JSON.stringify(job.report)).not.toContain('360404199001011008');
		expect(ledgerIssueText(job.report.issues[0].message, 'zh-CN')).toBe('被存成了数字，末尾几位已丢失：请把该列设为文本格式后重新输入');
		expect(ledgerIssueText(job.report.issues[0].message, 'en')).toBe('was stored as a number and lost its last digits: format the column as text and type it again');
		expect(await exportedRows('staff')).toBe(0);
	});

	it('refuses two sheets that could both be the ledger, listing them in both languages, and writes nothing', async () => {
		const job = await runImport('households', await twoSheetWorkbook(false), 'import');
		expect(job.report).toMatchObject({ fileErrors: [TWO_SHEETS], issues: [], written: null, shape: { sheet: null, sheets: ['11月29日', '11月30日'], headerRow: 0, skipped: [] } });
		expect(ledgerIssueText(TWO_SHEETS, 'zh-CN')).toBe('工作簿中有 2 个工作表都像是本台账（11月29日、11月30日）：请只保留一个，或把要导入的工作表命名为“户籍”');
		expect(await exportedRows('households')).toBe(0);
	});

	it('reads a CSV saved from an office sheet: rows numbered as Excel shows them, blank lines counted; numbers Excel wrote as 3.60404E+17 refused', async () => {
		const csv = [
			'城门街道户籍台账（2026年11月）,,,,,,',
			'单位：户、人,,,,,,',
			'户编号,街道,村,人数,户主姓名,身份证号,电话',
			'OC-1,城门街道,新村,３,王芳,3.60404E+17,13800138000',
			'',
			'OC-2,城门街道,新村,2,李强,11010519491231002X,1.38001E+10',
			'合计,,,5,,,'
		].join('\r\n');
		const job = await runImport('households', Buffer.from(csv), 'import', 'csv');
		expect(job.report).toMatchObject({
			totalRows: 2,
			goodRows: 0,
			badRows: 2,
			written: null,
			shape: {
				sheet: null,
				sheets: [],
				headerRow: 3,
				skipped: [
					{ row: 1, kind: 'title', text: '城门街道户籍台账（2026年11月）' },
					{ row: 2, kind: 'unit', text: '单位：户、人' },
					{ row: 7, kind: 'total', text: '合计' }
				]
			}
		});
		expect(job.report.issues).toEqual([
			{ row: 4, column: '身份证号', value: '3.60***E+17', message: LOST_DIGITS },
			{ row: 6, column: '电话', value: '1.3****E+10', message: LOST_DIGITS }
		]);
		expect(await (await fetch(`${app.url}/api/ledgers/households.csv`, { headers: { cookie } })).text()).not.toContain('OC-');
	});

	it('takes the sheet named like the ledger of two, with its date cells as dates', async () => {
		const job = await runImport('households', await twoSheetWorkbook(true), 'import');
		expect(job.report).toMatchObject({ fileErrors: [], issues: [], written: { created: 1, updated: 0, unchanged: 0 }, shape: { sheet: '户籍台账', sheets: ['11月29日', '户籍台账'], headerRow: 1, skipped: [] } });
		const csv = await (await fetch(`${app.url}/api/ledgers/households.csv`, { headers: { cookie } })).text();
		expect(csv).toContain('OH-户籍台账,城门街道,红旗村,,集中隔离,3,2026-11-29,2026-12-06');
	});
});
