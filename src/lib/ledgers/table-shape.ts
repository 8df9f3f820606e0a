/**
 * The shape of a ledger file as township offices make it (issue 17): which sheet of a workbook
 * holds the ledger, which row is its header (a title, a unit row or blank rows may sit above it),
 * and which rows are not data (totals, notes). Pure functions; the report names each choice.
 */

/** A row that is not data, skipped and named in the report. */
export interface SkippedRow {
	/** The row as the spreadsheet numbers it (the first row is 1). */
	row: number;
	/** title: above the header (a title or subtitle); blank: an empty row above the header; unit: "单位：人"; total: 合计 / 小计 / 总计; note: 备注：…, 填表人：… */
	kind: 'title' | 'blank' | 'unit' | 'total' | 'note';
	/** The row's first non-empty cell, cut to 40 characters ('' for a blank row). */
	text: string;
}

/** What the import made of the file's layout; the ledger page and the CLI show it. */
export interface TableShape {
	/** The worksheet read; null for CSV (and for a table built in memory). */
	sheet: string | null;
	/** Every worksheet of the workbook, in order; [] for CSV. */
	sheets: string[];
	/** The row taken as the header, as the spreadsheet numbers it. */
	headerRow: number;
	skipped: SkippedRow[];
}

/** The shape of a table built in memory (a scenario): the header on row 1, nothing skipped. */
export const PLAIN_SHAPE: TableShape = { sheet: null, sheets: [], headerRow: 1, skipped: [] };
