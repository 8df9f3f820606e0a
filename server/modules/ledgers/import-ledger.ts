/**
 * Imports a ledger file: read, validate every row, check references, then write. Nothing is
 * written while the file has problems unless the caller chose to import only the good rows; a
 * failure midway writes nothing, except on a server over the embedded PGlite (commitEachBatch).
 *
 * The server keeps serving meanwhile: a file is read and checked in a worker thread
 * (parse-ledger.ts), a table built in memory is checked in slices, and the write yields to the
 * event loop between batches (write-ledger-records.ts).
 */
import type { CoordinateSystem } from '../../../src/lib/domain/coordinates';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import type { LedgerIssue, LedgerTable } from '../../../src/lib/ledgers/validate-ledger';
import type { NewRegion } from '../../../src/lib/ledgers/new-regions';
import type { TableShape } from '../../../src/lib/ledgers/table-shape';
import type { Db } from '../../db/client';
import { checkLedgerTable, ISSUE_LIMIT } from './check-ledger-table';
import type { LedgerFormat } from './ledger-files';
import { parseLedgerInWorker, type ParsedLedger } from './parse-ledger';
import { LEDGER_STORES } from './stores/index';
import type { UpsertCounts } from './upsert-counting';
import { writeLedgerRecords } from './write-ledger-records';
import { findRowsOutside, type OutsideRow } from './outside-extent';
import { recordAudit } from '../identity/record-audit';

export type ImportMode = 'validate' | 'import' | 'import_good_rows';

export interface ImportProgress {
	phase: 'receiving' | 'parsing' | 'validating' | 'writing' | 'done';
	/** Bytes while receiving and parsing, rows after (total 0 while not known). */
	done: number;
	total: number;
}

export interface ImportReport {
	kind: LedgerKind;
	mode: ImportMode;
	totalRows: number;
	goodRows: number;
	badRows: number;
	fileErrors: string[];
	/** The first ISSUE_LIMIT issues, by row. */
	issues: LedgerIssue[];
	/** How many issues there are in all. */
	issueCount: number;
	/** What was written; null when nothing was (validation only, or the file has problems). */
	written: UpsertCounts | null;
	/**
	 * Rows whose coordinates lie outside the county's extent (first ISSUE_LIMIT, by row): held back,
	 * and counted in badRows, unless the importer confirmed them (confirmOutside).
	 */
	outside: OutsideRow[];
	outsideCount: number;
	confirmOutside: boolean;
	/**
	 * The file's layout as read: the sheet taken (of which), the header's row, and the rows skipped
	 * as not data (title, blank and unit rows above the header; totals and notes below it).
	 */
	shape: TableShape;
	/** Townships and villages the file names that the county does not have yet, which importing adds, each with a near known name: a typo shows here. */
	newRegions: NewRegion[];
}

export interface ImportInput {
	kind: LedgerKind;
	mode: ImportMode;
	crs: CoordinateSystem;
	by: string;
	/** The file whole, or as it arrives (a request body, of `bytes` bytes when declared). */
	file?: { content: Uint8Array | AsyncIterable<Uint8Array>; format: LedgerFormat; bytes?: number };
	table?: LedgerTable;
	/** The importer has seen the rows outside the county and wants them written as they are. */
	confirmOutside?: boolean;
}

/**
 * commitEachBatch: commit the write batch by batch rather than as one transaction (a server on
 * the embedded PGlite; see write-ledger-records.ts for why and what it costs).
 */
export async function importLedger({ db, input, onProgress = () => {}, commitEachBatch = false }: { db: Db; input: ImportInput; onProgress?: (progress: ImportProgress) => void; commitEachBatch?: boolean }): Promise<ImportReport> {
	const definition = LEDGERS[input.kind] as LedgerDefinition<unknown>;
	const store = LEDGER_STORES[input.kind];
	const parsed = input.table ? await checkInThisThread(definition, input.table, onProgress) : await parseLedgerInWorker<unknown>({ kind: input.kind, format: input.file!.format, source: input.file!.content, expectedBytes: input.file!.bytes, onProgress });
	const references = parsed.fileErrors.length === 0 && store.references ? await store.references(db, parsed.records) : [];
	const badReferenceRows = new Set(references.map((issue) => issue.row));
	const referenced = parsed.records.filter(({ row }) => !badReferenceRows.has(row));
	// A scenario's own table is trusted; a file's rows far outside the county wait for the importer's word.
	const outside = input.table ? { rows: [] } : await findRowsOutside(db, definition, referenced);
	const confirmOutside = input.confirmOutside === true;
	const heldOutside = new Set(confirmOutside ? [] : outside.rows.map((each) => each.row));
	const good = referenced.filter(({ row }) => !heldOutside.has(row));
	const issueCount = parsed.issueCount + references.length;
	const newRegions = store.newRegions ? await store.newRegions(db, good) : [];
	const report: ImportReport = {
		kind: input.kind,
		mode: input.mode,
		totalRows: parsed.totalRows,
		goodRows: good.length,
		badRows: parsed.badRows + badReferenceRows.size + heldOutside.size,
		fileErrors: parsed.fileErrors,
		issues: [...parsed.issues, ...references].sort((a, b) => a.row - b.row).slice(0, ISSUE_LIMIT),
		issueCount,
		written: null,
		outside: outside.rows.slice(0, ISSUE_LIMIT),
		outsideCount: outside.rows.length,
		confirmOutside,
		shape: parsed.shape,
		newRegions
	};
	const clean = parsed.fileErrors.length === 0 && issueCount === 0 && heldOutside.size === 0;
	const mayWrite = input.mode === 'import' ? clean : input.mode === 'import_good_rows' ? parsed.fileErrors.length === 0 : false;
	if (!mayWrite || good.length === 0) {
		await auditImport(db, input, definition, report);
		onProgress({ phase: 'done', done: 0, total: good.length });
		return report;
	}
	onProgress({ phase: 'writing', done: 0, total: good.length });
	const records = good.map(({ record }) => record);
	report.written = await writeLedgerRecords({
		db,
		store,
		records,
		options: { crs: input.crs, by: input.by, now: new Date() },
		commitEachBatch,
		onProgress: (done, total) => onProgress({ phase: 'writing', done, total })
	});
	await auditImport(db, input, definition, report);
	onProgress({ phase: 'done', done: records.length, total: records.length });
	return report;
}

/**
 * Every file brought in (imported or only checked) is on the audit log: a ledger of households
 * carries names, ID numbers, phones and homes. Counts only: never a value from the file, nor the
 * file's name, which its uploader chose and may have named after a person. A scenario loaded at
 * start-up (a table, not a file) is the system's own data and is not recorded.
 */
async function auditImport(db: Db, input: ImportInput, definition: LedgerDefinition<unknown>, report: ImportReport): Promise<void> {
	if (input.table) return;
	const written = report.written ?? { created: 0, updated: 0, unchanged: 0 };
	const personal = report.totalRows > 0 && definition.columns.some((column) => column.personal !== undefined);
	await recordAudit({
		db,
		entry: { actor: input.by, action: 'ledger.import', subject: `ledger:${input.kind}`, details: { mode: input.mode, rows: report.totalRows, goodRows: report.goodRows, badRows: report.badRows, ...written, personal } }
	});
}

async function checkInThisThread(definition: LedgerDefinition<unknown>, table: LedgerTable, onProgress: (progress: ImportProgress) => void): Promise<ParsedLedger<unknown>> {
	const records: ParsedLedger<unknown>['records'] = [];
	const checked = await checkLedgerTable(definition, table, {
		onRecords: (each) => records.push(...each),
		onProgress: (done, total) => onProgress({ phase: 'validating', done, total })
	});
	return { ...checked, records };
}
