/**
 * Hotel beds for the desk and the wall: per hotel, occupied (handed over and not released), held
 * (transfers on their way, which promise their beds) and free; and the county's beds against 004's
 * rule of 20 per 10,000 residents (the residents counted on the village register).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineSites, regions, transferTasks } from '../../db/schema/index';
import { bedBalance, BED_RULE } from '../../../src/lib/domain/quarantine-case';
import type { DeskHotelBeds } from '../../../src/lib/protocol/quarantine-desk';


export async function hotelBeds(db: Db) {
	const [hotels, held, [residents]] = await Promise.all([
		db.select({ id: quarantineSites.id, name: quarantineSites.name, beds: quarantineSites.beds, occupied: quarantineSites.occupied }).from(quarantineSites).orderBy(quarantineSites.name),
		db.select({ id: transferTasks.quarantineSiteId, held: sql<number>`sum(${transferTasks.passengers})::int` }).from(transferTasks).where(eq(transferTasks.status, 'open')).groupBy(transferTasks.quarantineSiteId),
		db.select({ people: sql<number>`coalesce(sum(${regions.population}), 0)::int` }).from(regions).where(and(eq(regions.level, 'village')))
	]);
	const heldAt = new Map(held.map((row) => [row.id, row.held]));
	const rows: DeskHotelBeds[] = hotels.map((hotel) => {
		const onTheWay = heldAt.get(hotel.id) ?? 0;
		return { ...hotel, held: onTheWay, free: Math.max(0, hotel.beds - hotel.occupied - onTheWay) };
	});
	return { hotels: rows, county: { residents: residents.people, bedsPer10k: BED_RULE.bedsPer10k, ...bedBalance(rows, residents.people) } };
}
