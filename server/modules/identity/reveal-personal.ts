/**
 * The full value of one field, or of a few fields of one person at once (the officer's phone
 * reveals phone, ID number and address together: one reason, one audit entry naming the fields),
 * for a role that needs it; the audit entry is written first. A person's address is their home as
 * registered on return (returnee_private), else the address of the household they head or belong to. A user
 * limited to some villages reaches only the people and households of those villages; anything
 * else gets the same answer as a subject that does not exist, so a refusal confirms nothing.
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdMembers, householdPrivate, households, people, returneePrivate, returnees } from '../../db/schema/index';
import { recordAudit } from './record-audit';

export class RevealError extends Error {}

export type RevealField = 'name' | 'idNumber' | 'phone' | 'address';

export interface RevealInput {
	subject: string;
	/** One field, or (fields) a few of one person's at once. */
	field?: RevealField;
	fields?: RevealField[];
	reason: string;
}

export async function revealPersonal({ db, input, actor, villageIds }: { db: Db; input: RevealInput; actor: string; villageIds: string[] | null }): Promise<{ subject: string; field: string; value: string | null; values?: Partial<Record<RevealField, string | null>> }> {
	const [kind, id] = [input.subject.slice(0, input.subject.indexOf(':')), input.subject.slice(input.subject.indexOf(':') + 1)];
	const unseen = new RevealError(`no ${input.subject} among the people and households you may see`);
	const fields = [...new Set(input.fields ?? (input.field ? [input.field] : []))];
	if (fields.length === 0) throw new RevealError('say which field to reveal');
	const values: Partial<Record<RevealField, string | null>> = {};
	if (kind === 'person') {
		const [person] = await db.select().from(people).where(eq(people.id, id));
		if (!person || (villageIds && !(await livesIn(db, id, villageIds)))) throw unseen;
		for (const field of fields) values[field] = field === 'address' ? await personAddress(db, id) : person[field];
	} else {
		if (fields.some((field) => field !== 'address')) throw new RevealError('a household reveals only its address; reveal its head as a person');
		const [home] = await db
			.select({ address: householdPrivate.address, villageId: households.villageId })
			.from(householdPrivate)
			.innerJoin(households, eq(households.id, householdPrivate.householdId))
			.where(eq(householdPrivate.householdId, id));
		if (!home || (villageIds && !villageIds.includes(home.villageId))) throw unseen;
		values.address = home.address;
	}
	await recordAudit({ db, entry: { actor, action: 'personal.reveal', subject: input.subject, reason: input.reason, details: fields.length === 1 ? { field: fields[0] } : { fields } } });
	// A one-field reveal answers as it always has; a reveal of fields answers with them all.
	return { subject: input.subject, field: fields[0], value: values[fields[0]] ?? null, ...(input.fields ? { values } : {}) };
}

/** A person's home: as registered on their latest return, else their household's address. */
async function personAddress(db: Db, personId: string): Promise<string | null> {
	const [returned] = await db
		.select({ address: returneePrivate.address })
		.from(returnees)
		.innerJoin(returneePrivate, eq(returneePrivate.returneeId, returnees.id))
		.where(eq(returnees.personId, personId))
		.orderBy(desc(returnees.arrivalAt))
		.limit(1);
	if (returned?.address) return returned.address;
	const [home] = await db
		.select({ address: householdPrivate.address })
		.from(householdPrivate)
		.leftJoin(householdMembers, eq(householdMembers.householdId, householdPrivate.householdId))
		.where(or(eq(householdPrivate.headPersonId, personId), eq(householdMembers.personId, personId)))
		.limit(1);
	return home?.address ?? null;
}

/** Whether a person heads or belongs to a household of these villages, or returned to one of them (a returnee). */
async function livesIn(db: Db, personId: string, villageIds: string[]): Promise<boolean> {
	if (villageIds.length === 0) return false;
	const [household] = await db
		.select({ id: households.id })
		.from(households)
		.leftJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.leftJoin(householdMembers, eq(householdMembers.householdId, households.id))
		.where(and(inArray(households.villageId, villageIds), or(eq(householdPrivate.headPersonId, personId), eq(householdMembers.personId, personId))))
		.limit(1);
	if (household) return true;
	const [returnee] = await db
		.select({ id: returnees.id })
		.from(returnees)
		.leftJoin(households, eq(households.id, returnees.householdId))
		// A returnee registered without a household on the register still has a home village.
		.where(and(eq(returnees.personId, personId), or(inArray(households.villageId, villageIds), inArray(returnees.villageId, villageIds))))
		.limit(1);
	return returnee !== undefined;
}
