/**
 * The hot path of persistence: one INSERT … SELECT FROM unnest(arrays) per table and batch, with
 * one bind parameter per column instead of one per cell. bench/persist.ts measures the whole
 * write (`npm run bench:persist`).
 *
 * Each column travels as one text, its values joined by the unit separator (U+001F) and split by
 * string_to_array on the server, \N standing for null. A text[] parameter did the same work
 * dearer: postgres.js escapes and quotes every element (arraySerializer/arrayEscape were ~6 % of
 * the server's CPU at 15,000 events a second) and Postgres parses the array literal back. A column
 * whose values hold the separator, or a value that is exactly \N, goes as text[] as before.
 */
import { sql, type SQL } from 'drizzle-orm';

type Tx = { execute: (query: SQL) => Promise<unknown> };

export interface UnnestColumn<R> {
	name: string;
	/** The Postgres type of the array's elements, e.g. text, timestamptz, float8, jsonb. */
	type: 'text' | 'timestamptz' | 'float8' | 'int4' | 'jsonb';
	value: (row: R) => string | number | null;
}

const SEPARATOR = '\x1f';
const NULL = '\\N';

/** conflict: what follows ON CONFLICT, written by this codebase only (never from input). */
export async function insertUnnest<R>(tx: Tx, table: string, columns: UnnestColumn<R>[], rows: R[], conflict = 'do nothing'): Promise<void> {
	if (rows.length === 0) return;
	const arrays = columns.map((column) => columnArray(rows, column));
	const names = sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
	const casts = sql.raw(columns.map((column, index) => `c${index}::${column.type}`).join(', '));
	const aliases = sql.raw(columns.map((_, index) => `c${index}`).join(', '));
	await tx.execute(sql`insert into ${sql.raw(`"${table}"`)} (${names}) select ${casts} from unnest(${sql.join(arrays, sql`, `)}) as t(${aliases}) on conflict ${sql.raw(conflict)}`);
}

/** One column's values as a text[] expression: joined when they can be, a text[] parameter when not. */
function columnArray<R>(rows: R[], column: UnnestColumn<R>): SQL {
	const values: (string | null)[] = new Array(rows.length);
	let joinable = true;
	for (let index = 0; index < rows.length; index++) {
		const value = column.value(rows[index]);
		if (value === null) {
			values[index] = null;
			continue;
		}
		const text = typeof value === 'number' ? String(value) : value;
		// Numbers never hold either; a text is checked.
		if (typeof value === 'string' && (text === NULL || text.includes(SEPARATOR))) joinable = false;
		values[index] = text;
	}
	if (!joinable) return sql`${sql.param(values)}::text[]`;
	let joined = '';
	for (let index = 0; index < values.length; index++) joined += (index === 0 ? '' : SEPARATOR) + (values[index] ?? NULL);
	// E'\x1f' is the separator; '\N' (a standard string) the null.
	return sql`string_to_array(${joined}::text, E'\\x1f', '\\N')`;
}
