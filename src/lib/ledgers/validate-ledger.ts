/**
 * Checks a ledger table before anything is written: which header means which column, then every
 * cell of every row. The report names the row as the spreadsheet numbers it (header = row 1)
 * and the column by the header in the file.
 */
import type { LedgerDefinition } from './ledger';
import { unescapeCell } from './cell-escaping';

export interface LedgerTable {
	headers: string[];
	rows: string[][];
}

export interface LedgerIssue {
	row: number;
	column: string;
	value: string;
	message: string;
}

export interface LedgerValidation<R> {
	/** Problems with the file as a whole (a missing required column); nothing can be imported. */
	fileErrors: string[];
	records: { row: number; record: R }[];
	issues: LedgerIssue[];
	/** Rows with at least one issue. */
	badRows: number;
	totalRows: number;
}

const normalize = (header: string) => header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s_]+/g, '_');

export function describeIssue(issue: LedgerIssue): string {
	return `row ${issue.row}, ${issue.column}: ${issue.value === '' ? '(empty)' : issue.value} ${issue.message}`;
}

export function validateLedger<R>(definition: LedgerDefinition<R>, table: LedgerTable): LedgerValidation<R> {
	const checker = new LedgerRowChecker(definition, table.headers);
	if (checker.fileErrors.length > 0) return { fileErrors: checker.fileErrors, records: [], issues: [], badRows: 0, totalRows: table.rows.length };
	const records: { row: number; record: R }[] = [];
	const issues: LedgerIssue[] = [];
	let badRows = 0;
	table.rows.forEach((cells, index) => {
		const checked = checker.check(index + 2, cells);
		if (checked === null) return;
		if ('record' in checked) records.push(checked);
		else {
			badRows++;
			issues.push(...checked.issues);
		}
	});
	return { fileErrors: [], records, issues, badRows, totalRows: table.rows.length };
}

/**
 * Checks rows one at a time, so that a large file can be checked as it is read, in slices, or in a
 * worker thread. It remembers the keys it has seen, to refuse a key that appears twice.
 */
export class LedgerRowChecker<R> {
	/** Problems with the headers; while there are any, check() must not be called. */
	readonly fileErrors: string[] = [];
	#definition: LedgerDefinition<R>;
	#positions = new Map<string, { index: number; header: string }>();
	#firstRowOfKey = new Map<string, number>();

	constructor(definition: LedgerDefinition<R>, headers: string[]) {
		this.#definition = definition;
		const byHeader = new Map<string, string>();
		for (const column of definition.columns) {
			byHeader.set(normalize(column.zh), column.key);
			byHeader.set(normalize(column.en), column.key);
		}
		headers.forEach((header, index) => {
			const key = byHeader.get(normalize(header));
			if (!key) return;
			if (this.#positions.has(key)) this.fileErrors.push(`columns ${this.#positions.get(key)!.header} and ${header} are the same column`);
			else this.#positions.set(key, { index, header: header.trim() });
		});
		for (const column of definition.columns) {
			if (column.required && !this.#positions.has(column.key)) this.fileErrors.push(`column ${column.zh} (${column.en}) is missing`);
		}
	}

	/** A row as the spreadsheet numbers it (header = row 1): its record, its issues, or null when it is empty. */
	check(row: number, cells: string[]): { row: number; record: R } | { row: number; issues: LedgerIssue[] } | null {
		if (cells.every((cell) => cell.trim() === '')) return null;
		const definition = this.#definition;
		const positions = this.#positions;
		const record: Record<string, unknown> = {};
		const issues: LedgerIssue[] = [];
		const headerOf = (key: string) => positions.get(key)?.header ?? definition.columns.find((column) => column.key === key)!.zh;
		for (const column of definition.columns) {
			const position = positions.get(column.key);
			// A cell an export quoted against formula injection (cell-escaping.ts) reads back as it was.
			const value = position ? unescapeCell((cells[position.index] ?? '').trim()) : '';
			if (value === '') {
				if (column.required) issues.push({ row, column: headerOf(column.key), value, message: 'is required' });
				record[column.key] = null;
				continue;
			}
			const parsed = column.parse(value);
			if (parsed.ok) record[column.key] = parsed.value;
			else issues.push({ row, column: headerOf(column.key), value, message: parsed.message });
		}
		if (issues.length === 0) {
			const problem = definition.check?.(record as R);
			if (problem) issues.push({ row, column: headerOf(problem.key), value: String(cells[positions.get(problem.key)?.index ?? -1] ?? '').trim(), message: problem.message });
		}
		if (issues.length === 0) {
			const key = definition.keyOf ? definition.keyOf(record as R) : String(record[definition.key]);
			const first = this.#firstRowOfKey.get(key);
			if (first !== undefined) issues.push({ row, column: headerOf(definition.key), value: key, message: `appears already in row ${first}` });
			else this.#firstRowOfKey.set(key, row);
		}
		return issues.length > 0 ? { row, issues } : { row, record: record as R };
	}
}
