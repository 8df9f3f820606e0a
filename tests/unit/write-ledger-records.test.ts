import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/client';
import type { LedgerStore } from '../../server/modules/ledgers/stores/index';
import { writeLedgerRecords } from '../../server/modules/ledgers/write-ledger-records';

/** A database whose transactions only count themselves, and a store that records its batches (and can fail one). */
function fakes({ failOnBatch }: { failOnBatch?: number } = {}) {
	const seen = { transactions: 0, batches: [] as number[][], afterWrites: 0 };
	const db = { transaction: async (work: (tx: unknown) => Promise<unknown>) => (seen.transactions++, work({})) } as unknown as Db;
	const store: LedgerStore<number> = {
		// Resolves without a turn of the event loop, as PGlite's statements do.
		write: async (_tx, records) => {
			if (seen.batches.length + 1 === failOnBatch) throw new Error('disk full');
			seen.batches.push(records);
			return { created: records.length, updated: 0, unchanged: 0 };
		},
		afterWrite: async () => void seen.afterWrites++,
		read: async () => []
	};
	return { db, store, seen };
}
const records = Array.from({ length: 20_000 }, (_, index) => index);
const options = { crs: 'wgs84' as const, by: 'test', now: new Date() };

describe('writeLedgerRecords', () => {
	it('writes every record once, in order, in batches with the event loop running between them', async () => {
		const { db, store, seen } = fakes();
		// Counts turns of the event loop (each turn runs the immediates queued in the one before).
		let turns = 0;
		let looping = true;
		const turn = () => {
			turns++;
			if (looping) setImmediate(turn);
		};
		setImmediate(turn);
		const turnsAtBatch: number[] = [];
		const counting: LedgerStore<number> = { ...store, write: (tx, batch, each) => (turnsAtBatch.push(turns), store.write(tx, batch, each)) };
		const counts = await writeLedgerRecords({ db, store: counting, records, options, commitEachBatch: false, onProgress: () => {} });
		looping = false;
		expect(counts).toEqual({ created: 20_000, updated: 0, unchanged: 0 });
		expect(seen.batches.flat()).toEqual(records);
		expect(seen.batches.length).toBeGreaterThan(1);
		// Every batch after the first began on a later turn than the one before it.
		expect(turnsAtBatch.every((turn, index) => index === 0 || turn > turnsAtBatch[index - 1])).toBe(true);
		expect(seen).toMatchObject({ transactions: 1, afterWrites: 1 });
	});

	it('commits batch by batch when asked, and a failure midway says how many rows were written', async () => {
		const { db, store, seen } = fakes({ failOnBatch: 3 });
		const failure = writeLedgerRecords({ db, store, records, options, commitEachBatch: true, onProgress: () => {} });
		const written = () => seen.batches.flat().length.toLocaleString('en');
		await expect(failure).rejects.toThrow(/^the import stopped after writing [\d,]+ of 20,000 rows \(importing the same file again finishes it; rows already written come back unchanged\): disk full$/);
		await expect(failure).rejects.toThrow(`after writing ${written()} of`);
		expect(seen.transactions).toBe(3 + 1);
		expect(seen.afterWrites).toBe(1);
	});
});
