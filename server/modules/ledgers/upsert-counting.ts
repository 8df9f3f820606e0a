/**
 * Insert-or-update on a natural key that leaves identical rows untouched and counts what it did,
 * so that re-importing the same file reports (and changes) nothing.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';

export interface UpsertCounts {
	created: number;
	updated: number;
	unchanged: number;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const CHUNK = 1000;

export async function upsertCounting<T extends PgTable>(tx: Tx | Db, table: T, rows: T['$inferInsert'][], key: PgColumn | PgColumn[]): Promise<UpsertCounts> {
	const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
	if (rows.length === 0) return counts;
	const keys = new Set((Array.isArray(key) ? key : [key]).map((column) => column.name));
	const columns = Object.values(getTableColumns(table)).filter((column) => !keys.has(column.name) && Object.keys(rows[0]).includes(propertyOf(table, column.name)));
	const set: Record<string, SQL> = {};
	for (const column of columns) set[propertyOf(table, column.name)] = sql.raw(`excluded."${column.name}"`);
	const current = sql.join(columns.map((column) => sql`${column}`), sql`, `);
	const incoming = sql.join(columns.map((column) => sql.raw(`excluded."${column.name}"`)), sql`, `);
	for (let start = 0; start < rows.length; start += CHUNK) {
		const chunk = rows.slice(start, start + CHUNK);
		const query = tx.insert(table).values(chunk);
		const returned = await (columns.length === 0
			? query.onConflictDoNothing().returning({ inserted: sql<boolean>`xmax = 0` })
			: query.onConflictDoUpdate({ target: key, set, setWhere: sql`(${current}) is distinct from (${incoming})` }).returning({ inserted: sql<boolean>`xmax = 0` }));
		const created = returned.filter((row) => row.inserted).length;
		counts.created += created;
		counts.updated += returned.length - created;
		counts.unchanged += chunk.length - returned.length;
	}
	return counts;
}

function propertyOf(table: PgTable, columnName: string): string {
	for (const [property, column] of Object.entries(getTableColumns(table))) if (column.name === columnName) return property;
	throw new Error(`no column ${columnName}`);
}
