/**
 * The wall's hotels: their places from quarantine_sites, their beds as the desk and dispatch count
 * them (hotel-beds.ts: occupied, held by transfers on their way, free), so 空床 is one number
 * everywhere. A hotel the bed count has not seen (added between the two reads) shows beds less occupied.
 */
import type { Db } from '../../db/client';
import type { WallOverview } from '../../../src/lib/protocol/wall-overview';
import { hotelBeds } from '../quarantine/hotel-beds';

export async function wallHotelBeds(db: Db, places: { id: string; name: string; lat: number; lon: number; beds: number; occupied: number }[]): Promise<WallOverview['quarantineSites']> {
	const counted = new Map((await hotelBeds(db)).hotels.map((hotel) => [hotel.id, hotel]));
	return places.map(({ id, name, lat, lon, beds, occupied }) => {
		const hotel = counted.get(id);
		return hotel ? { id, name, lat, lon, beds: hotel.beds, occupied: hotel.occupied, held: hotel.held, free: hotel.free } : { id, name, lat, lon, beds, occupied, held: 0, free: Math.max(0, beds - occupied) };
	});
}
