/**
 * Checks a ledger table before anything is written: which header means which column, then every
 * cell of every row. The report names the row as the spreadsheet numbers it (header = row 1)
 * and the column by the header in the file.
 */
import type { LedgerDefinition } from './ledger';

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
	const fileErrors: string[] = [];
	const positions = new Map<string, { index: number; header: string }>();
	const byHeader = new Map<string, string>();
	for (const column of definition.columns) {
		byHeader.set(normalize(column.zh), column.key);
		byHeader.set(normalize(column.en), column.key);
	}
	table.headers.forEach((header, index) => {
		const key = byHeader.get(normalize(header));
		if (!key) return;
		if (positions.has(key)) fileErrors.push(`columns ${positions.get(key)!.header} and ${header} are the same column`);
		else positions.set(key, { index, header: header.trim() });
	});
	for (const column of definition.columns) {
		if (column.required && !positions.has(column.key)) fileErrors.push(`column ${column.zh} (${column.en}) is missing`);
	}
	if (fileErrors.length > 0) return { fileErrors, records: [], issues: [], badRows: 0, totalRows: table.rows.length };

	const records: { row: number; record: R }[] = [];
	const issues: LedgerIssue[] = [];
	const firstRowOfKey = new Map<string, number>();
	let badRows = 0;
	table.rows.forEach((cells, index) => {
		const row = index + 2;
		if (cells.every((cell) => cell.trim() === '')) return;
		const record: Record<string, unknown> = {};
		const rowIssues: LedgerIssue[] = [];
		const headerOf = (key: string) => positions.get(key)?.header ?? definition.columns.find((column) => column.key === key)!.zh;
		for (const column of definition.columns) {
			const position = positions.get(column.key);
			const value = position ? (cells[position.index] ?? '').trim() : '';
			if (value === '') {
				if (column.required) rowIssues.push({ row, column: headerOf(column.key), value, message: 'is required' });
				record[column.key] = null;
				continue;
			}
			const parsed = column.parse(value);
			if (parsed.ok) record[column.key] = parsed.value;
			else rowIssues.push({ row, column: headerOf(column.key), value, message: parsed.message });
		}
		if (rowIssues.length === 0) {
			const problem = definition.check?.(record as R);
			if (problem) rowIssues.push({ row, column: headerOf(problem.key), value: String(cells[positions.get(problem.key)?.index ?? -1] ?? '').trim(), message: problem.message });
		}
		if (rowIssues.length === 0) {
			const key = String(record[definition.key]);
			const first = firstRowOfKey.get(key);
			if (first !== undefined) rowIssues.push({ row, column: headerOf(definition.key), value: key, message: `appears already in row ${first}` });
			else firstRowOfKey.set(key, row);
		}
		if (rowIssues.length > 0) {
			badRows++;
			issues.push(...rowIssues);
		} else {
			records.push({ row, record: record as R });
		}
	});
	return { fileErrors, records, issues, badRows, totalRows: table.rows.length };
}
