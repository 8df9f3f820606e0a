/**
 * The villages with a positive pool's playbook still open, for the wall's overview and its
 * critical `pool_positive` alert (the village as subject: its officers act, the command sees it):
 * how many playbooks, since the first positive, whether the officers have acknowledged all,
 * where the wall places the village. Never a household or a person. A township's wall sees its own.
 */
import { asc, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { positivePlaybooks } from '../../db/schema/index';
import type { PoolPositiveVillage } from '../../../src/lib/protocol/wall-overview';
import { nameOfRegionId } from '../ledgers/region-ids';
import { villagePlaces } from '../quarantine/village-places';

export async function poolPositiveVillages(db: Db, townshipId: string | null): Promise<PoolPositiveVillage[]> {
	const open = await db.select({ villageIds: positivePlaybooks.villageIds, positiveAt: positivePlaybooks.positiveAt, notifiedAt: positivePlaybooks.notifiedAt }).from(positivePlaybooks).where(isNull(positivePlaybooks.closedAt)).orderBy(asc(positivePlaybooks.positiveAt));
	const byVillage = new Map<string, { playbooks: number; since: Date; notified: boolean }>();
	const prefix = townshipId ? `v:${nameOfRegionId(townshipId)}/` : null;
	for (const playbook of open) {
		for (const villageId of playbook.villageIds) {
			if (prefix && !villageId.startsWith(prefix)) continue;
			const seen = byVillage.get(villageId) ?? { playbooks: 0, since: playbook.positiveAt, notified: true };
			byVillage.set(villageId, { playbooks: seen.playbooks + 1, since: seen.since, notified: seen.notified && playbook.notifiedAt !== null });
		}
	}
	const places = await villagePlaces(db, [...byVillage.keys()]);
	return [...byVillage].map(([villageId, found]) => ({ villageId, village: places.get(villageId)?.name ?? nameOfRegionId(villageId), playbooks: found.playbooks, since: found.since.toISOString(), notified: found.notified, lat: places.get(villageId)?.lat ?? null, lon: places.get(villageId)?.lon ?? null }));
}
