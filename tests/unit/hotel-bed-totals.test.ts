import { describe, expect, it } from 'vitest';
import { hotelBedTotals } from '../../src/lib/components/wall/hotel-bed-totals';

const hotel = (id: string, beds: number, occupied: number, held: number, free: number) => ({ id, name: id, lat: 29.6, lon: 115.8, beds, occupied, held, free });

describe('hotelBedTotals', () => {
	it('sums occupied, held and free as the hotels carry them, so beds held for transfers on their way are not counted free', () => {
		expect(hotelBedTotals([hotel('a', 40, 30, 4, 6), hotel('b', 20, 5, 0, 15)])).toEqual({ occupied: 35, held: 4, free: 21 });
	});
	it('gives zeros for a county with no hotel', () => {
		expect(hotelBedTotals([])).toEqual({ occupied: 0, held: 0, free: 0 });
	});
});
