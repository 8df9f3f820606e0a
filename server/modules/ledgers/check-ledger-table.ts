/**
 * Checks every row of a ledger table in slices: after each slice it reports progress and lets the
 * event loop run, so a 200,000-row table never holds the thread it runs on for long. Used in the
 * parser's worker thread for files and in the server's own thread for tables built in memory.
 */
import type { LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import { LedgerRowChecker, type LedgerIssue, type LedgerTable } from '../../../src/lib/ledgers/validate-ledger';
import { PLAIN_SHAPE, type TableShape } from '../../../src/lib/ledgers/table-shape';

export interface CheckedTable {
	fileErrors: string[];
	/** The first ISSUE_LIMIT issues by row; issueCount says how many there were in all. */
	issues: LedgerIssue[];
	issueCount: number;
	badRows: number;
	totalRows: number;
	/** The sheet, header row and rows skipped as not data (table-shape.ts). */
	shape: TableShape;
}

/** A report lists at most this many issues (the first, by row) and says how many there were. */
export const ISSUE_LIMIT = 1000;
const SLICE_ROWS = 2000;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function checkLedgerTable<R>(
	definition: LedgerDefinition<R>,
	table: LedgerTable,
	{ onRecords, onProgress }: { onRecords: (records: { row: number; record: R }[]) => void; onProgress: (done: number, total: number) => void },
	/** How the table was found in its file, and the file's problems so far (two sheets that could be the ledger). */
	{ shape, fileErrors }: { shape: TableShape; fileErrors: string[] } = { shape: PLAIN_SHAPE, fileErrors: [] }
): Promise<CheckedTable> {
	const totalRows = table.rows.length;
	if (fileErrors.length > 0) return { fileErrors, issues: [], issueCount: 0, badRows: 0, totalRows, shape };
	const checker = new LedgerRowChecker(definition, table.headers);
	if (checker.fileErrors.length > 0) return { fileErrors: checker.fileErrors, issues: [], issueCount: 0, badRows: 0, totalRows, shape };
	const issues: LedgerIssue[] = [];
	let issueCount = 0;
	let badRows = 0;
	for (let start = 0; start < totalRows; start += SLICE_ROWS) {
		onProgress(start, totalRows);
		const records: { row: number; record: R }[] = [];
		for (let index = start; index < Math.min(start + SLICE_ROWS, totalRows); index++) {
			const checked = checker.check(table.rowNumbers?.[index] ?? index + 2, table.rows[index], table.damaged?.get(index));
			if (checked === null) continue;
			if ('record' in checked) records.push(checked);
			else {
				badRows++;
				issueCount += checked.issues.length;
				for (const issue of checked.issues) if (issues.length < ISSUE_LIMIT) issues.push(issue);
			}
		}
		onRecords(records);
		await yieldToEventLoop();
	}
	onProgress(totalRows, totalRows);
	return { fileErrors: [], issues, issueCount, badRows, totalRows, shape };
}
