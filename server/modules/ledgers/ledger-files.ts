/**
 * Ledger files in and out: CSV (UTF-8, or GB18030 as Excel on Chinese Windows saves it) and XLSX.
 * Reading gives each sheet's cells as the spreadsheet holds them (text, numbers, dates); the
 * shaping (src/lib/ledgers/table-shape.ts) finds the sheet, the header and the data rows.
 */
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { LedgerTable } from '../../../src/lib/ledgers/validate-ledger';
import { refusalOfContent, refusalText } from '../../../src/lib/ledgers/file-refusal';
import { rowTexts, type RawSheet, type SheetCell } from '../../../src/lib/ledgers/table-shape';

export type LedgerFormat = 'csv' | 'xlsx';

export function formatOfName(name: string): LedgerFormat | null {
	const lower = name.toLowerCase();
	if (lower.endsWith('.csv')) return 'csv';
	if (lower.endsWith('.xlsx')) return 'xlsx';
	return null;
}

/** The file's sheets, cells as held: a CSV is one sheet without a name, every cell text. */
export async function readLedgerSheets(content: Buffer, format: LedgerFormat): Promise<RawSheet[]> {
	// An .xls (OLE2) renamed .xlsx, a PDF or a Word file is refused saying what it is, in both languages.
	const refusal = refusalOfContent(content, format);
	if (refusal) throw new Error(refusalText(refusal));
	return format === 'csv' ? [readCsv(content)] : readXlsx(content);
}

/** The first sheet as a plain table: its first row the headers, every cell as text (a file that is not a ledger, read back in a test). */
export async function readLedgerFile(content: Buffer, format: LedgerFormat): Promise<LedgerTable> {
	const [sheet] = await readLedgerSheets(content, format);
	const [headers = [], ...rows] = Array.from(sheet?.rows ?? [], (cells) => rowTexts(cells));
	return { headers, rows };
}

/** Every record is a row, empty lines too, so that rows are numbered as a spreadsheet opening the file numbers them. */
function readCsv(content: Buffer): RawSheet {
	const text = decodeText(content);
	const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
	return { name: null, rows };
}

/** UTF-8 when the bytes are valid UTF-8; otherwise GB18030 (a superset of GBK). */
function decodeText(content: Buffer): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(content);
	} catch {
		return new TextDecoder('gb18030').decode(content);
	}
}

/** ExcelJS takes seconds to load; a parser that only meets CSV files never loads it. */
const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** The visible worksheets (a hidden one is a template's lists or an old copy the user does not see). */
async function readXlsx(content: Buffer): Promise<RawSheet[]> {
	const workbook = new (await excel()).Workbook();
	try {
		await workbook.xlsx.load(content as unknown as ArrayBuffer);
	} catch (error) {
		throw new Error(`the file is not a readable XLSX workbook (${(error as Error).message})`);
	}
	return workbook.worksheets.filter((sheet) => sheet.state === undefined || sheet.state === 'visible').map((sheet) => {
		const rows: SheetCell[][] = [];
		// A merged cell reads as its first cell's value in every cell it covers (a 街道 merged down its rows).
		sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
			const values = row.values as unknown[];
			const cells: SheetCell[] = [];
			for (let index = 1; index < values.length; index++) cells.push(sheetCell(values[index], () => row.getCell(index).numFmt ?? ''));
			rows[rowNumber - 1] = cells;
		});
		return { name: sheet.name, rows };
	});
}

function sheetCell(value: unknown, numFmt: () => string): SheetCell {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return { date: value, numFmt: numFmt() };
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'object') {
		const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; formula?: string; sharedFormula?: string; error?: string };
		if (cell.richText) return cell.richText.map((part) => part.text).join('');
		if (cell.formula !== undefined || cell.sharedFormula !== undefined) return sheetCell(cell.result, numFmt);
		if (cell.error !== undefined) return String(cell.error);
		if (cell.text !== undefined) return sheetCell(cell.text, numFmt);
		return null;
	}
	return String(value);
}

export async function writeLedgerFile(table: LedgerTable, format: LedgerFormat, sheetName: string): Promise<Buffer> {
	if (format === 'csv') {
		// The BOM makes Excel read the file as UTF-8.
		return Buffer.from('\uFEFF' + stringify([table.headers, ...table.rows]), 'utf8');
	}
	const workbook = new (await excel()).Workbook();
	const sheet = workbook.addWorksheet(sheetName);
	sheet.addRow(table.headers).font = { bold: true };
	// Every cell is written as text, so ID numbers and phone numbers keep all their digits.
	for (const row of table.rows) sheet.addRow(row);
	sheet.columns.forEach((column) => {
		column.width = 14;
		column.numFmt = '@';
	});
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
