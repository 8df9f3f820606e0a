/**
 * Puts the day's open door visits on routes (door_visits.route, stop_order): one mobile team per
 * township, starting from its door-to-door site (else its first site), every member of a household
 * at one stop (src/lib/domain/door-routes.ts). Homes are read here to order the stops and never
 * leave: the route is numbers. A home with no position is placed where the wall places its village.
 * Route numbers are per day: the township's trips in order, townships by id.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { doorVisits, householdPrivate, rosterMembers, sites } from '../../db/schema/index';
import { villagePlaces } from '../quarantine/village-places';
import { planDoorRoutes, type DoorStop } from '../../../src/lib/domain/door-routes';
import type { LatLon } from '../../../src/lib/domain/coordinates';
import type { Tx } from '../command-events';

export async function routeDoorVisits(tx: Tx, day: string, now: number): Promise<number> {
	const open = await tx
		.select({ id: doorVisits.id, householdId: doorVisits.householdId, villageId: doorVisits.villageId, townshipId: rosterMembers.townshipId })
		.from(doorVisits)
		.leftJoin(rosterMembers, eq(rosterMembers.code, doorVisits.memberCode))
		.where(and(eq(doorVisits.day, day), eq(doorVisits.status, 'open')));
	if (open.length === 0) return 0;
	const householdIds = [...new Set(open.map((visit) => visit.householdId))];
	const villageIds = [...new Set(open.map((visit) => visit.villageId))];
	const homes = new Map((await tx.select({ id: householdPrivate.householdId, lat: householdPrivate.lat, lon: householdPrivate.lon }).from(householdPrivate).where(inArray(householdPrivate.householdId, householdIds))).map((home) => [home.id, home]));
	const centres = await villagePlaces(tx, villageIds);
	const teamOf = (visit: (typeof open)[number]) => visit.townshipId ?? `t:${visit.villageId.slice(2, visit.villageId.indexOf('/'))}`;

	const stops = new Map<string, DoorStop>();
	for (const visit of open) {
		if (stops.has(visit.householdId)) continue;
		const home = homes.get(visit.householdId);
		const centre = centres.get(visit.villageId);
		const location: LatLon | null = home?.lat != null && home.lon != null ? { lat: home.lat, lon: home.lon } : centre?.lat != null && centre.lon != null ? { lat: centre.lat, lon: centre.lon } : null;
		stops.set(visit.householdId, { householdId: visit.householdId, teamId: teamOf(visit), location: location ?? { lat: 0, lon: 0 } });
	}
	const teams = [...new Set([...stops.values()].map((stop) => stop.teamId))];
	const siteRows = await tx.select({ id: sites.id, townshipId: sites.townshipId, kind: sites.kind, lat: sites.lat, lon: sites.lon }).from(sites).where(inArray(sites.townshipId, teams));
	const bases: Record<string, LatLon> = {};
	for (const site of [...siteRows].sort((a, b) => Number(b.kind === 'door_to_door') - Number(a.kind === 'door_to_door') || a.id.localeCompare(b.id))) {
		bases[site.townshipId] ??= { lat: site.lat, lon: site.lon };
	}

	const routes = planDoorRoutes({ stops: [...stops.values()], bases, now });
	const place = new Map<string, { route: number; stop: number }>();
	routes.forEach((route, index) => route.householdIds.forEach((householdId, stop) => place.set(householdId, { route: index + 1, stop: stop + 1 })));
	// One update per household (its members share the stop); a few dozen a day per township.
	for (const [householdId, at] of place) {
		await tx.update(doorVisits).set({ route: at.route, stopOrder: at.stop }).where(and(eq(doorVisits.day, day), eq(doorVisits.householdId, householdId), eq(doorVisits.status, 'open')));
	}
	return routes.length;
}
