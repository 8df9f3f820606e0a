/**
 * The full value of one field, for a role that needs it; the audit entry is written first. A user
 * limited to some villages reaches only the people and households of those villages; anything
 * else gets the same answer as a subject that does not exist, so a refusal confirms nothing.
 */
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdMembers, householdPrivate, households, people, returnees } from '../../db/schema/index';
import { recordAudit } from './record-audit';

export class RevealError extends Error {}

export interface RevealInput {
	subject: string;
	field: 'name' | 'idNumber' | 'phone' | 'address';
	reason: string;
}

export async function revealPersonal({ db, input, actor, villageIds }: { db: Db; input: RevealInput; actor: string; villageIds: string[] | null }): Promise<{ subject: string; field: string; value: string | null }> {
	const [kind, id] = [input.subject.slice(0, input.subject.indexOf(':')), input.subject.slice(input.subject.indexOf(':') + 1)];
	const unseen = new RevealError(`no ${input.subject} among the people and households you may see`);
	let value: string | null;
	if (kind === 'person') {
		if (input.field === 'address') throw new RevealError('a person has no address field; reveal the household address');
		const [person] = await db.select().from(people).where(eq(people.id, id));
		if (!person || (villageIds && !(await livesIn(db, id, villageIds)))) throw unseen;
		value = person[input.field];
	} else {
		if (input.field !== 'address') throw new RevealError('a household reveals only its address; reveal its head as a person');
		const [home] = await db
			.select({ address: householdPrivate.address, villageId: households.villageId })
			.from(householdPrivate)
			.innerJoin(households, eq(households.id, householdPrivate.householdId))
			.where(eq(householdPrivate.householdId, id));
		if (!home || (villageIds && !villageIds.includes(home.villageId))) throw unseen;
		value = home.address;
	}
	await recordAudit({ db, entry: { actor, action: 'personal.reveal', subject: input.subject, reason: input.reason, details: { field: input.field } } });
	return { subject: input.subject, field: input.field, value };
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
