/**
 * listCoverageGap: a village's members not yet sampled in today's round (不漏一人), for its village
 * officers (and the command centre), with names masked, who cannot come and why, and the open
 * door-to-door visit of each. No home, no ID number, no phone. Every listing is on the audit log,
 * by village and count only.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { maskName } from '../../../src/lib/domain/masking';
import { serviceDay } from '../../../src/lib/domain/service-day';
import type { CoverageGap } from '../../../src/lib/protocol/coverage';
import type { UserRole } from '../../auth/roles';
import type { UserScope } from '../../auth/user-scope';
import type { Db } from '../../db/client';
import { regions, rosterMembers } from '../../db/schema/index';
import { recordAudit } from '../identity/record-audit';
import { nameOfRegionId } from '../ledgers/region-ids';
import { villageInScope } from '../quarantine/village-scope';
import { serviceErrors } from '../service-error';

/** Who reads a gap list: the village's officers, and the command centre. */
export const GAP_READERS: readonly UserRole[] = ['quarantine_officer', 'commander', 'admin'];

export const refuseGap = serviceErrors({
	gap_not_allowed: { kind: 'forbidden', text: () => ({ zh: '未采样名单只对本村隔离专班和指挥部开放', en: 'the not-yet-sampled list is for the village’s quarantine officers and the command centre only' }) },
	gap_outside_villages: { kind: 'forbidden', text: () => ({ zh: '只能查看本人负责村（社区）的未采样名单', en: 'an officer sees the not-yet-sampled list of their own villages only' }) },
	gap_village_unknown: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有村（社区）"${id}"`, en: `no village "${id}"` }) }
});

export interface GapContext {
	db: Db;
	actor: string;
	role: UserRole;
	scope: UserScope;
	now?: number;
}

export async function listCoverageGap({ ctx, input }: { ctx: GapContext; input: { villageId: string } }): Promise<CoverageGap> {
	if (!GAP_READERS.includes(ctx.role)) throw refuseGap('gap_not_allowed');
	if (!villageInScope(ctx.scope, input.villageId)) throw refuseGap('gap_outside_villages');
	const [village] = await ctx.db.select({ id: regions.id }).from(regions).where(and(eq(regions.id, input.villageId), eq(regions.level, 'village')));
	if (!village) throw refuseGap('gap_village_unknown', { id: input.villageId });
	const day = serviceDay(ctx.now ?? Date.now());
	const [{ registered }] = await ctx.db.select({ registered: count() }).from(rosterMembers).where(eq(rosterMembers.villageId, input.villageId));
	// A household code sampled (一户一管) covers all its members.
	const result = await ctx.db.execute(sql`select r.code, r.household_id, r.member_no, r.cannot_come, p.name,
			(select min(d.id) from door_visits d where d.day = ${day} and d.member_code = r.code and d.status = 'open') as door_visit_id
		from roster_members r left join people p on p.id = r.person_id
		where r.village_id = ${input.villageId}
			and not exists (select 1 from sampled_members s where s.day = ${day} and s.member_code in (r.code, r.household_id))
		order by r.household_id, r.member_no`);
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { code: string; household_id: string; member_no: number; cannot_come: string[] | string; name: string | null; door_visit_id: number | null }[];
	const members = rows.map((row) => ({
		memberCode: row.code,
		householdId: row.household_id,
		nameMasked: maskName(row.name),
		memberNo: Number(row.member_no),
		cannotCome: pgTextArray(row.cannot_come),
		doorVisitId: row.door_visit_id === null ? null : Number(row.door_visit_id)
	}));
	await recordAudit({ db: ctx.db, entry: { actor: ctx.actor, action: 'coverage.gap_list', subject: `village:${input.villageId}`, details: { day, notYetSampled: members.length, cannotCome: members.filter((member) => member.cannotCome.length > 0).length } } });
	return { day, villageId: input.villageId, name: nameOfRegionId(input.villageId), registered, sampled: registered - members.length, members };
}

/** A text[] as a raw query gives it: an array (postgres.js) or its literal '{aged,bedridden}' (PGlite may). */
function pgTextArray(value: string[] | string | null): string[] {
	if (Array.isArray(value)) return value;
	if (!value || value === '{}') return [];
	return value.slice(1, -1).split(',');
}
