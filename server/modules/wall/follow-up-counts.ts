/**
 * The wall's quarantine follow-up figures, per village only: how many follow-ups were due today by
 * now and not done (src/lib/domain/follow-up.ts: home quarantine twice a day, others once; a case
 * owes nothing before it began or after it ended), and the villages with a standing fever
 * (quarantine/standing-fevers.ts: reported on any day, until handed over or dismissed; a later
 * normal reading does not clear it). Counts and villages, never a case or a person.
 */
import { and, eq, gte, inArray, isNotNull, like, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkIns, quarantineCases } from '../../db/schema/index';
import { villagePlaces } from '../quarantine/village-places';
import { standingFevers } from '../quarantine/standing-fevers';
import { overdueFollowUps, type FollowUpSlot } from '../../../src/lib/domain/follow-up';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import type { FeverVillage } from '../../../src/lib/protocol/layers';
import { nameOfRegionId } from '../ledgers/region-ids';

export interface FollowUpCounts {
	overdue: number;
	overdueByVillage: { villageId: string; village: string; overdue: number }[];
	fevers: FeverVillage[];
}

/** Statuses of a case that has ended (it owes the follow-ups due before it ended, that day). */
const ENDED = ['released', 'transferred', 'cancelled'] as const;

export async function followUpCounts(db: Db, villagePrefix: string, now: number): Promise<FollowUpCounts> {
	const day = serviceDay(now);
	const dayStart = new Date(serviceDayStart(day));
	const inScope = like(quarantineCases.villageId, `${villagePrefix}%`);
	const [cases, done, standing] = await Promise.all([
		db
			.select({ id: quarantineCases.id, villageId: quarantineCases.villageId, measure: quarantineCases.measure, startDate: quarantineCases.startDate, plannedEndDate: quarantineCases.plannedEndDate, status: quarantineCases.status, createdAt: quarantineCases.createdAt, releasedAt: quarantineCases.releasedAt, updatedAt: quarantineCases.updatedAt })
			.from(quarantineCases)
			.where(and(inScope, lte(quarantineCases.startDate, day), gte(quarantineCases.plannedEndDate, day), or(eq(quarantineCases.status, 'active'), and(inArray(quarantineCases.status, [...ENDED]), gte(quarantineCases.updatedAt, dayStart))))),
		db
			.select({ caseId: checkIns.caseId, villageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId, slot: checkIns.slot, at: checkIns.at, temperatureC: checkIns.temperatureC, fever: checkIns.fever, symptoms: checkIns.symptoms })
			.from(checkIns)
			.innerJoin(quarantineCases, eq(quarantineCases.id, checkIns.caseId))
			.where(and(isNotNull(checkIns.caseId), eq(checkIns.day, day), inScope)),
		// Fevers that stand now, whatever the day they were reported (standing-fevers.ts, the one definition).
		standingFevers(db, villagePrefix)
	]);

	const slotsDone = new Map<string, Set<FollowUpSlot>>();
	for (const row of done) {
		const slots = slotsDone.get(row.caseId!) ?? new Set<FollowUpSlot>();
		slots.add(row.slot);
		slotsDone.set(row.caseId!, slots);
	}
	const overdueByVillage = new Map<string, number>();
	let overdue = 0;
	for (const c of cases) {
		// A case counts from when it was registered on its first day (or from the start of its first day, if registered before).
		const startedAt = Math.max(c.createdAt.getTime(), serviceDayStart(c.startDate));
		const endedAt = c.status === 'active' ? null : (c.releasedAt ?? c.updatedAt).getTime();
		const missing = overdueFollowUps({ measure: c.measure, startedAt, endDate: c.plannedEndDate, endedAt }, day, slotsDone.get(c.id) ?? new Set(), now).length;
		if (missing === 0) continue;
		overdue += missing;
		overdueByVillage.set(c.villageId, (overdueByVillage.get(c.villageId) ?? 0) + missing);
	}

	// Fever: placed where the person is (a hotel case at its hotel's village), as the live watch has it.
	const feverCases = new Map<string, { cases: number; since: number }>();
	for (const fever of standing) {
		const village = feverCases.get(fever.placedVillageId) ?? { cases: 0, since: fever.since };
		village.cases += 1;
		village.since = Math.min(village.since, fever.since);
		feverCases.set(fever.placedVillageId, village);
	}

	const place = await villagePlaces(db, [...overdueByVillage.keys(), ...feverCases.keys()]);
	const nameOf = (villageId: string) => place.get(villageId)?.name ?? nameOfRegionId(villageId);
	return {
		overdue,
		overdueByVillage: [...overdueByVillage].map(([villageId, count]) => ({ villageId, village: nameOf(villageId), overdue: count })).sort((a, b) => a.villageId.localeCompare(b.villageId)),
		fevers: [...feverCases]
			.map(([villageId, entry]) => ({ villageId, village: nameOf(villageId), lat: place.get(villageId)?.lat ?? null, lon: place.get(villageId)?.lon ?? null, cases: entry.cases, since: new Date(entry.since).toISOString() }))
			.sort((a, b) => a.villageId.localeCompare(b.villageId))
	};
}
