/**
 * Resolves the codes a registration desk typed or scanned (site.sampled) against the roster
 * (花名册) at ingest: a member code names one member, a household code (一户一管) all the members of
 * that household. One query per ingest batch for the codes in it, never the whole roster, so a
 * county of millions costs what the batch costs.
 */
import { inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rosterMembers } from '../../db/schema/index';

export interface ResolvedCodes {
	/** Member codes that are on the roster. */
	members: ReadonlySet<string>;
	/** Household code → its members' codes, in member order. */
	households: ReadonlyMap<string, string[]>;
}

export interface RosterLookup {
	resolve(memberCodes: readonly string[], householdCodes: readonly string[]): Promise<ResolvedCodes>;
}

export function rosterLookup(db: Db): RosterLookup {
	return {
		async resolve(memberCodes, householdCodes) {
			const members = [...new Set(memberCodes)];
			const households = [...new Set(householdCodes)];
			if (members.length === 0 && households.length === 0) return { members: new Set(), households: new Map() };
			const conditions = [members.length > 0 ? inArray(rosterMembers.code, members) : undefined, households.length > 0 ? inArray(rosterMembers.householdId, households) : undefined].filter((condition) => condition !== undefined);
			const rows = await db
				.select({ code: rosterMembers.code, householdId: rosterMembers.householdId, memberNo: rosterMembers.memberNo })
				.from(rosterMembers)
				.where(or(...conditions));
			const wantedHouseholds = new Set(households);
			const found = new Set<string>();
			const byHousehold = new Map<string, { code: string; memberNo: number }[]>();
			for (const row of rows) {
				found.add(row.code);
				if (!wantedHouseholds.has(row.householdId)) continue;
				byHousehold.set(row.householdId, [...(byHousehold.get(row.householdId) ?? []), row]);
			}
			const resolved = new Map([...byHousehold].map(([id, list]) => [id, list.sort((a, b) => a.memberNo - b.memberNo).map((member) => member.code)]));
			return { members: new Set(members.filter((code) => found.has(code))), households: resolved };
		}
	};
}
