/** Messages between the server and the ledger parser's worker thread (parse-ledger-worker.ts). */
import type { LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { CheckedTable } from './check-ledger-table';
import type { LedgerFormat } from './ledger-files';

/** One file at a time: start, its chunks, end; then the worker may be given the next file. */
export type ToParser = { type: 'start'; kind: LedgerKind; format: LedgerFormat } | { type: 'chunk'; bytes: Uint8Array } | { type: 'end' };

export type FromParser =
	| { type: 'progress'; phase: 'parsing' | 'validating'; done: number; total: number }
	| { type: 'records'; records: { row: number; record: unknown }[] }
	| ({ type: 'done' } & CheckedTable)
	| { type: 'failed'; message: string };
