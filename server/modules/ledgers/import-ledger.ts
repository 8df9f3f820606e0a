/**
 * Imports a ledger file: read, validate every row, check references, then write everything in
 * one transaction. Nothing is written while the file has problems unless the caller chose to
 * import only the good rows; a failure midway writes nothing.
 *
 * The server keeps serving meanwhile: a file is read and checked in a worker thread
 * (parse-ledger.ts), a table built in memory is checked in slices, and the write yields to the
 * event loop between batches. (On the embedded PGlite, which has one connection, queries from
 * elsewhere still wait for the transaction to commit.)
 */
import type { CoordinateSystem } from '../../../src/lib/domain/coordinates';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import type { LedgerIssue, LedgerTable } from '../../../src/lib/ledgers/validate-ledger';
import type { Db } from '../../db/client';
import { checkLedgerTable, ISSUE_LIMIT, yieldToEventLoop } from './check-ledger-table';
import type { LedgerFormat } from './ledger-files';
import { parseLedgerInWorker, type ParsedLedger } from './parse-ledger';
import { LEDGER_STORES } from './stores/index';
import type { UpsertCounts } from './upsert-counting';

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
}

export interface ImportInput {
	kind: LedgerKind;
	mode: ImportMode;
	crs: CoordinateSystem;
	by: string;
	/** The file whole, or as it arrives (a request body, of `bytes` bytes when declared). */
	file?: { content: Uint8Array | AsyncIterable<Uint8Array>; format: LedgerFormat; bytes?: number };
	table?: LedgerTable;
}

/**
 * The write goes in batches with a turn of the event loop between them. PGlite runs each statement
 * on this thread, so a batch holds the loop while it runs: its size is steered towards that many
 * milliseconds (a batch's cost grows with the tables and with the machine's load).
 */
const BATCH_TARGET_MS = 100;
const BATCH_ROWS = { first: 250, min: 25, max: 5000 };

export async function importLedger({ db, input, onProgress = () => {} }: { db: Db; input: ImportInput; onProgress?: (progress: ImportProgress) => void }): Promise<ImportReport> {
	const definition = LEDGERS[input.kind] as LedgerDefinition<unknown>;
	const store = LEDGER_STORES[input.kind];
	const parsed = input.table ? await checkInThisThread(definition, input.table, onProgress) : await parseLedgerInWorker<unknown>({ kind: input.kind, format: input.file!.format, source: input.file!.content, expectedBytes: input.file!.bytes, onProgress });
	const references = parsed.fileErrors.length === 0 && store.references ? await store.references(db, parsed.records) : [];
	const badReferenceRows = new Set(references.map((issue) => issue.row));
	const good = parsed.records.filter(({ row }) => !badReferenceRows.has(row));
	const issueCount = parsed.issueCount + references.length;
	const report: ImportReport = {
		kind: input.kind,
		mode: input.mode,
		totalRows: parsed.totalRows,
		goodRows: good.length,
		badRows: parsed.badRows + badReferenceRows.size,
		fileErrors: parsed.fileErrors,
		issues: [...parsed.issues, ...references].sort((a, b) => a.row - b.row).slice(0, ISSUE_LIMIT),
		issueCount,
		written: null
	};
	const clean = parsed.fileErrors.length === 0 && issueCount === 0;
	const mayWrite = input.mode === 'import' ? clean : input.mode === 'import_good_rows' ? parsed.fileErrors.length === 0 : false;
	if (!mayWrite || good.length === 0) {
		onProgress({ phase: 'done', done: 0, total: good.length });
		return report;
	}
	onProgress({ phase: 'writing', done: 0, total: good.length });
	const records = good.map(({ record }) => record);
	const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
	const options = { crs: input.crs, by: input.by, now: new Date() };
	await db.transaction(async (tx) => {
		let rows = BATCH_ROWS.first;
		for (let start = 0; start < records.length; ) {
			const began = performance.now();
			const batch = records.slice(start, start + rows);
			const written = await store.write(tx, batch, options);
			counts.created += written.created;
			counts.updated += written.updated;
			counts.unchanged += written.unchanged;
			start += batch.length;
			onProgress({ phase: 'writing', done: start, total: records.length });
			const took = Math.max(1, performance.now() - began);
			// Halfway towards the size that would have taken the target, so one slow batch (a GC) does not swing it.
			rows = Math.round(Math.min(BATCH_ROWS.max, Math.max(BATCH_ROWS.min, (rows + (rows * BATCH_TARGET_MS) / took) / 2)));
			// PGlite's awaits resolve without a turn of the event loop: without this the whole write
			// would hold every request (and /healthz) until it commits.
			await yieldToEventLoop();
		}
		await store.afterWrite?.(tx);
	});
	report.written = counts;
	onProgress({ phase: 'done', done: records.length, total: records.length });
	return report;
}

async function checkInThisThread(definition: LedgerDefinition<unknown>, table: LedgerTable, onProgress: (progress: ImportProgress) => void): Promise<ParsedLedger<unknown>> {
	const records: ParsedLedger<unknown>['records'] = [];
	const checked = await checkLedgerTable(definition, table, {
		onRecords: (each) => records.push(...each),
		onProgress: (done, total) => onProgress({ phase: 'validating', done, total })
	});
	return { ...checked, records };
}
