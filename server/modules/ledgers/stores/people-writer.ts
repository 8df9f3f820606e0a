import { inArray, sql } from 'drizzle-orm';
import { people } from '../../../db/schema/index';
import { newPersonId, personKeySecret, personMatchKey } from '../../../db/person-match-keys';
import type { Tx } from './ledger-store';

/** A person as a ledger row names them; rowKey names the row (`staff:<code>`), never the person. */
export interface LedgerPerson {
	rowKey: string;
	name: string;
	idNumber: string | null;
	phone: string | null;
}

const CHUNK = 1000;

/**
 * Writes the people of a batch and answers each row's person id (opaque, `p_…`). A person is found
 * again by their match key: the same ID number in any ledger is one person, and a person without
 * one is the person of the same row, so re-importing a ledger changes nothing.
 */
export async function upsertPeople(tx: Tx, rows: LedgerPerson[]): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	if (rows.length === 0) return ids;
	const secret = await personKeySecret(tx);
	const keyOf = new Map(rows.map((row) => [row.rowKey, personMatchKey(secret, row)]));
	const unique = [...new Map(rows.map((row) => [keyOf.get(row.rowKey)!, row])).entries()];
	const idOfKey = new Map<string, string>();
	for (let start = 0; start < unique.length; start += CHUNK) {
		const chunk = unique.slice(start, start + CHUNK);
		await tx
			.insert(people)
			.values(chunk.map(([matchKey, row]) => ({ id: newPersonId(), name: row.name, idNumber: row.idNumber, phone: row.phone, matchKey })))
			.onConflictDoUpdate({
				target: people.matchKey,
				set: { name: sql`excluded.name`, idNumber: sql`excluded.id_number`, phone: sql`excluded.phone` },
				setWhere: sql`(${people.name}, ${people.idNumber}, ${people.phone}) is distinct from (excluded.name, excluded.id_number, excluded.phone)`
			});
		// The stored id: a new one, or the person's id from an earlier import (the insert kept it).
		const stored = await tx.select({ id: people.id, matchKey: people.matchKey }).from(people).where(inArray(people.matchKey, chunk.map(([matchKey]) => matchKey)));
		for (const person of stored) idOfKey.set(person.matchKey!, person.id);
	}
	for (const [rowKey, matchKey] of keyOf) ids.set(rowKey, idOfKey.get(matchKey)!);
	return ids;
}
