import { sql } from 'drizzle-orm';
import { people } from '../../../db/schema/index';
import type { Tx } from './ledger-store';

/**
 * A person is identified by their ID number when the ledger gives one (the same person in two
 * ledgers is one row), otherwise by the row that names them.
 */
export function personIdOf(idNumber: string | null, fallback: string): string {
	return idNumber ? `id:${idNumber}` : fallback;
}

export async function upsertPeople(tx: Tx, rows: (typeof people.$inferInsert)[]): Promise<void> {
	const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
	for (let start = 0; start < unique.length; start += 1000) {
		await tx
			.insert(people)
			.values(unique.slice(start, start + 1000))
			.onConflictDoUpdate({
				target: people.id,
				set: { name: sql`excluded.name`, idNumber: sql`excluded.id_number`, phone: sql`excluded.phone` },
				setWhere: sql`(${people.name}, ${people.idNumber}, ${people.phone}) is distinct from (excluded.name, excluded.id_number, excluded.phone)`
			});
	}
}
