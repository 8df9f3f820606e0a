/**
 * How the village officer reaches a person on their rounds, masked (138****5678, 4201**********1234,
 * the address to its village and ***): enough to know which number and home it is, never the whole.
 * The full value is revealed per person with a reason, audited (/api/personal/reveal, fields). Read
 * only for the officer's own rounds (officer-rounds.ts, scoped to their villages); the wall, the desk
 * and the dispatcher never get these.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, people, returneePrivate } from '../../db/schema/index';
import { maskAddress, maskIdNumber, maskPhone } from '../../../src/lib/domain/masking';

export interface MaskedContact {
	phone: string | null;
	idNumber: string | null;
	address: string | null;
}

/** The masked contact of each case (by case id): the person's phone and ID number, the home as registered on return, else the household's. */
export async function maskedContacts(db: Db, cases: readonly { id: string; personId: string; returneeId: string | null; householdId: string | null }[]): Promise<Map<string, MaskedContact>> {
	if (cases.length === 0) return new Map();
	const personIds = [...new Set(cases.map((found) => found.personId))];
	const returneeIds = cases.flatMap((found) => (found.returneeId ? [found.returneeId] : []));
	const householdIds = cases.flatMap((found) => (found.householdId ? [found.householdId] : []));
	const [persons, returned, homes] = await Promise.all([
		db.select({ id: people.id, phone: people.phone, idNumber: people.idNumber }).from(people).where(inArray(people.id, personIds)),
		returneeIds.length === 0 ? [] : db.select({ id: returneePrivate.returneeId, address: returneePrivate.address }).from(returneePrivate).where(inArray(returneePrivate.returneeId, returneeIds)),
		householdIds.length === 0 ? [] : db.select({ id: householdPrivate.householdId, address: householdPrivate.address }).from(householdPrivate).where(inArray(householdPrivate.householdId, householdIds))
	]);
	const personOf = new Map(persons.map((row) => [row.id, row]));
	const returnedAt = new Map(returned.map((row) => [row.id, row.address]));
	const homeAt = new Map(homes.map((row) => [row.id, row.address]));
	return new Map(
		cases.map((found) => {
			const person = personOf.get(found.personId);
			const address = (found.returneeId ? returnedAt.get(found.returneeId) : null) ?? (found.householdId ? homeAt.get(found.householdId) : null) ?? null;
			return [found.id, { phone: maskPhone(person?.phone ?? null), idNumber: maskIdNumber(person?.idNumber ?? null), address: maskAddress(address) }];
		})
	);
}
