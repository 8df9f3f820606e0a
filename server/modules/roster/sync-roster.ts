/**
 * The roster (花名册) follows the household ledger: a household of N members has the roster codes
 * `<code>-1` … `<code>-N` (1 the head). Run in the household import's transaction, batch by batch,
 * as two set statements over unnest arrays (a 200,000-row import must not go row by row). What a
 * roster ledger added (a member's person, who cannot come) is kept; a member numbered beyond the
 * household's new count goes.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../ledgers/stores/ledger-store';

export interface RosterHousehold {
	code: string;
	villageId: string;
	townshipId: string;
	members: number;
	/** The head's person, when the ledger names the head. */
	headPersonId: string | null;
}

/** The roster codes of a household: pure, so the rule is tested on its own. */
export function rosterCodes(household: { code: string; members: number }): { code: string; memberNo: number }[] {
	return Array.from({ length: household.members }, (_, index) => ({ code: `${household.code}-${index + 1}`, memberNo: index + 1 }));
}

export async function syncRoster(tx: Tx, households: RosterHousehold[]): Promise<void> {
	if (households.length === 0) return;
	const codes: string[] = [];
	const householdIds: string[] = [];
	const villages: string[] = [];
	const townships: string[] = [];
	const numbers: number[] = [];
	const persons: (string | null)[] = [];
	for (const household of households) {
		for (const member of rosterCodes(household)) {
			codes.push(member.code);
			householdIds.push(household.code);
			villages.push(household.villageId);
			townships.push(household.townshipId);
			numbers.push(member.memberNo);
			persons.push(member.memberNo === 1 ? household.headPersonId : null);
		}
	}
	await tx.execute(sql`insert into roster_members (code, household_id, village_id, township_id, member_no, person_id)
		select * from unnest(${sql.param(codes)}::text[], ${sql.param(householdIds)}::text[], ${sql.param(villages)}::text[], ${sql.param(townships)}::text[], ${sql.param(numbers)}::int[], ${sql.param(persons)}::text[])
		on conflict (code) do update set village_id = excluded.village_id, township_id = excluded.township_id,
			person_id = coalesce(excluded.person_id, roster_members.person_id), updated_at = now()
		where (roster_members.village_id, roster_members.township_id) is distinct from (excluded.village_id, excluded.township_id)
			or (excluded.person_id is not null and excluded.person_id is distinct from roster_members.person_id)`);
	// Fewer members than before: the members numbered beyond the count leave the roster.
	await tx.execute(sql`delete from roster_members r using unnest(${sql.param(households.map((each) => each.code))}::text[], ${sql.param(households.map((each) => each.members))}::int[]) as h(id, members)
		where r.household_id = h.id and r.member_no > h.members`);
}

/** Members of households no longer in the register leave the roster (once per import, after all batches). */
export async function dropOrphanRoster(tx: Tx): Promise<void> {
	await tx.execute(sql`delete from roster_members r where not exists (select 1 from households h where h.id = r.household_id)`);
}
