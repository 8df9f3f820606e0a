/** The full value of one field, for a role that needs it; the audit entry is written first. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, people } from '../../db/schema/index';
import { recordAudit } from './record-audit';

export class RevealError extends Error {}

export interface RevealInput {
	subject: string;
	field: 'name' | 'idNumber' | 'phone' | 'address';
	reason: string;
}

export async function revealPersonal({ db, input, actor }: { db: Db; input: RevealInput; actor: string }): Promise<{ subject: string; field: string; value: string | null }> {
	const [kind, id] = [input.subject.slice(0, input.subject.indexOf(':')), input.subject.slice(input.subject.indexOf(':') + 1)];
	let value: string | null;
	if (kind === 'person') {
		if (input.field === 'address') throw new RevealError('a person has no address field; reveal the household address');
		const [person] = await db.select().from(people).where(eq(people.id, id));
		if (!person) throw new RevealError(`no ${input.subject}`);
		value = person[input.field];
	} else {
		if (input.field !== 'address') throw new RevealError('a household reveals only its address; reveal its head as a person');
		const [home] = await db.select().from(householdPrivate).where(eq(householdPrivate.householdId, id));
		if (!home) throw new RevealError(`no ${input.subject}`);
		value = home.address;
	}
	await recordAudit({ db, entry: { actor, action: 'personal.reveal', subject: input.subject, reason: input.reason, details: { field: input.field } } });
	return { subject: input.subject, field: input.field, value };
}
