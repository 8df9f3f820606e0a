import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { bilingualPart, refusalOfContent, refusalOfName, refusalText } from '../../src/lib/ledgers/file-refusal';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
/** An OLE2 compound file as far as the check looks: the magic bytes and a directory naming its streams. */
const ole2With = (stream: string) => Buffer.concat([OLE2, utf16('Root Entry'), Buffer.alloc(50), utf16(stream), Buffer.alloc(64)]);
/** A zip holding one member of that name (a local file header is enough for the check). */
const zipWith = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name), Buffer.from('content')]);

describe('ledger files refused by name', () => {
	it('takes .csv and .xlsx, in any case', () => {
		for (const name of ['采样点.csv', 'sites.XLSX', 'a.b.xlsx']) expect(refusalOfName(name)).toBeNull();
	});

	it('refuses .xls with a message to save it as .xlsx, Chinese first', () => {
		const refusal = refusalOfName('城门街道台账.xls')!;
		expect(refusal.code).toBe('old_excel');
		expect(refusal.zh).toContain('另存为');
		expect(refusal.zh).toContain('.xlsx');
		expect(refusal.en).toMatch(/save it as \.xlsx in Excel or WPS/);
		expect(refusalText(refusal)).toMatch(/^这是旧版 Excel 97–2003 \(\.xls\) 文件.* \/ This is an old Excel 97–2003/);
	});

	it('names what each other file is: WPS .et, Word, PDF, other spreadsheets, archives, anything else', () => {
		expect(refusalOfName('台账.et')!.code).toBe('wps_et');
		expect(refusalOfName('台账.docx')!.code).toBe('word');
		expect(refusalOfName('台账.doc')!.code).toBe('word');
		expect(refusalOfName('台账.pdf')!.code).toBe('pdf');
		expect(refusalOfName('台账.ods')!.code).toBe('other_spreadsheet');
		expect(refusalOfName('台账.zip')!.code).toBe('archive');
		expect(refusalOfName('台账.txt')!.code).toBe('not_a_ledger_file');
		expect(refusalOfName('台账')!.code).toBe('not_a_ledger_file');
		for (const name of ['a.et', 'a.docx', 'a.pdf', 'a.ods', 'a.zip', 'a.txt']) {
			const refusal = refusalOfName(name)!;
			expect(refusal.zh, name).toMatch(/[\u4e00-\u9fff]/);
			expect(refusal.en, name).not.toMatch(/[\u4e00-\u9fff]/);
		}
	});
});

describe('ledger files refused by content', () => {
	it('refuses an Excel 97–2003 file by its OLE2 magic bytes, also when named .xlsx or .csv', () => {
		expect(refusalOfContent(ole2With('Workbook'), 'xlsx')!.code).toBe('old_excel');
		expect(refusalOfContent(ole2With('Book'), 'csv')!.code).toBe('old_excel');
	});

	it('tells an old Word document from an old workbook', () => {
		expect(refusalOfContent(ole2With('WordDocument'), 'xlsx')!.code).toBe('word');
	});

	it('refuses a PDF, a Word .docx and a zip that is no workbook named .xlsx', () => {
		expect(refusalOfContent(Buffer.from('%PDF-1.7\n...'), 'xlsx')!.code).toBe('pdf');
		expect(refusalOfContent(zipWith('word/document.xml'), 'xlsx')!.code).toBe('word');
		expect(refusalOfContent(zipWith('photos/1.jpg'), 'xlsx')!.code).toBe('not_a_workbook');
		expect(refusalOfContent(zipWith('photos/1.jpg'), 'csv')!.code).toBe('archive');
		expect(refusalOfContent(zipWith('xl/workbook.bin'), 'xlsx')!.code).toBe('other_spreadsheet');
	});

	it('takes a real workbook as .xlsx and text as .csv, and says a workbook named .csv should be named .xlsx', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('采样点').addRow(['编号', '名称']);
		const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
		expect(refusalOfContent(xlsx, 'xlsx')).toBeNull();
		expect(refusalOfContent(xlsx, 'csv')!.zh).toContain('改回 .xlsx');
		expect(refusalOfContent(Buffer.from('\uFEFF编号,名称\nS001,城门\n'), 'csv')).toBeNull();
		expect(refusalOfContent(Buffer.alloc(0), 'csv')).toBeNull();
	});
});

describe('bilingualPart', () => {
	it('picks the page language half of a "中文 / English" line, and leaves other text alone', () => {
		const line = refusalText(refusalOfName('a.xls')!);
		expect(bilingualPart(line, 'zh-CN')).toBe(refusalOfName('a.xls')!.zh);
		expect(bilingualPart(line, 'en')).toBe(refusalOfName('a.xls')!.en);
		expect(bilingualPart('the file is not a readable XLSX workbook (end of central directory)', 'zh-CN')).toBeNull();
		expect(bilingualPart('a / b', 'en')).toBeNull();
	});
});
