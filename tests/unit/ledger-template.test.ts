import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { LEDGERS, LEDGER_KINDS } from '../../src/lib/ledgers/definitions';
import { displayWidth, isLongDigitColumn, isNumericColumn, writeLedgerTemplate } from '../../server/modules/ledgers/ledger-template';

async function open(buffer: Buffer) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook.worksheets[0];
}

describe('ledger templates', () => {
	it('has every ledger’s headers in its first row, and nothing below', async () => {
		for (const kind of LEDGER_KINDS) {
			const sheet = await open(await writeLedgerTemplate(kind));
			expect(sheet.name, kind).toBe(LEDGERS[kind].zh);
			expect((sheet.getRow(1).values as unknown[]).slice(1), kind).toEqual(LEDGERS[kind].columns.map((column) => column.zh));
			expect(sheet.actualRowCount, kind).toBe(1);
		}
		const english = await open(await writeLedgerTemplate('staff', 'en'));
		expect((english.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGERS.staff.columns.map((column) => column.en));
	});

	it('formats the ID-number and phone columns as text far down the sheet, and leaves numeric columns General', async () => {
		const sheet = await open(await writeLedgerTemplate('households'));
		const columnOf = (zh: string) => LEDGERS.households.columns.findIndex((column) => column.zh === zh) + 1;
		for (const zh of ['身份证号', '电话', '户编号', '责任人工号']) {
			for (const row of [2, 100, 1000, 5000]) expect(sheet.getCell(row, columnOf(zh)).numFmt, `${zh} row ${row}`).toBe('@');
		}
		for (const zh of ['经度', '纬度', '人数']) expect(sheet.getCell(2, columnOf(zh)).numFmt, zh).not.toBe('@');
		// The header row itself is not text-formatted, and the text columns say why in a note.
		expect(sheet.getCell(1, columnOf('身份证号')).numFmt).not.toBe('@');
		expect(JSON.stringify(sheet.getCell(1, columnOf('身份证号')).note)).toContain('文本格式');
		expect(sheet.getCell(1, columnOf('人数')).note).toBeUndefined();
	});

	it('offers the listed values of a column as a drop-down (类型, 混采, 是/否), warning of another, and none on a free column', async () => {
		const sites = await open(await writeLedgerTemplate('sites'));
		const siteColumn = (zh: string) => LEDGERS.sites.columns.findIndex((column) => column.zh === zh) + 1;
		for (const row of [2, 5001]) {
			expect(sites.getCell(row, siteColumn('类型')).dataValidation, `row ${row}`).toMatchObject({ type: 'list', allowBlank: true, errorStyle: 'warning', formulae: [expect.stringContaining('固定采样点')] });
		}
		expect(sites.getCell(2, siteColumn('混采')).dataValidation?.formulae?.[0]).toContain('10合1');
		expect(sites.getCell(2, siteColumn('编号')).dataValidation).toBeUndefined();
		const households = await open(await writeLedgerTemplate('households'));
		const room = LEDGERS.households.columns.findIndex((column) => column.zh === '独立房间') + 1;
		expect(households.getCell(2, room).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
		expect(households.actualRowCount).toBe(1);
	});

	it('keeps an 18-digit ID number typed into the template whole through a save', async () => {
		const sheet = await open(await writeLedgerTemplate('staff'));
		const id = LEDGERS.staff.columns.findIndex((column) => column.key === 'idNumber') + 1;
		sheet.getCell(2, id).value = '360404199001011239';
		const saved = await open(Buffer.from(await sheet.workbook.xlsx.writeBuffer()));
		expect(saved.getCell(2, id).value).toBe('360404199001011239');
		expect(saved.getCell(2, id).numFmt).toBe('@');
	});

	it('sizes columns for their Chinese headers', async () => {
		expect(displayWidth('日检测能力(管)')).toBe(14);
		const sheet = await open(await writeLedgerTemplate('labs'));
		LEDGERS.labs.columns.forEach((column, index) => expect(sheet.getColumn(index + 1).width, column.zh).toBeGreaterThanOrEqual(displayWidth(column.zh) + 2));
	});

	it('tells numeric columns and long-digit columns apart by their parsers', () => {
		const byKey = (kind: keyof typeof LEDGERS, key: string) => LEDGERS[kind].columns.find((column) => column.key === key)!;
		expect(isNumericColumn(byKey('sites', 'longitude'))).toBe(true);
		expect(isNumericColumn(byKey('sites', 'desks'))).toBe(true);
		expect(isNumericColumn(byKey('staff', 'idNumber'))).toBe(false);
		expect(isNumericColumn(byKey('sites', 'opensAt'))).toBe(false);
		expect(isLongDigitColumn(byKey('staff', 'phone'))).toBe(true);
		expect(isLongDigitColumn(byKey('vehicles', 'tracker'))).toBe(true);
		expect(isLongDigitColumn(byKey('vehicles', 'permitNumber'))).toBe(true);
		expect(isLongDigitColumn(byKey('staff', 'name'))).toBe(false);
	});
});
