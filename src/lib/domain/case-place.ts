/**
 * Where a quarantine case's person is, for what is placed on a map or a list by village (the
 * wall's fever alert, a transfer proposal's pickup): a case at a hotel is at its hotel, whatever
 * their home village; any other case is in its own village. A hotel is placed in the village whose
 * centre is nearest to it (the register gives hotels a point, not a village). Pure.
 */
import { distanceMetres, type LatLon } from './coordinates';

export interface CasePlacing {
	villageId: string;
	placeKind: string;
	quarantineSiteId: string | null;
}

/** The village whose centre is nearest the point, or null when no village has a centre. */
export function nearestVillage(point: LatLon, centres: ReadonlyMap<string, LatLon>): string | null {
	let best: { id: string; metres: number } | null = null;
	for (const [id, centre] of centres) {
		const metres = distanceMetres(point, centre);
		if (!best || metres < best.metres || (metres === best.metres && id < best.id)) best = { id, metres };
	}
	return best?.id ?? null;
}

/** The village a case is placed in: its hotel's for a case at a hotel (when the hotel and a village centre are known), else its own. */
export function villageOfCase(found: CasePlacing, hotels: ReadonlyMap<string, LatLon>, centres: ReadonlyMap<string, LatLon>): string {
	const hotel = found.placeKind === 'hotel' && found.quarantineSiteId ? hotels.get(found.quarantineSiteId) : undefined;
	return (hotel && nearestVillage(hotel, centres)) || found.villageId;
}
