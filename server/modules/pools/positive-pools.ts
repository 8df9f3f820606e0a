/**
 * Positive pools of the last two days with the households whose people went into them, for the
 * single re-tests that must follow at once (domain.md). Households are listed by code, village,
 * size and quarantine measure with the head's name masked; never a home. Only for roles with
 * pools:view, and every listing is recorded.
 */
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { householdPrivate, households, labs, people, poolMembers, poolResults, sampleBoxes, sites } from '../../db/schema/index';
import { maskName } from '../../../src/lib/domain/masking';
import type { PositivePool } from '../../../src/lib/protocol/pools';
import { recordAudit } from '../identity/record-audit';
import { nameOfRegionId } from '../ledgers/region-ids';

const WINDOW_MS = 48 * 3_600_000;

/**
 * villageIds limits the listing to an officer's villages: only their households are named, and a
 * pool with none of them is left out (the dispatch board still counts every positive pool).
 */
export async function listPositivePools(db: Db, { actor, villageIds }: { actor: string; villageIds: string[] | null }, now = Date.now()): Promise<PositivePool[]> {
	if (villageIds?.length === 0) return [];
	const positives = await db
		.select({ boxId: poolResults.boxId, tube: poolResults.tube, at: poolResults.at, labName: labs.name, siteName: sites.name, sealedAt: sampleBoxes.sealedAt })
		.from(poolResults)
		.leftJoin(labs, eq(labs.id, poolResults.labId))
		.leftJoin(sampleBoxes, eq(sampleBoxes.id, poolResults.boxId))
		.leftJoin(sites, eq(sites.id, sampleBoxes.siteId))
		.where(and(eq(poolResults.result, 'positive'), gte(poolResults.at, new Date(now - WINDOW_MS))))
		.orderBy(desc(poolResults.at));
	if (positives.length === 0) return [];
	const members = await db
		.select({ boxId: poolMembers.boxId, tube: poolMembers.tube, householdId: households.id, villageId: households.villageId, size: households.members, measure: households.measure, head: people.name })
		.from(poolMembers)
		.innerJoin(households, eq(households.id, poolMembers.householdId))
		.leftJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.leftJoin(people, eq(people.id, householdPrivate.headPersonId))
		.where(and(inArray(poolMembers.boxId, [...new Set(positives.map((pool) => pool.boxId))]), villageIds ? inArray(households.villageId, villageIds) : undefined));
	const listed = villageIds ? positives.filter((pool) => members.some((member) => member.boxId === pool.boxId && member.tube === pool.tube)) : positives;
	await recordAudit({ db, entry: { actor, action: 'pools.list_positive', subject: 'pools:positive', details: { pools: listed.map((pool) => `${pool.boxId}/${pool.tube}`), ...(villageIds ? { villageIds } : {}) } } });
	return listed.map((pool) => ({
		boxId: pool.boxId, tube: pool.tube, resultAt: pool.at.toISOString(), labName: pool.labName, siteName: pool.siteName, sealedAt: pool.sealedAt?.toISOString() ?? null,
		households: members
			.filter((member) => member.boxId === pool.boxId && member.tube === pool.tube)
			.map((member) => ({ id: member.householdId, village: nameOfRegionId(member.villageId), members: member.size, measure: member.measure, headMasked: maskName(member.head) }))
	}));
}
