/**
 * Personal data is kept only while its purpose lasts: once a quarantine case has been over for
 * the retention period, the household's home, its members and the people who are nobody else's
 * are deleted, not hidden. The register row stays, anonymous, for the statistics.
 *
 * The same window bounds the commands' history (command_outbox: each command with its actor):
 * rows appended to the event log more than the retention period ago are deleted. A row not yet
 * appended is never deleted, however old: the relay still owes it to the log.
 */
import { and, inArray, isNotNull, lt, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { commandOutbox, householdMembers, householdPrivate, households, people, returnees, staff } from '../../db/schema/index';
import { addDays } from '../../../src/lib/domain/quarantine';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { recordAudit } from './record-audit';

export async function purgeExpiredPersonalData({ db, days, now = Date.now() }: { db: Db; days: number; now?: number }): Promise<{ households: number; people: number }> {
	const cutoff = addDays(serviceDay(now), -days);
	return db.transaction(async (tx) => {
		const closed = await tx
			.select({ id: households.id })
			.from(households)
			.where(and(ne(households.measure, 'none'), lt(households.plannedEndDate, cutoff)));
		const ids = closed.map((row) => row.id);
		if (ids.length === 0) return { households: 0, people: 0 };
		const heads = await tx.select({ personId: householdPrivate.headPersonId }).from(householdPrivate).where(inArray(householdPrivate.householdId, ids));
		const members = await tx.select({ personId: householdMembers.personId }).from(householdMembers).where(inArray(householdMembers.householdId, ids));
		const candidates = [...new Set([...heads, ...members].map((row) => row.personId).filter((id): id is string => id !== null))];
		await tx.delete(householdMembers).where(inArray(householdMembers.householdId, ids));
		await tx.delete(householdPrivate).where(inArray(householdPrivate.householdId, ids));
		// The case is closed: the register keeps the household, without its measure's dates or officer.
		await tx.update(households).set({ measure: 'none', startDate: null, plannedEndDate: null, officerStaffId: null }).where(inArray(households.id, ids));
		let deletedPeople = 0;
		if (candidates.length > 0) {
			// People still named by staff, another household or a returnee record are kept.
			const stillUsed = sql`(select person_id from ${staff} union select person_id from ${householdMembers} union select head_person_id from ${householdPrivate} where head_person_id is not null union select person_id from ${returnees})`;
			const deleted = await tx.delete(people).where(and(inArray(people.id, candidates), notInArray(people.id, stillUsed))).returning({ id: people.id });
			deletedPeople = deleted.length;
		}
		await recordAudit({ db: tx as unknown as Db, entry: { actor: 'retention', action: 'personal.purge', subject: 'households', details: { households: ids.length, people: deletedPeople, cutoff } } });
		return { households: ids.length, people: deletedPeople };
	});
}

/** Deletes the commands (with their actors) appended before the window's first day (China time). */
export async function pruneCommandHistory({ db, days, now = Date.now() }: { db: Db; days: number; now?: number }): Promise<{ commands: number }> {
	const cutoff = addDays(serviceDay(now), -days);
	const before = new Date(serviceDayStart(cutoff));
	return db.transaction(async (tx) => {
		const deleted = await tx.delete(commandOutbox).where(and(isNotNull(commandOutbox.appendedAt), lt(commandOutbox.at, before))).returning({ eventId: commandOutbox.eventId });
		if (deleted.length > 0) await recordAudit({ db: tx as unknown as Db, entry: { actor: 'retention', action: 'commands.prune', subject: 'command_outbox', details: { commands: deleted.length, cutoff } } });
		return { commands: deleted.length };
	});
}

const EVERY_MS = 60 * 60 * 1000;

export function startRetention({ db, days, logger }: { db: Db; days: number; logger?: Pick<Console, 'warn' | 'log'> }): { stop(): void } {
	const run = () =>
		purgeExpiredPersonalData({ db, days })
			.then((purged) => purged.households > 0 && logger?.log(`retention: deleted the personal data of ${purged.households} closed quarantine households (${purged.people} people)`))
			.catch((error: Error) => logger?.warn(`retention: ${error.message}`))
			.then(() => pruneCommandHistory({ db, days }))
			.then((pruned) => pruned && pruned.commands > 0 && logger?.log(`retention: deleted ${pruned.commands} commands appended more than ${days} days ago`))
			.catch((error: Error) => logger?.warn(`retention: command history: ${error.message}`));
	const first = setTimeout(run, 5_000);
	const timer = setInterval(run, EVERY_MS);
	return {
		stop: () => {
			clearTimeout(first);
			clearInterval(timer);
		}
	};
}
