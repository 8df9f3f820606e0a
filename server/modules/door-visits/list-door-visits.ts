/**
 * Today's door visits as a team works them: for an officer's phone (their villages, in route
 * order, member codes with masked names, households by code), and for the dispatch map (counts
 * per village at the village's centre: never a home, never a household).
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { doorVisits, people, rosterMembers } from '../../db/schema/index';
import { maskName } from '../../../src/lib/domain/masking';
import { serviceDay } from '../../../src/lib/domain/service-day';
import type { UserScope } from '../../auth/user-scope';
import { nameOfRegionId } from '../ledgers/region-ids';
import { villageInScope } from '../quarantine/village-scope';
import { villagePlaces } from '../quarantine/village-places';

export interface DoorVisitView {
	id: number;
	memberCode: string;
	householdId: string;
	villageId: string;
	village: string;
	reason: 'cannot_come' | 'retest';
	cannotCome: string[];
	playbookId: string | null;
	status: 'open' | 'sampled' | 'cancelled';
	route: number | null;
	stopOrder: number | null;
	result: 'positive' | 'negative' | null;
	nameMasked: string | null;
}

export async function listDoorVisits(db: Db, scope: UserScope, now = Date.now()): Promise<{ day: string; visits: DoorVisitView[] }> {
	const day = serviceDay(now);
	if (scope.kind === 'none' || (scope.kind === 'villages' && scope.villageIds.length === 0)) return { day, visits: [] };
	const rows = await db
		.select({ visit: doorVisits, cannotCome: rosterMembers.cannotCome, memberNo: rosterMembers.memberNo, name: people.name })
		.from(doorVisits)
		.leftJoin(rosterMembers, eq(rosterMembers.code, doorVisits.memberCode))
		.leftJoin(people, eq(people.id, rosterMembers.personId))
		.where(and(eq(doorVisits.day, day), ne(doorVisits.status, 'cancelled'), scope.kind === 'villages' ? inArray(doorVisits.villageId, scope.villageIds) : undefined))
		.orderBy(asc(doorVisits.route), asc(doorVisits.stopOrder), asc(doorVisits.householdId), asc(rosterMembers.memberNo), asc(doorVisits.id));
	const visits = rows
		.filter((row) => villageInScope(scope, row.visit.villageId))
		.map(({ visit, cannotCome, name }) => ({
			id: visit.id, memberCode: visit.memberCode, householdId: visit.householdId, villageId: visit.villageId, village: nameOfRegionId(visit.villageId), reason: visit.reason,
			cannotCome: cannotCome ?? [], playbookId: visit.playbookId, status: visit.status, route: visit.route, stopOrder: visit.stopOrder, result: visit.result, nameMasked: maskName(name)
		}));
	// Re-tests first: a positive pool's households come before the day's routine visits.
	visits.sort((a, b) => Number(b.reason === 'retest') - Number(a.reason === 'retest'));
	return { day, visits };
}

export interface DoorVisitVillage {
	villageId: string;
	village: string;
	lat: number | null;
	lon: number | null;
	open: number;
	sampled: number;
	retestOpen: number;
	routes: number;
}

/** Counts per village for the dispatch map's village-level markers. */
export async function doorVisitVillages(db: Db, now = Date.now()): Promise<{ day: string; villages: DoorVisitVillage[] }> {
	const day = serviceDay(now);
	const rows = await db.select({ villageId: doorVisits.villageId, status: doorVisits.status, reason: doorVisits.reason, route: doorVisits.route }).from(doorVisits).where(and(eq(doorVisits.day, day), ne(doorVisits.status, 'cancelled')));
	const byVillage = new Map<string, DoorVisitVillage & { routeSet: Set<number> }>();
	for (const row of rows) {
		let village = byVillage.get(row.villageId);
		if (!village) byVillage.set(row.villageId, (village = { villageId: row.villageId, village: nameOfRegionId(row.villageId), lat: null, lon: null, open: 0, sampled: 0, retestOpen: 0, routes: 0, routeSet: new Set() }));
		if (row.status === 'open') village.open++;
		else village.sampled++;
		if (row.status === 'open' && row.reason === 'retest') village.retestOpen++;
		if (row.route !== null && row.status === 'open') village.routeSet.add(row.route);
	}
	const ids = [...byVillage.keys()];
	// Where the wall places a village (its centre, else its sites'): a public place, never a home.
	for (const [id, place] of await villagePlaces(db, ids)) Object.assign(byVillage.get(id)!, { village: place.name, lat: place.lat, lon: place.lon });
	return { day, villages: [...byVillage.values()].map(({ routeSet, ...village }) => ({ ...village, routes: routeSet.size })).sort((a, b) => a.villageId.localeCompare(b.villageId)) };
}
