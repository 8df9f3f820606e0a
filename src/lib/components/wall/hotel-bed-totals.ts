/**
 * The wall's hotel-beds KPI: occupied, held and free summed over the overview's hotels, each as
 * server/modules/quarantine/hotel-beds.ts counts it (held: transfers on their way; free: beds less
 * occupied less held), so the wall says what the desk and dispatch say. Never recomputed here.
 */
import type { WallOverview } from '$lib/protocol';

export function hotelBedTotals(hotels: WallOverview['quarantineSites']): { occupied: number; held: number; free: number } {
	return hotels.reduce((sum, hotel) => ({ occupied: sum.occupied + hotel.occupied, held: sum.held + hotel.held, free: sum.free + hotel.free }), { occupied: 0, held: 0, free: 0 });
}
