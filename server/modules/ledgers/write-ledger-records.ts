/**
 * Writes an import's checked records in batches, with a turn of the event loop between them.
 * PGlite runs each statement on this thread, and its awaits resolve without a turn of the event
 * loop: without the turns a 200,000-row write would hold every request, /healthz included, until
 * it ends. A batch's size is steered towards BATCH_TARGET_MS of that thread's time (its cost grows
 * with the tables and with the machine's load).
 *
 * Where the write is one transaction (Postgres, where other sessions go on beside it; the CLI and
 * start-up) a failure midway writes nothing. A server on the embedded PGlite commits each batch
 * instead: PGlite has one connection, which a transaction holds alone, so one transaction would
 * stall every device post, sign-in and progress poll for the whole write (minutes for 200,000
 * rows). There a failure midway keeps the batches written so far, says how many, and importing the
 * same file again finishes it (rows already written come back unchanged).
 */
import type { Db } from '../../db/client';
import { yieldToEventLoop } from './check-ledger-table';
import type { LedgerStore, WriteOptions } from './stores/index';
import type { UpsertCounts } from './upsert-counting';

const BATCH_TARGET_MS = 100;
/** Never under 100 rows: each batch costs a handful of statements (and on PGlite a commit) whatever its size. */
const BATCH_ROWS = { first: 250, min: 100, max: 5000 };

export async function writeLedgerRecords<R>({ db, store, records, options, commitEachBatch, onProgress }: {
	db: Db;
	store: LedgerStore<R>;
	records: R[];
	options: WriteOptions;
	commitEachBatch: boolean;
	onProgress: (done: number, total: number) => void;
}): Promise<UpsertCounts> {
	const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
	let done = 0;
	const writeAll = async (writeBatch: (batch: R[]) => Promise<UpsertCounts>) => {
		let rows = BATCH_ROWS.first;
		while (done < records.length) {
			const began = performance.now();
			const batch = records.slice(done, done + rows);
			const written = await writeBatch(batch);
			counts.created += written.created;
			counts.updated += written.updated;
			counts.unchanged += written.unchanged;
			done += batch.length;
			onProgress(done, records.length);
			const took = Math.max(1, performance.now() - began);
			// Halfway towards the size that would have taken the target, so one slow batch (a GC) does not swing it.
			rows = Math.round(Math.min(BATCH_ROWS.max, Math.max(BATCH_ROWS.min, (rows + (rows * BATCH_TARGET_MS) / took) / 2)));
			await yieldToEventLoop();
		}
	};
	if (!commitEachBatch) {
		await db.transaction(async (tx) => {
			await writeAll((batch) => store.write(tx, batch, options));
			await store.afterWrite?.(tx);
		});
		return counts;
	}
	try {
		await writeAll((batch) => db.transaction((tx) => store.write(tx, batch, options)));
	} catch (error) {
		// Totals that span batches (a village's residents) are brought in line with what was written.
		await db.transaction(async (tx) => store.afterWrite?.(tx)).catch(() => {});
		throw new Error(`the import stopped after writing ${done.toLocaleString('en')} of ${records.length.toLocaleString('en')} rows (importing the same file again finishes it; rows already written come back unchanged): ${(error as Error).message}`);
	}
	await db.transaction(async (tx) => store.afterWrite?.(tx));
	return counts;
}
