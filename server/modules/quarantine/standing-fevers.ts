/**
 * The fevers (fever or symptoms) that stand now, per case: the one definition the wall's overview
 * (wall/follow-up-counts.ts), the desk (desk-summary.ts), the officer's rounds and the live fever
 * watch at start (server/pipeline/fever-watch.ts) read. A fever stands from its first critical
 * reading until the person is handed over (a `transferred` row) or an officer dismisses it with a
 * reason (a `concern_dismissed` row): not until midnight, and not until a later normal reading
 * (src/lib/domain/standing-concern.ts). Case ids and villages; never a reading or a person.
 */
import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkIns, quarantineCaseEvents, quarantineCases } from '../../db/schema/index';
import { assessFollowUp, type Symptom } from '../../../src/lib/domain/follow-up';
import { feverStandsSince } from '../../../src/lib/domain/standing-concern';
import { CONCERN_ENDS } from './standing-proposals';
import { caseVillages } from './case-villages';
import { villagePlaces } from './village-places';

export interface StandingFever {
	caseId: string;
	personId: string;
	/** The case's own village (the desk's and the officers' scope). */
	villageId: string;
	/** Where the person is: a hotel case at its hotel's village (case-villages.ts), as the wall places it. */
	placedVillageId: string;
	/** The first critical reading since the last handover or dismissal (epoch ms). */
	since: number;
	/** The slot of that reading. */
	slot: string;
}

/** Cases still under their measure (a case ended at a fever clinic, released or closed has no standing fever). */
const UNDER_MEASURE = ['active', 'awaiting_transfer'] as const;

export async function standingFevers(db: Db, villagePrefix = 'v:'): Promise<StandingFever[]> {
	const inScope = and(like(quarantineCases.villageId, `${villagePrefix}%`), inArray(quarantineCases.status, [...UNDER_MEASURE]));
	// Only readings that may be critical: a symptom, a stored fever, or a temperature near the threshold.
	const readings = await db
		.select({ caseId: checkIns.caseId, personId: quarantineCases.personId, villageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId, at: checkIns.at, slot: checkIns.slot, temperatureC: checkIns.temperatureC, fever: checkIns.fever, symptoms: checkIns.symptoms })
		.from(checkIns)
		.innerJoin(quarantineCases, eq(quarantineCases.id, checkIns.caseId))
		.where(and(inScope, or(eq(checkIns.fever, true), sql`jsonb_array_length(${checkIns.symptoms}) > 0`, sql`${checkIns.temperatureC} >= 37`)));
	// A re-check replaces the slot's check-in; the case's history keeps every reading, so a fever replaced by a later normal reading is still seen.
	const history = await db
		.select({ caseId: quarantineCaseEvents.caseId, personId: quarantineCases.personId, villageId: quarantineCases.villageId, placeKind: quarantineCases.placeKind, quarantineSiteId: quarantineCases.quarantineSiteId, details: quarantineCaseEvents.details })
		.from(quarantineCaseEvents)
		.innerJoin(quarantineCases, eq(quarantineCases.id, quarantineCaseEvents.caseId))
		.where(and(inScope, eq(quarantineCaseEvents.kind, 'follow_up'), or(sql`${quarantineCaseEvents.details}->>'critical' = 'true'`, sql`${quarantineCaseEvents.details}->>'fever' = 'true'`)));
	for (const row of history) {
		const details = row.details as { takenAt?: string; slot?: string; temperatureC?: number | null; symptoms?: string[]; fever?: boolean };
		if (!details.takenAt) continue;
		readings.push({ ...row, at: new Date(details.takenAt), slot: (details.slot ?? 'morning') as (typeof readings)[number]['slot'], temperatureC: details.temperatureC ?? null, fever: details.fever === true, symptoms: details.symptoms ?? [] });
	}
	const caseIds = [...new Set(readings.map((row) => row.caseId!))];
	if (caseIds.length === 0) return [];
	const ends = await db
		.select({ caseId: quarantineCaseEvents.caseId, at: quarantineCaseEvents.at })
		.from(quarantineCaseEvents)
		.where(and(inArray(quarantineCaseEvents.caseId, caseIds), inArray(quarantineCaseEvents.kind, [...CONCERN_ENDS])));
	const placedIn = await caseVillages(db, readings.map((row) => ({ ...row, id: row.caseId! })));
	const standing: StandingFever[] = [];
	for (const caseId of caseIds) {
		const own = readings.filter((row) => row.caseId === caseId);
		// A reading with no temperature keeps what the phone said (a reported fever); one with a temperature is judged by today's rule.
		const critical = (row: (typeof own)[number]) => (row.temperatureC === null && row.fever) || assessFollowUp({ temperatureC: row.temperatureC, symptoms: row.symptoms as Symptom[] }).critical;
		const since = feverStandsSince(
			own.map((row) => ({ at: row.at.getTime(), critical: critical(row) })),
			ends.filter((end) => end.caseId === caseId).map((end) => ({ at: end.at.getTime() }))
		);
		if (since === null) continue;
		const first = own.find((row) => row.at.getTime() === since)!;
		standing.push({ caseId, personId: first.personId, villageId: first.villageId, placedVillageId: placedIn.get(caseId) ?? first.villageId, since, slot: first.slot });
	}
	return standing.sort((a, b) => a.since - b.since);
}

/** The standing fevers as the live fever watch restores them at start: placed where the person is, with the village's centre. */
export async function standingFeversToRestore(db: Db): Promise<{ caseId: string; villageId: string; village: { name: string; lat: number; lon: number } | null; since: number }[]> {
	const fevers = await standingFevers(db);
	const places = await villagePlaces(db, fevers.map((fever) => fever.placedVillageId));
	return fevers.map((fever) => {
		const place = places.get(fever.placedVillageId);
		const village = place && place.lat !== null && place.lon !== null ? { name: place.name, lat: place.lat, lon: place.lon } : null;
		return { caseId: fever.caseId, villageId: fever.placedVillageId, village, since: fever.since };
	});
}
