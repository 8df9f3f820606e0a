/**
 * The roster ledger (花名册) meets roster_members: the codes are made by the household register
 * (roster/sync-roster.ts), so a row here only names a member (a person through the people writer,
 * found again by ID number or by the row) and says who cannot come. A household not in the
 * register, or a member beyond its 人数, is refused with the row named.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { householdMembers, households, people, rosterMembers } from '../../../db/schema/index';
import type { CannotComeReason } from '../../../../src/lib/domain/coverage';
import { rosterCodeOf, type RosterRecord } from '../../../../src/lib/ledgers/roster-ledger';
import type { LedgerIssue } from '../../../../src/lib/ledgers/validate-ledger';
import { upsertCounting } from '../upsert-counting';
import { upsertPeople } from './people-writer';
import type { LedgerStore } from './ledger-store';

const CHUNK = 5000;

export const rosterStore: LedgerStore<RosterRecord> = {
	async references(db, records) {
		const members = new Map<string, number>();
		const codes = [...new Set(records.map(({ record }) => record.household))];
		for (let start = 0; start < codes.length; start += CHUNK) {
			const rows = await db.select({ id: households.id, members: households.members }).from(households).where(inArray(households.id, codes.slice(start, start + CHUNK)));
			for (const row of rows) members.set(row.id, row.members);
		}
		const issues: LedgerIssue[] = [];
		for (const { row, record } of records) {
			const count = members.get(record.household);
			if (count === undefined) issues.push({ row, column: '户编号', value: record.household, message: 'is not a known household of the register (import the households first)' });
			else if (record.memberNo > count) issues.push({ row, column: '成员序号', value: String(record.memberNo), message: `is beyond the household's ${count} members (人数 in the register)` });
		}
		return issues;
	},

	async write(tx, records) {
		const codes = records.map(rosterCodeOf);
		const current = new Map((await tx.select({ code: rosterMembers.code, personId: rosterMembers.personId }).from(rosterMembers).where(inArray(rosterMembers.code, codes))).map((row) => [row.code, row.personId]));
		// The head is the register's (户主姓名 there, with the phone); the roster names the head only where the register does not.
		const named = records.filter((record) => record.name && !(record.memberNo === 1 && current.get(rosterCodeOf(record))));
		const rowKey = (record: RosterRecord) => (record.memberNo === 1 ? `household:${record.household}:head` : `roster:${rosterCodeOf(record)}`);
		const ids = await upsertPeople(tx, named.map((record) => ({ rowKey: rowKey(record), name: record.name!, idNumber: record.idNumber, phone: null })));
		const personOf = (record: RosterRecord) => (record.name ? (ids.get(rowKey(record)) ?? current.get(rosterCodeOf(record)) ?? null) : null);
		await upsertCounting(
			tx,
			householdMembers,
			named.filter((record) => record.memberNo > 1).map((record) => ({ householdId: record.household, personId: personOf(record)!, relation: record.relation ?? '家庭成员' })),
			[householdMembers.householdId, householdMembers.personId]
		);
		const changed = await tx.execute(sql`update roster_members r set person_id = coalesce(v.person_id, r.person_id), cannot_come = string_to_array(v.cannot_come, ','), updated_at = now()
			from unnest(${sql.param(codes)}::text[], ${sql.param(records.map(personOf))}::text[], ${sql.param(records.map((record) => (record.cannotCome ?? []).join(',')))}::text[]) as v(code, person_id, cannot_come)
			where r.code = v.code and (coalesce(v.person_id, r.person_id), string_to_array(v.cannot_come, ',')) is distinct from (r.person_id, r.cannot_come)
			returning r.code`);
		const updated = (Array.isArray(changed) ? changed : (changed as { rows: unknown[] }).rows).length;
		return { created: 0, updated, unchanged: records.length - updated };
	},

	async read(db, { includePersonal }) {
		const rows = await db
			.select({ member: rosterMembers, person: people, relation: householdMembers.relation })
			.from(rosterMembers)
			.leftJoin(people, eq(people.id, rosterMembers.personId))
			.leftJoin(householdMembers, and(eq(householdMembers.householdId, rosterMembers.householdId), eq(householdMembers.personId, rosterMembers.personId)))
			.orderBy(asc(rosterMembers.householdId), asc(rosterMembers.memberNo));
		return rows.map(({ member, person, relation }) => ({
			household: member.householdId,
			memberNo: member.memberNo,
			name: includePersonal ? (person?.name ?? null) : null,
			idNumber: includePersonal ? (person?.idNumber ?? null) : null,
			relation: relation ?? null,
			cannotCome: member.cannotCome.length > 0 ? (member.cannotCome as CannotComeReason[]) : null
		}));
	}
};
