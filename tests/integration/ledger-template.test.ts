import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { exportLedger } from '../../server/modules/ledgers/export-ledger';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { writeLedgerTemplate } from '../../server/modules/ledgers/ledger-template';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { backends, type Stack } from '../fixtures/backends';

/** Opens a template as a person would, types rows into it as text, and saves it. */
async function fillIn(template: Buffer, rows: Record<string, string>[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(template as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	const headers = (sheet.getRow(1).values as string[]).slice(1);
	rows.forEach((row, index) => {
		for (const [header, value] of Object.entries(row)) sheet.getCell(index + 2, headers.indexOf(header) + 1).value = value;
	});
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(backends('ledger-template'))('a ledger typed into the template ($name)', (backend) => {
	let stack: Stack;
	beforeEach(async () => {
		stack = await backend.open();
	});
	afterEach(async () => {
		await stack.teardown();
	});
	const importXlsx = (kind: 'staff' | 'households', content: Buffer) => importLedger({ db: stack.database.db, input: { kind, mode: 'import', crs: 'wgs84', by: 'test', file: { content, format: 'xlsx' } } });

	it('imports back with its 18-digit ID numbers and phones whole', async () => {
		const filled = await fillIn(await writeLedgerTemplate('staff'), [
			{ 工号: 'T-901', 姓名: '张伟', 身份证号: '360404199001011239', 电话: '13800138000', 角色: '采样', 所属街道: '城门街道' },
			{ 工号: 'T-902', 姓名: '李娜', 身份证号: '360404198506120049', 电话: '07928123456', 角色: '登记', 所属街道: '城门街道' }
		]);
		const report = await importXlsx('staff', filled);
		expect(report.fileErrors).toEqual([]);
		expect(report.issues).toEqual([]);
		expect(report).toMatchObject({ totalRows: 2, goodRows: 2, written: { created: 2, updated: 0, unchanged: 0 } });
		const exported = (await exportLedger({ db: stack.database.db, kind: 'staff', format: 'csv', personal: 'full', actor: 'test' })).toString('utf8');
		expect(exported).toContain('T-901,张伟,360404199001011239,13800138000');
		expect(exported).toContain('T-902,李娜,360404198506120049,07928123456');
	});

	it('imports an empty template as no rows and no problems', async () => {
		const report = await importXlsx('households', await writeLedgerTemplate('households'));
		expect(report).toMatchObject({ fileErrors: [], issueCount: 0, totalRows: 0, goodRows: 0 });
		expect(LEDGERS.households.columns.length).toBeGreaterThan(0);
	});
});
