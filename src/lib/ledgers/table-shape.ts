/**
 * The shape of a ledger file as township offices make it (issue 17): which sheet of a workbook
 * holds the ledger, which row is its header (a title, a unit row or blank rows may sit above it),
 * and which rows are not data (totals, notes). Pure functions; the report names each choice.
 */
import { cellKindOf, narrow, type CellKind } from './fields';
import type { LedgerDefinition } from './ledger';
import { matchHeaders, trimCell, type LedgerTable } from './validate-ledger';

/** A row that is not data, skipped and named in the report. */
export interface SkippedRow {
	/** The row as the spreadsheet numbers it (the first row is 1). */
	row: number;
	/** title: above the header (a title or subtitle); blank: an empty row above the header; unit: "单位：人"; total: 合计 / 小计 / 总计; note: 备注：…, 填表人：… */
	/** group: the upper row of a two-row header (隔离信息 merged over 开始日期 and 计划结束日期). */
	kind: 'title' | 'blank' | 'unit' | 'total' | 'note' | 'group';
	/** The row's first non-empty cell, cut to 40 characters ('' for a blank row). */
	text: string;
}

/** What the import made of the file's layout; the ledger page and the CLI show it. */
export interface TableShape {
	/** The worksheet read; null for CSV (and for a table built in memory). */
	sheet: string | null;
	/** Every visible worksheet of the workbook, in order; [] for CSV. */
	sheets: string[];
	/** The row taken as the header (of a two-row header, the lower), as the spreadsheet numbers it; 0 when no sheet was taken (two could be the ledger: see fileErrors). */
	headerRow: number;
	skipped: SkippedRow[];
	/** Headers of the file that are no column of this ledger (序号, 备注 …): not imported, and said so, so a misspelt column is not lost unseen. */
	ignoredColumns: string[];
}

/** The shape of a table built in memory (a scenario): the header on row 1, nothing skipped. */
export const PLAIN_SHAPE: TableShape = { sheet: null, sheets: [], headerRow: 1, skipped: [], ignoredColumns: [] };

/**
 * A cell as a spreadsheet holds it: text, a number, a boolean, or a date/time (an Excel serial
 * carries no zone: the Date's UTC fields are the wall clock typed, China time) with the number
 * format that shows it. null is an empty cell.
 */
export type SheetCell = string | number | boolean | null | undefined | SheetDate;
export interface SheetDate {
	date: Date;
	/** The cell's number format ('yyyy/m/d h:mm'); '' when not known. */
	numFmt: string;
}

/** A worksheet as read: rows[i] is the spreadsheet's row i + 1 (a missing row is empty). */
export interface RawSheet {
	/** null for a CSV file. */
	name: string | null;
	rows: (SheetCell[] | undefined)[];
}

/** A sheet made into the ledger's table: the header's cells, and each data row with its number. */
export interface ShapedLedger {
	table: LedgerTable;
	shape: TableShape;
	/** Problems with the file as a whole (two sheets could be the ledger); nothing can be imported. */
	fileErrors: string[];
}

/** A column that only numbers the rows (序号 in almost every office's sheet): not worth naming as not imported. */
const ROW_NUMBER_HEADERS = new Set(['序号', '编号序号', 'no', 'no.', '#']);

/** The header is looked for among this many rows at the top of a sheet. */
export const HEADER_SEARCH_ROWS = 10;


const pad = (n: number) => String(n).padStart(2, '0');
const isSheetDate = (cell: SheetCell): cell is SheetDate => typeof cell === 'object' && cell !== null && cell.date instanceof Date;

/** Whether a number format shows the time of day (h or s outside quoted text and [colour] codes). */
export function formatShowsTime(numFmt: string): boolean {
	return /[hs]/i.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/**
 * A typed cell as the text its column parses. Dates and times (decided here, said in README):
 * - a time-of-day cell (Excel's day 0, 1899-12-30) is HH:MM; in a date or date-time column it
 *   stays HH:MM and is refused there, a time without its day;
 * - a date cell is YYYY-MM-DD; in a time column it is refused (a day without its time);
 * - a date-time cell is "YYYY-MM-DD HH:MM" (":SS" when it has seconds); in a date column it gives
 *   its day; in a time column it is refused, not cut to its time: opening hours are not a moment;
 * - a date cell (midnight, shown without a time) in a date-time column stays YYYY-MM-DD, which
 *   the column reads as the start of that day, China time (offices type 返乡时间 as a date).
 * A number in a time column below 1 is a time of day whose format was lost (0.5 = 12:00). A whole
 * number of 15 digits or more in a text column (an ID number, a phone, a code) has lost digits:
 * `damaged` says so and the row is refused.
 */
export function cellText(cell: SheetCell, kind: CellKind): { text: string; damaged?: true } {
	if (cell === null || cell === undefined) return { text: '' };
	if (typeof cell === 'string') return { text: trimCell(cell) };
	if (typeof cell === 'boolean') return { text: cell ? '是' : '否' };
	if (typeof cell === 'number') {
		if (kind === 'time' && cell >= 0 && cell < 1) return { text: timeOfDay(Math.round(cell * 86_400)) };
		if (kind !== 'number' && Number.isInteger(cell) && Math.abs(cell) >= 1e15) return { text: BigInt(cell).toString(), damaged: true };
		return { text: String(cell) };
	}
	if (!isSheetDate(cell) || Number.isNaN(cell.date.getTime())) return { text: '' };
	const seconds = Math.round(cell.date.getTime() / 1000);
	const whole = new Date(seconds * 1000);
	const day = `${whole.getUTCFullYear()}-${pad(whole.getUTCMonth() + 1)}-${pad(whole.getUTCDate())}`;
	const ofDay = ((seconds % 86_400) + 86_400) % 86_400;
	if (day === '1899-12-30') return { text: timeOfDay(ofDay) };
	const withTime = ofDay !== 0 || formatShowsTime(cell.numFmt);
	if (!withTime) return { text: day };
	if (kind === 'date') return { text: day };
	return { text: `${day} ${timeOfDay(ofDay, kind !== 'time')}` };
}

function timeOfDay(seconds: number, withSeconds = false): string {
	const text = `${pad(Math.floor(seconds / 3600) % 24)}:${pad(Math.floor(seconds / 60) % 60)}`;
	return withSeconds && seconds % 60 !== 0 ? `${text}:${pad(seconds % 60)}` : text;
}

/** A row's cells as text, as a header reads them. */
export const rowTexts = (cells: SheetCell[] | undefined): string[] => (cells ?? []).map((cell) => cellText(cell, 'text').text);
const filled = (texts: string[]) => texts.filter((text) => text !== '');
const squash = (text: string) => narrow(text).replace(/\s+/g, '');

const TOTAL = /^(合计|小计|总计|共计|总合计)([:：(（]|$)/;
const NOTE = /^(备注|附注|注\d*|说明|填表人|填报人|填表|审核人|审核|审批人|制表人|制表|统计人|负责人|联系人|联系电话|填表日期|填报日期|制表日期|统计日期|填报单位|填表单位)(\s*[:：]|\s+|$)/;
const UNIT = /^[(（]?(计量)?单位[:：]/;

/** A row below the header that is not data: a totals row (合计 in its first cells) or a note at the foot. */
export function footRowKind(row: string[]): 'total' | 'note' | null {
	let first: string | undefined;
	for (const text of row) {
		if (text === '') continue;
		if (TOTAL.test(squash(text))) return 'total';
		if (first !== undefined) break;
		first = text;
	}
	return first !== undefined && NOTE.test(narrow(first)) ? 'note' : null;
}

/** A row above the header: blank, a unit row ("单位：人" in any of its cells) or a title. */
export function headRowKind(row: string[]): 'blank' | 'unit' | 'title' {
	const texts = filled(row);
	if (texts.length === 0) return 'blank';
	return texts.some((text) => UNIT.test(squash(text))) ? 'unit' : 'title';
}

/**
 * A skipped row as the report quotes it: its first filled cell, any run of 7 or more digits masked,
 * cut to 40 characters (a notes row often carries the preparer's phone or an ID number, and
 * the report is shown on the page, printed by the CLI and kept with the job).
 */
const skippedText = (row: string[]) => Array.from(maskDigitRuns(filled(row)[0] ?? '')).slice(0, 40).join('');
const maskDigitRuns = (text: string) => text.replace(/\d{7,}/g, (digits) => `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`);

/**
 * The header among a sheet's first rows: the first with every required column; else the one that
 * names the most. A header may span two rows (多级表头: a group name merged over the columns under
 * it, the other names merged down both rows): when the row below completes it (the two read
 * together, the lower row's name where it has one, name more of the ledger's columns), both are
 * the header. `rows` is then 2 and `headers` the names read together.
 */
export function findHeaderRow(definition: LedgerDefinition<unknown>, rows: RawSheet['rows']): { index: number; rows: 1 | 2; headers: string[]; complete: boolean; recognised: number } {
	let best: ReturnType<typeof findHeaderRow> | null = null;
	for (let index = 0; index < Math.min(HEADER_SEARCH_ROWS, rows.length); index++) {
		const upper = rowTexts(rows[index]);
		if (upper.every((header) => header === '')) continue;
		const one = matchHeaders(definition, upper);
		let found: ReturnType<typeof findHeaderRow> = { index, rows: 1, headers: upper, complete: one.fileErrors.length === 0, recognised: one.positions.size };
		const lower = index + 1 < rows.length ? rowTexts(rows[index + 1]) : [];
		if (one.positions.size > 0 && lower.some((text) => text !== '')) {
			const together = Array.from({ length: Math.max(upper.length, lower.length) }, (_, column) => lower[column] || upper[column] || '');
			const two = matchHeaders(definition, together);
			const keepsAll = [...one.positions.keys()].every((key) => two.positions.has(key));
			if (keepsAll && two.positions.size > one.positions.size) found = { index, rows: 2, headers: together, complete: two.fileErrors.length === 0, recognised: two.positions.size };
		}
		if (found.complete) return found;
		if (best === null || found.recognised > best.recognised) best = found;
	}
	return best ?? { index: 0, rows: 1, headers: rowTexts(rows[0]), complete: false, recognised: 0 };
}

/** What a sheet holding each ledger is called (besides the ledger's own names). */
const SHEET_NAMES: Record<string, string[]> = {
	sites: ['采样点'],
	staff: ['人员'],
	vehicles: ['车辆'],
	labs: ['实验室', '中转站'],
	households: ['户籍', '隔离'],
	returnees: ['返乡'],
	zones: ['风险区'],
	roster: ['花名册']
};

/** Whether a sheet's name says it holds this ledger (采样点, 人员, 户籍 …, or the ledger's English kind). */
export function sheetNamedLike(definition: LedgerDefinition<unknown>, name: string | null): boolean {
	if (name === null) return false;
	const compact = squash(name).toLowerCase();
	const words = [...(SHEET_NAMES[definition.kind] ?? []), definition.zh, definition.kind, definition.en.toLowerCase()];
	return words.some((word) => compact.includes(squash(word).toLowerCase()));
}

/** The name a sheet should have to be taken for this ledger, as the refusal suggests it. */
export const sheetNameFor = (definition: LedgerDefinition<unknown>) => SHEET_NAMES[definition.kind]?.[0] ?? definition.zh;

/**
 * The worksheet that holds the ledger: the only one with a recognisable header (every required
 * column among its first rows), or of several such the one named like the ledger. Several with
 * none (or more than one) so named is refused, naming them: guessing could import the wrong table.
 * When no sheet has the ledger's header, the one named like it (else the one that names the most
 * columns, else the first) is taken, and its missing columns are reported.
 */
export function chooseSheet(definition: LedgerDefinition<unknown>, sheets: RawSheet[]): { sheet: RawSheet; header: ReturnType<typeof findHeaderRow> } | { error: string } | null {
	if (sheets.length === 0) return null;
	const found = sheets.map((sheet) => ({ sheet, header: findHeaderRow(definition, sheet.rows) }));
	const complete = found.filter((each) => each.header.complete);
	if (complete.length === 1) return complete[0];
	if (complete.length > 1) {
		const named = complete.filter((each) => sheetNamedLike(definition, each.sheet.name));
		if (named.length === 1) return named[0];
		// Several already named like the ledger: naming one so would not tell them apart.
		if (named.length > 1) return { error: `the workbook has ${named.length} sheets named like the ledger (${named.map((each) => each.sheet.name ?? '').join('、')}): keep only the one to import` };
		return { error: `the workbook has ${complete.length} sheets that could be the ledger (${complete.map((each) => each.sheet.name ?? '').join('、')}): keep only one, or name the sheet to import ${sheetNameFor(definition)}` };
	}
	const named = found.find((each) => sheetNamedLike(definition, each.sheet.name));
	if (named) return named;
	return found.reduce((best, each) => (each.header.recognised > best.header.recognised ? each : best));
}

/**
 * A file's sheets made into the ledger's table: the sheet chosen, the header found, rows above it
 * named (title, blank, unit), totals and notes below it named and left out, blank rows left out,
 * each typed cell made the text its column reads (cellText), and every row numbered as the
 * spreadsheet numbers it.
 */
export function shapeLedger(definition: LedgerDefinition<unknown>, sheets: RawSheet[]): ShapedLedger {
	const names = sheets.flatMap((sheet) => (sheet.name === null ? [] : [sheet.name]));
	const chosen = chooseSheet(definition, sheets);
	if (chosen === null) return { table: { headers: [], rows: [] }, shape: { sheet: null, sheets: names, headerRow: 1, skipped: [], ignoredColumns: [] }, fileErrors: [] };
	if ('error' in chosen) return { table: { headers: [], rows: [] }, shape: { sheet: null, sheets: names, headerRow: 0, skipped: [], ignoredColumns: [] }, fileErrors: [chosen.error] };
	const { sheet, header } = chosen;
	const skipped: SkippedRow[] = [];
	for (let index = 0; index < header.index; index++) {
		const texts = rowTexts(sheet.rows[index]);
		skipped.push({ row: index + 1, kind: headRowKind(texts), text: skippedText(texts) });
	}
	// The upper row of a two-row header is named as such; the names read together are the header.
	if (header.rows === 2) skipped.push({ row: header.index + 1, kind: 'group', text: skippedText(rowTexts(sheet.rows[header.index])) });
	const headers = header.headers;
	const { positions } = matchHeaders(definition, headers);
	const taken = new Set([...positions.values()].map((position) => position.index));
	const ignoredColumns = headers.filter((text, index) => text !== '' && !taken.has(index) && !ROW_NUMBER_HEADERS.has(squash(text).toLowerCase()));
	const kinds: CellKind[] = headers.map(() => 'text');
	for (const column of definition.columns) {
		const position = positions.get(column.key);
		if (position) kinds[position.index] = cellKindOf(column.parse);
	}
	const rows: string[][] = [];
	const rowNumbers: number[] = [];
	const damaged = new Map<number, Set<number>>();
	for (let index = header.index + header.rows; index < sheet.rows.length; index++) {
		const cells = sheet.rows[index];
		if (!cells || cells.length === 0) continue;
		const texts: string[] = [];
		let empty = true;
		let lost: Set<number> | undefined;
		for (let column = 0; column < cells.length; column++) {
			const read = cellText(cells[column], kinds[column] ?? 'text');
			texts.push(read.text);
			if (read.text !== '') empty = false;
			if (read.damaged) (lost ??= new Set()).add(column);
		}
		if (empty) continue;
		const foot = footRowKind(texts);
		if (foot) {
			skipped.push({ row: index + 1, kind: foot, text: skippedText(texts) });
			continue;
		}
		if (lost) damaged.set(rows.length, lost);
		rows.push(texts);
		rowNumbers.push(index + 1);
	}
	return { table: { headers, rows, rowNumbers, damaged }, shape: { sheet: sheet.name, sheets: names, headerRow: header.index + header.rows, skipped, ignoredColumns }, fileErrors: [] };
}
