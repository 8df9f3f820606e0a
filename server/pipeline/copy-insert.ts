/**
 * COPY … FROM STDIN for the persister's hot tables on Postgres (persistence.ts decides when).
 * Measured on this project's machine (bench/persist-profile.ts, backend CPU per 10,000 rows of
 * positions): INSERT … SELECT FROM unnest … ON CONFLICT DO NOTHING 82 ms, the same without
 * ON CONFLICT 60 ms, COPY 35 ms. COPY skips parsing the joined arrays and, having no ON CONFLICT,
 * the speculative insertion (an extra index probe and WAL record a row); it inserts rows in
 * pages, not one by one. Having no ON CONFLICT, it fails on a row already stored: the caller
 * runs it only as a first try and redoes a batch that failed the idempotent way.
 *
 * PGlite has no such stream (no client/server protocol; its COPY reads a virtual file), so the
 * embedded backend keeps unnest-insert.ts only: copyClient answers null there.
 */
import type { Sql, TransactionSql } from 'postgres';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';

export interface CopyColumn<R> {
	name: string;
	/** A text (escaped here), a number or a boolean (written as is), or null (\N). */
	value: (row: R) => string | number | null;
}

/** The postgres.js client of a Drizzle database or transaction on Postgres; null on PGlite. */
export function copyClient(db: unknown): Sql | TransactionSql | null {
	const client = (db as { session?: { client?: { unsafe?: unknown } } }).session?.client;
	return client && typeof client.unsafe === 'function' ? (client as unknown as Sql) : null;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** COPY's text format: backslash, tab, newline and carriage return escaped; \N is null. */
export function copyText(value: string | number | null): string {
	if (value === null) return '\\N';
	if (typeof value === 'number') return String(value);
	return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** The rows as COPY's text format, one line each (one string grown as it goes: a quarter cheaper here than lines joined). */
export function copyLines<R>(columns: CopyColumn<R>[], rows: readonly R[]): string {
	const values = columns.map((column) => column.value);
	let text = '';
	for (let index = 0; index < rows.length; index++) {
		const row = rows[index];
		text += copyText(values[0](row));
		for (let column = 1; column < values.length; column++) text += '\t' + copyText(values[column](row));
		text += '\n';
	}
	return text;
}

/**
 * Copies rows into table (a name of this codebase, never input) inside the caller's transaction,
 * and rejects when the COPY fails, whenever it fails.
 *
 * postgres.js 3.4.9 settles a COPY's stream only when the server completes it: when the server
 * refuses the data after the stream's end (a duplicate key is found as the last rows go in), the
 * stream is neither finished nor destroyed, and awaiting it alone would hang the persister. So as
 * soon as the stream has sent its end (its final step), a `select 1` follows on the same
 * connection: after a completed COPY it answers, after a failed one it is refused (the
 * transaction is aborted), and after a lost connection it is refused too. Whichever comes first
 * of the stream's failure and that refusal rejects this call.
 *
 * The next COPY must wait for this one to complete (this call's end): a finished stream is
 * destroyed and then sends CopyFail (postgres.js), which the server ignores between statements
 * but which would fail a COPY started meanwhile. Other statements may follow it without waiting.
 */
export async function copyInto<R>(client: Sql | TransactionSql, table: string, columns: CopyColumn<R>[], rows: readonly R[]): Promise<void> {
	if (rows.length === 0) return;
	const text = copyLines(columns, rows);
	const stream = (await client.unsafe(`copy "${table}" (${columns.map((column) => `"${column.name}"`).join(', ')}) from stdin`).writable()) as Writable & {
		_final: (callback: (error?: Error | null) => void) => void;
	};
	let ended!: () => void;
	const endSent = new Promise<void>((resolve) => (ended = resolve));
	const final = stream._final;
	// The stream's final step sends the end (CopyDone) and frees the connection for the next statement.
	stream._final = function (callback) {
		final.call(this, callback);
		ended();
	};
	const done = finished(stream);
	// Queries are lazy in postgres.js: execute() sends it as soon as the end is sent.
	const answered = endSent.then(() => client.unsafe('select 1').execute());
	stream.end(text);
	// Both on success; the first refusal otherwise (the other may never settle, or settle later unheeded).
	await Promise.all([done, answered]);
}
