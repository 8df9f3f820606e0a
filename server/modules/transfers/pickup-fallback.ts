/**
 * Where to collect a person whose home has no location on the register (an address typed on the
 * officer's phone, no household number): the village's point as the wall places it (its centre or
 * committee in the register, else the centre of its sampling sites; village-places.ts), a public
 * place, never a home. The label tells the dispatcher and the driver, in both languages, that the
 * address is to be confirmed by phone; it names the village only, never the address.
 */
import type { Db } from '../../db/client';
import { villagePlace } from '../quarantine/village-places';

export const villagePickupLabel = (village: string): string => `${village}中心点（住址待电话确认）· village point, confirm address by phone`;

export async function villagePickup(db: Db, villageId: string): Promise<{ label: string; lat: number; lon: number } | null> {
	const place = await villagePlace(db, villageId);
	return place ? { label: villagePickupLabel(place.name), lat: place.lat, lon: place.lon } : null;
}
