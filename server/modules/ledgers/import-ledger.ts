/**
 * Imports a ledger file: read, validate every row, check references, then write everything in
 * one transaction. Nothing is written while the file has problems unless the caller chose to
 * import only the good rows; a failure midway writes nothing.
 */
import type { CoordinateSystem } from '../../../src/lib/domain/coordinates';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import { validateLedger, type LedgerIssue, type LedgerTable } from '../../../src/lib/ledgers/validate-ledger';
import type { Db } from '../../db/client';
import { readLedgerFile, type LedgerFormat } from './ledger-files';
import { LEDGER_STORES } from './stores/index';
import type { UpsertCounts } from './upsert-counting';

export type ImportMode = 'validate' | 'import' | 'import_good_rows';

export interface ImportProgress {
	phase: 'reading' | 'validating' | 'writing' | 'done';
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
	issues: LedgerIssue[];
	/** What was written; null when nothing was (validation only, or the file has problems). */
	written: UpsertCounts | null;
}

export interface ImportInput {
	kind: LedgerKind;
	mode: ImportMode;
	crs: CoordinateSystem;
	by: string;
	file?: { content: Buffer; format: LedgerFormat };
	table?: LedgerTable;
}

export async function importLedger({ db, input, onProgress = () => {} }: { db: Db; input: ImportInput; onProgress?: (progress: ImportProgress) => void }): Promise<ImportReport> {
	const definition = LEDGERS[input.kind] as LedgerDefinition<unknown>;
	const store = LEDGER_STORES[input.kind];
	onProgress({ phase: 'reading', done: 0, total: 0 });
	const table = input.table ?? (await readLedgerFile(input.file!.content, input.file!.format));
	onProgress({ phase: 'validating', done: 0, total: table.rows.length });
	const validation = validateLedger(definition, table);
	const references = validation.fileErrors.length === 0 && store.references ? await store.references(db, validation.records) : [];
	const badReferenceRows = new Set(references.map((issue) => issue.row));
	const good = validation.records.filter(({ row }) => !badReferenceRows.has(row));
	const issues = [...validation.issues, ...references].sort((a, b) => a.row - b.row);
	const report: ImportReport = {
		kind: input.kind,
		mode: input.mode,
		totalRows: validation.totalRows,
		goodRows: good.length,
		badRows: validation.badRows + badReferenceRows.size,
		fileErrors: validation.fileErrors,
		issues,
		written: null
	};
	const clean = validation.fileErrors.length === 0 && issues.length === 0;
	const mayWrite = input.mode === 'import' ? clean : input.mode === 'import_good_rows' ? validation.fileErrors.length === 0 : false;
	if (!mayWrite || good.length === 0) {
		onProgress({ phase: 'done', done: 0, total: good.length });
		return report;
	}
	onProgress({ phase: 'writing', done: 0, total: good.length });
	const records = good.map(({ record }) => record);
	const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
	const BATCH = 10_000;
	await db.transaction(async (tx) => {
		for (let start = 0; start < records.length; start += BATCH) {
			const written = await store.write(tx, records.slice(start, start + BATCH), { crs: input.crs, by: input.by, now: new Date() });
			counts.created += written.created;
			counts.updated += written.updated;
			counts.unchanged += written.unchanged;
			onProgress({ phase: 'writing', done: Math.min(start + BATCH, records.length), total: records.length });
		}
		await store.afterWrite?.(tx);
	});
	report.written = counts;
	onProgress({ phase: 'done', done: records.length, total: records.length });
	return report;
}
