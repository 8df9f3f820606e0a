import type { Db } from '../../../db/client';
import type { CoordinateSystem } from '../../../../src/lib/domain/coordinates';
import type { LedgerIssue } from '../../../../src/lib/ledgers/validate-ledger';
import type { NewRegion } from '../../../../src/lib/ledgers/new-regions';
import type { UpsertCounts } from '../upsert-counting';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface WriteOptions {
	/** The coordinate system of rows that do not name one. */
	crs: CoordinateSystem;
	/** Who is importing, for the assignment history. */
	by: string;
	now: Date;
}

/** How one kind of ledger meets the database. */
export interface LedgerStore<R> {
	/** Rows that name things the database does not have (a site code that no site has). */
	references?(db: Db, records: { row: number; record: R }[]): Promise<LedgerIssue[]>;
	/** Townships and villages the rows name that the county does not have yet, which the write adds: listed in the report, to be checked. */
	newRegions?(db: Db, records: { row: number; record: R }[]): Promise<NewRegion[]>;
	write(tx: Tx, records: R[], options: WriteOptions): Promise<UpsertCounts>;
	/** Once after all batches of an import, in the same transaction (totals that span batches). */
	afterWrite?(tx: Tx): Promise<void>;
	read(db: Db, options: { includePersonal: boolean }): Promise<R[]>;
}

/** Checks that every value of one column is a known id; reports the rows that are not. */
export function unknownReferences<R>(records: { row: number; record: R }[], value: (record: R) => string | null, known: Set<string>, column: string, what: string): LedgerIssue[] {
	const issues: LedgerIssue[] = [];
	for (const { row, record } of records) {
		const id = value(record);
		if (id !== null && !known.has(id)) issues.push({ row, column, value: id, message: `is not a known ${what}` });
	}
	return issues;
}
