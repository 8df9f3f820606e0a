/**
 * The hot path of persistence: one INSERT … SELECT FROM unnest(arrays) per table and batch, with
 * one bind parameter per column instead of one per cell. bench/persist.ts measures it against
 * Drizzle's multi-row insert (`npm run bench:persist`).
 */
import { sql, type SQL } from 'drizzle-orm';

type Tx = { execute: (query: SQL) => Promise<unknown> };

export interface UnnestColumn<R> {
	name: string;
	/** The Postgres type of the array's elements, e.g. text, timestamptz, float8, jsonb. */
	type: 'text' | 'timestamptz' | 'float8' | 'int4' | 'jsonb';
	value: (row: R) => string | number | null;
}

/** conflict: what follows ON CONFLICT, written by this codebase only (never from input). */
export async function insertUnnest<R>(tx: Tx, table: string, columns: UnnestColumn<R>[], rows: R[], conflict = 'do nothing'): Promise<void> {
	if (rows.length === 0) return;
	// Every array goes as text[] and is cast per column after unnest: drivers differ in how they
	// serialise typed arrays (postgres-js cannot send a jsonb[] of strings), but all send text[].
	const arrays = columns.map((column) => sql`${sql.param(rows.map((row) => toText(column.value(row))))}::text[]`);
	const names = sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
	const casts = sql.raw(columns.map((column, index) => `c${index}::${column.type}`).join(', '));
	const aliases = sql.raw(columns.map((_, index) => `c${index}`).join(', '));
	await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${names}) select ${casts} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases}) on conflict ${sql.raw(conflict)}`);
}

const toText = (value: string | number | null) => (value === null ? null : String(value));
