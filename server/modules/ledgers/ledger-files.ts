/**
 * Ledger files in and out: CSV (UTF-8, or GB18030 as Excel on Chinese Windows saves it) and XLSX
 * (the first worksheet). Everything becomes text cells; the ledger definitions parse them.
 */
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { LedgerTable } from '../../../src/lib/ledgers/validate-ledger';

export type LedgerFormat = 'csv' | 'xlsx';

export function formatOfName(name: string): LedgerFormat | null {
	const lower = name.toLowerCase();
	if (lower.endsWith('.csv')) return 'csv';
	if (lower.endsWith('.xlsx')) return 'xlsx';
	return null;
}

export async function readLedgerFile(content: Buffer, format: LedgerFormat): Promise<LedgerTable> {
	return format === 'csv' ? readCsv(content) : readXlsx(content);
}

function readCsv(content: Buffer): LedgerTable {
	const text = decodeText(content);
	const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
	const [headers = [], ...rows] = records;
	return { headers: headers.map((header) => header.trim()), rows };
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

async function readXlsx(content: Buffer): Promise<LedgerTable> {
	const workbook = new (await excel()).Workbook();
	try {
		await workbook.xlsx.load(content as unknown as ArrayBuffer);
	} catch (error) {
		throw new Error(`the file is not a readable XLSX workbook (${(error as Error).message})`);
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return { headers: [], rows: [] };
	const table: string[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
		const values = row.values as unknown[];
		const cells: string[] = [];
		for (let index = 1; index < values.length; index++) cells.push(cellText(values[index]));
		table[rowNumber - 1] = cells;
	});
	const [headers = [], ...rows] = Array.from(table, (cells) => cells ?? []);
	return { headers: headers.map((header) => header.trim()), rows };
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'object') {
		const cell = value as { richText?: { text: string }[]; text?: string; result?: unknown; formula?: string };
		if (cell.richText) return cell.richText.map((part) => part.text).join('');
		if (cell.formula !== undefined) return cellText(cell.result);
		if (cell.text !== undefined) return String(cell.text);
		return '';
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
