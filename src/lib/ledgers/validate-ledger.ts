/**
 * Checks a ledger table before anything is written: which header means which column, then every
 * cell of every row. The report names the row as the spreadsheet numbers it (header = row 1)
 * and the column by the header in the file.
 */
import type { LedgerDefinition } from './ledger';
import { unescapeCell } from './cell-escaping';
import { LOST_DIGITS, narrow } from './fields';
import { MASKS } from '../domain/masking';

export interface LedgerTable {
	headers: string[];
	rows: string[][];
	/** Each row's number in the spreadsheet; by default the header is row 1 and rows follow it. */
	rowNumbers?: number[];
	/** Cells (by index into rows, then column) that held a number too long to keep its digits. */
	damaged?: Map<number, Set<number>>;
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

/** Trimmed, with the ideographic space, no-break space and zero-width characters. */
export function trimCell(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') return trimmed;
	const first = trimmed.charCodeAt(0);
	const last = trimmed.charCodeAt(trimmed.length - 1);
	// String.trim takes the ideographic and no-break spaces and the BOM; the zero-width ones only here, when there are any.
	return (first >= 0x200b && first <= 0x200d) || (last >= 0x200b && last <= 0x200d) ? trimmed.replace(/^[\s\u200B-\u200D]+|[\s\u200B-\u200D]+$/g, '') : trimmed;
}

const normalize = (header: string) => narrow(trimCell(header)).trim().toLowerCase().replace(/[\s_]+/g, '_');
/** A header as typed by hand: spaces inside (姓  名), a required mark (*编号, 编号*), a line break. */
const squashed = (header: string) => normalize(header).replace(/_/g, '').replace(/^\*+|\*+$/g, '');
/** And with a hint after it in brackets: 开始时间(HH:MM), 身份证号（18位）. */
const unhinted = (header: string) => squashed(header).replace(/[(（][^()（）]*[)）]$/, '');

/**
 * Which header of a file is which column of the ledger: by its Chinese or English name, as typed
 * or with spaces inside, a * mark or a bracketed hint. fileErrors: a required column missing, or
 * two headers naming one column.
 */
export function matchHeaders(definition: LedgerDefinition<unknown>, headers: string[]): { positions: Map<string, { index: number; header: string }>; fileErrors: string[] } {
	const exact = new Map<string, string>();
	const loose = new Map<string, string>();
	for (const column of definition.columns) {
		for (const name of [column.zh, column.en]) {
			exact.set(normalize(name), column.key);
			loose.set(squashed(name), column.key);
		}
	}
	const positions = new Map<string, { index: number; header: string }>();
	const fileErrors: string[] = [];
	headers.forEach((header, index) => {
		if (trimCell(header) === '') return;
		const key = exact.get(normalize(header)) ?? loose.get(squashed(header)) ?? loose.get(unhinted(header));
		if (!key) return;
		if (positions.has(key)) fileErrors.push(`columns ${positions.get(key)!.header} and ${trimCell(header)} are the same column`);
		else positions.set(key, { index, header: trimCell(header) });
	});
	for (const column of definition.columns) {
		if (column.required && !positions.has(column.key)) fileErrors.push(`column ${column.zh} (${column.en}) is missing`);
	}
	return { positions, fileErrors };
}

export const MASKED_VALUE = 'is masked, as an export with personal data hidden shows it: import a full export, or type the real value';

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
		const checked = checker.check(table.rowNumbers?.[index] ?? index + 2, cells, table.damaged?.get(index));
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
		const matched = matchHeaders(definition as LedgerDefinition<unknown>, headers);
		this.#positions = matched.positions;
		this.fileErrors.push(...matched.fileErrors);
	}

	/**
	 * A row as the spreadsheet numbers it: its record, its issues, or null when it is empty.
	 * damaged: the cells (by column index) that held a number too long to keep its digits.
	 */
	check(row: number, cells: string[], damaged?: ReadonlySet<number>): { row: number; record: R } | { row: number; issues: LedgerIssue[] } | null {
		if (cells.every((cell) => trimCell(cell) === '')) return null;
		const definition = this.#definition;
		const positions = this.#positions;
		const record: Record<string, unknown> = {};
		const issues: LedgerIssue[] = [];
		const headerOf = (key: string) => positions.get(key)?.header ?? definition.columns.find((column) => column.key === key)!.zh;
		// A report is seen by whoever imports and may be kept: a personal cell is named masked, as the
		// page shows it elsewhere (the row and column say where it is; the message says what is wrong).
		const shown = (key: string, value: string) => {
			const personal = definition.columns.find((column) => column.key === key)?.personal;
			return personal && value !== '' ? (MASKS[personal](value) ?? '***') : value;
		};
		for (const column of definition.columns) {
			const position = positions.get(column.key);
			// A cell an export quoted against formula injection (cell-escaping.ts) reads back as it was.
			const value = position ? unescapeCell(trimCell(cells[position.index] ?? '')) : '';
			if (value !== '' && damaged?.has(position!.index)) {
				issues.push({ row, column: headerOf(column.key), value: shown(column.key, value), message: LOST_DIGITS });
				record[column.key] = null;
				continue;
			}
			if (value === '') {
				if (column.required) issues.push({ row, column: headerOf(column.key), value, message: 'is required' });
				record[column.key] = null;
				continue;
			}
			// A masked value (王**, 3604**********1234, 金兰村***) comes from an export with personal data
			// hidden: imported, it would overwrite the real name, number or home with the mask.
			if (column.personal && value.includes('*')) {
				issues.push({ row, column: headerOf(column.key), value: shown(column.key, value), message: MASKED_VALUE });
				record[column.key] = null;
				continue;
			}
			const parsed = column.parse(value);
			if (parsed.ok) record[column.key] = parsed.value;
			else issues.push({ row, column: headerOf(column.key), value: shown(column.key, value), message: parsed.message });
		}
		if (issues.length === 0) {
			const problem = definition.check?.(record as R);
			if (problem) issues.push({ row, column: headerOf(problem.key), value: shown(problem.key, trimCell(String(cells[positions.get(problem.key)?.index ?? -1] ?? ''))), message: problem.message });
		}
		if (issues.length === 0) {
			const key = definition.keyOf ? definition.keyOf(record as R) : String(record[definition.key]);
			const first = this.#firstRowOfKey.get(key);
			if (first !== undefined) issues.push({ row, column: headerOf(definition.key), value: shown(definition.key, key), message: `appears already in row ${first}` });
			else this.#firstRowOfKey.set(key, row);
		}
		return issues.length > 0 ? { row, issues } : { row, record: record as R };
	}
}
