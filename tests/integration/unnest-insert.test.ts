import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { insertUnnest, type UnnestColumn } from '../../server/pipeline/unnest-insert';
import { backends, type Stack } from '../fixtures/backends';

interface Row {
	id: string;
	note: string | null;
	n: number | null;
}

const COLUMNS: UnnestColumn<Row>[] = [
	{ name: 'id', type: 'text', value: (row) => row.id },
	{ name: 'note', type: 'text', value: (row) => row.note },
	{ name: 'n', type: 'float8', value: (row) => row.n }
];

describe.each(backends('unnest-insert'))('insertUnnest ($name)', (backend) => {
	let stack: Stack;
	beforeEach(async () => {
		stack = await backend.open();
		await stack.database.db.execute(sql`create table unnest_probe (id text primary key, note text, n float8)`);
	});
	afterEach(async () => {
		await stack.teardown();
	});

	const stored = async () => {
		const result = (await stack.database.db.execute(sql`select id, note, n from unnest_probe order by id`)) as unknown as { rows?: Row[] } & Row[];
		return [...(result.rows ?? result)];
	};

	it('stores every value as given, nulls as nulls, numbers as numbers', async () => {
		const rows: Row[] = [
			{ id: 'a', note: 'plain', n: 1.5 },
			{ id: 'b', note: null, n: null },
			{ id: 'c', note: 'tab\tquote"comma,brace{}', n: -0.000001 }
		];
		await insertUnnest(stack.database.db, 'unnest_probe', COLUMNS, rows);
		expect(await stored()).toEqual(rows);
	});

	it('stores a text holding the separator, or one that is exactly \\N, as given (the text[] way)', async () => {
		const rows: Row[] = [
			{ id: 'a', note: 'one\x1ftwo', n: 1 },
			{ id: 'b', note: '\\N', n: 2 },
			{ id: 'c', note: null, n: 3 }
		];
		await insertUnnest(stack.database.db, 'unnest_probe', COLUMNS, rows);
		expect(await stored()).toEqual(rows);
	});

	it('writes nothing twice: a replayed row does nothing on conflict', async () => {
		await insertUnnest(stack.database.db, 'unnest_probe', COLUMNS, [{ id: 'a', note: 'first', n: 1 }]);
		await insertUnnest(stack.database.db, 'unnest_probe', COLUMNS, [{ id: 'a', note: 'again', n: 2 }, { id: 'b', note: 'new', n: 3 }]);
		expect(await stored()).toEqual([
			{ id: 'a', note: 'first', n: 1 },
			{ id: 'b', note: 'new', n: 3 }
		]);
	});
});
