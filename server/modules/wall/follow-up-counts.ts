/**
 * The wall's quarantine follow-up figures, per village only: how many follow-ups were due today by
 * now and not done (src/lib/domain/follow-up.ts: home quarantine twice a day, others once; a case
 * owes nothing before it began or after it ended), and the villages with a case whose latest
 * follow-up today found fever or symptoms (and that was not handed over since, at the end of its
 * transfer). Counts and villages, never a case or a person.
 */
import { and, eq, gte, inArray, isNotNull, like, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkIns, quarantineCaseEvents, quarantineCases } from '../../db/schema/index';
import { villagePlaces } from '../quarantine/village-places';
import { caseVillages } from '../quarantine/case-villages';
import { assessFollowUp, overdueFollowUps, type FollowUpSlot, type Symptom } from '../../../src/lib/domain/follow-up';
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
	const [cases, done, handedOver] = await Promise.all([
		db
			.select({ id: quarantineCases.id, villageId: quarantineCases.villageId, measure: quarantineCases.measure, startDate: quarantineCases.startDate, plannedEndDate: quarantineCases.plannedEndDate, status: quarantineCases.status, createdAt: quarantineCases.createdAt, releasedAt: quarantineCases.releasedAt, updatedAt: quarantineCases.updatedAt })
			.from(quarantineCases)
			.where(and(inScope, lte(quarantineCases.startDate, day), gte(quarantineCases.plannedEndDate, day), or(eq(quarantineCases.status, 'active'), and(inArray(quarantineCases.status, [...ENDED]), gte(quarantineCases.updatedAt, dayStart))))),
		db
			.select({ caseId: checkIns.caseId, villageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId, slot: checkIns.slot, at: checkIns.at, temperatureC: checkIns.temperatureC, fever: checkIns.fever, symptoms: checkIns.symptoms })
			.from(checkIns)
			.innerJoin(quarantineCases, eq(quarantineCases.id, checkIns.caseId))
			.where(and(isNotNull(checkIns.caseId), eq(checkIns.day, day), inScope)),
		// Today's handovers at the end of a transfer: the fever was acted on (as the live fever watch has it).
		db
			.select({ caseId: quarantineCaseEvents.caseId, villageId: quarantineCases.villageId, at: quarantineCaseEvents.at })
			.from(quarantineCaseEvents)
			.innerJoin(quarantineCases, eq(quarantineCases.id, quarantineCaseEvents.caseId))
			.where(and(eq(quarantineCaseEvents.kind, 'transferred'), gte(quarantineCaseEvents.at, dayStart), inScope))
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

	// Fever: a case whose latest follow-up today was critical, since its first critical one today; a
	// handover after it clears it.
	const latest = new Map<string, { villageId: string; at: number; critical: boolean; firstCritical: number | null }>();
	const sequence = [...done.map((row) => ({ ...row, handover: false })), ...handedOver.map((row) => ({ ...row, handover: true, fever: false, temperatureC: null, symptoms: [] }))];
	for (const row of sequence.sort((a, b) => a.at.getTime() - b.at.getTime())) {
		const critical = !row.handover && (row.fever || assessFollowUp({ temperatureC: row.temperatureC, symptoms: row.symptoms as Symptom[] }).critical);
		const known = latest.get(row.caseId!);
		const firstCritical = critical ? (known?.firstCritical ?? row.at.getTime()) : null;
		latest.set(row.caseId!, { villageId: row.villageId, at: row.at.getTime(), critical, firstCritical });
	}
	// A fever is placed where the person is: a hotel case at its hotel's village (case-villages.ts), as the live watch has it.
	const placedIn = await caseVillages(db, done.map((row) => ({ ...row, id: row.caseId! })));
	const feverCases = new Map<string, { cases: number; since: number }>();
	for (const [caseId, entry] of latest) {
		if (!entry.critical || entry.firstCritical === null) continue;
		const villageId = placedIn.get(caseId) ?? entry.villageId;
		const village = feverCases.get(villageId) ?? { cases: 0, since: entry.firstCritical };
		village.cases += 1;
		village.since = Math.min(village.since, entry.firstCritical);
		feverCases.set(villageId, village);
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
