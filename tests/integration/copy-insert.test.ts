/**
 * copyInto, the persister's COPY on Postgres (server/pipeline/copy-insert.ts): values arrive as
 * given, and a COPY the server refuses rejects (it must never hang the persister), whether the
 * refusal comes while the rows go in, after their end, or as a dropped connection. Postgres only:
 * PGlite never COPYs (copyClient answers null there, which the last test checks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { copyClient, copyInto, copyLines, type CopyColumn } from '../../server/pipeline/copy-insert';
import { openEmbeddedDatabase } from '../fixtures/embedded-database';
import { createTempDatabase, needs } from '../fixtures/services';

interface Row {
	id: string;
	note: string | null;
	n: number | null;
}

const COLUMNS: CopyColumn<Row>[] = [
	{ name: 'id', value: (row) => row.id },
	{ name: 'note', value: (row) => row.note },
	{ name: 'n', value: (row) => row.n }
];

const rows = (from: number, count: number): Row[] => Array.from({ length: count }, (_, index) => ({ id: `r${from + index}`, note: null, n: index }));

/** What a hang would look like: the call still pending after a while. Not a timing assertion: a settled call passes however long it took. */
const settled = <T>(promise: Promise<T>) => Promise.race([promise.then(() => 'resolved' as const, () => 'rejected' as const), new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20_000))]);

describe('copyLines', () => {
	it('escapes what COPY text would read otherwise, and writes null as \\N', () => {
		expect(copyLines(COLUMNS, [{ id: 'a\\b\tc', note: 'line\nbreak\rreturn', n: -1.5 }, { id: '\\N', note: null, n: null }])).toBe('a\\\\b\\tc\tline\\nbreak\\rreturn\t-1.5\n\\\\N\t\\N\t\\N\n');
	});
});

const hasPostgres = needs('copy-insert on Postgres', { DATABASE_URL: process.env.DATABASE_URL });

describe.runIf(hasPostgres)('copyInto (Postgres)', () => {
	let temp: Awaited<ReturnType<typeof createTempDatabase>>;
	let client: postgres.Sql;
	beforeAll(async () => {
		temp = await createTempDatabase(process.env.DATABASE_URL!);
		client = postgres(temp.url, { max: 2, onnotice: () => {} });
		await client`create table copy_probe (id text primary key, note text, n float8)`;
	});
	afterAll(async () => {
		await client?.end({ timeout: 5 });
		await temp?.drop();
	});
	const stored = async () => (await client<Row[]>`select id, note, n from copy_probe order by id`).map((row) => ({ ...row }));

	it('stores every value as given: tabs, newlines, backslashes, a text that is exactly \\N, nulls, numbers', async () => {
		await client`truncate copy_probe`;
		const given: Row[] = [
			{ id: 'a', note: 'tab\there, line\nthere, return\r, back\\slash, quote" {brace}, 北京', n: -0.000001 },
			{ id: 'b', note: '\\N', n: 1e21 },
			{ id: 'c', note: null, n: null },
			{ id: 'd', note: '', n: 0 }
		];
		await client.begin((tx) => copyInto(tx, 'copy_probe', COLUMNS, given));
		expect(await stored()).toEqual(given);
	});

	it('rejects, and the transaction leaves nothing, when a row is already stored, be it among the first rows or after the last was sent', async () => {
		await client`truncate copy_probe`;
		await client.begin((tx) => copyInto(tx, 'copy_probe', COLUMNS, rows(0, 10)));
		// The duplicate first (refused while rows still arrive), then last of 20,000 (refused once the end is sent).
		expect(await settled(client.begin((tx) => copyInto(tx, 'copy_probe', COLUMNS, [...rows(0, 1), ...rows(100, 5)])))).toBe('rejected');
		expect(await settled(client.begin((tx) => copyInto(tx, 'copy_probe', COLUMNS, [...rows(1000, 20_000), ...rows(9, 1)])))).toBe('rejected');
		expect(await stored()).toHaveLength(10);
		// The connection is fine afterwards.
		await client.begin((tx) => copyInto(tx, 'copy_probe', COLUMNS, rows(50_000, 3)));
		expect(await stored()).toHaveLength(13);
	});

	it('takes a second COPY in the same transaction after the first, and a refused first leaves the transaction refused', async () => {
		await client`truncate copy_probe`;
		await client.begin(async (tx) => {
			await copyInto(tx, 'copy_probe', COLUMNS, rows(0, 5));
			await copyInto(tx, 'copy_probe', COLUMNS, rows(5, 5));
		});
		expect(await stored()).toHaveLength(10);
		const refused = client.begin(async (tx) => {
			await copyInto(tx, 'copy_probe', COLUMNS, [...rows(1000, 20_000), ...rows(9, 1)]).catch(() => {});
			await copyInto(tx, 'copy_probe', COLUMNS, rows(30_000, 10));
		});
		expect(await settled(refused)).toBe('rejected');
		expect(await stored()).toHaveLength(10);
	});

	it('rejects when the connection drops during the COPY', async () => {
		const outcome = settled(
			client.begin(async (tx) => {
				const [{ pid }] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
				const copying = copyInto(tx, 'copy_probe', COLUMNS, rows(100_000, 300_000));
				await client`select pg_terminate_backend(${pid})`;
				await copying;
			})
		);
		expect(await outcome).toBe('rejected');
	});
});

describe('copyClient', () => {
	it('answers null on PGlite, which writes the idempotent way only', async () => {
		const database = await openEmbeddedDatabase();
		try {
			expect(copyClient(database.db)).toBeNull();
		} finally {
			await database.close();
		}
	});
});
