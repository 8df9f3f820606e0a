/**
 * Exports a ledger with the same headers an import reads, so a full export imports back
 * unchanged. Personal data is masked unless the caller asks for a full export, which is audited.
 * Cells a spreadsheet would run as a formula are quoted (src/lib/ledgers/cell-escaping.ts).
 */
import { escapeCell } from '../../../src/lib/ledgers/cell-escaping';
import { MASKS } from '../../../src/lib/domain/masking';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import { toLedgerTable, type LedgerColumn, type LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import type { LedgerTable } from '../../../src/lib/ledgers/validate-ledger';
import type { Db } from '../../db/client';
import { recordAudit } from '../identity/record-audit';
import { writeLedgerFile, type LedgerFormat } from './ledger-files';
import { LEDGER_STORES } from './stores/index';

export type PersonalData = 'full' | 'masked';

export interface ExportOptions {
	db: Db;
	kind: LedgerKind;
	personal: PersonalData;
	/** Who exports; a full export of a ledger with personal data is written to the audit log first. */
	actor: string;
	headers?: 'zh' | 'en';
}

export async function exportLedgerTable({ db, kind, personal, actor, headers = 'zh' }: ExportOptions): Promise<LedgerTable> {
	const definition = LEDGERS[kind] as LedgerDefinition<unknown>;
	const records = (await LEDGER_STORES[kind].read(db, { includePersonal: true })) as Record<string, unknown>[];
	const personalColumns = definition.columns.filter((column) => column.personal);
	if (personal === 'full' && personalColumns.length > 0) {
		await recordAudit({ db, entry: { actor, action: 'personal.export', subject: `ledger:${kind}`, details: { rows: records.length } } });
	}
	const shown = personal === 'full' ? records : records.map((record) => maskRecord(record, personalColumns));
	const table = toLedgerTable(definition, shown, headers);
	// A column is numeric where its stored value is a number: such cells stay numbers (a longitude of −0.5).
	const rows = table.rows.map((cells, row) => cells.map((cell, index) => escapeCell(cell, typeof shown[row][definition.columns[index].key] === 'number' ? 'number' : 'text')));
	return { headers: table.headers, rows };
}

function maskRecord(record: Record<string, unknown>, columns: LedgerColumn[]): Record<string, unknown> {
	const masked = { ...record };
	for (const column of columns) masked[column.key] = MASKS[column.personal!]((record[column.key] as string | null) ?? null);
	return masked;
}

export async function exportLedger(options: ExportOptions & { format: LedgerFormat }): Promise<Buffer> {
	const table = await exportLedgerTable(options);
	return writeLedgerFile(table, options.format, LEDGERS[options.kind].zh);
}
