import { describe, expect, it } from 'vitest';
import { nearestVillage, villageOfCase } from '../../src/lib/domain/case-place';

const centres = new Map([
	['v:城门街道/白畈村', { lat: 29.61, lon: 115.82 }],
	['v:城门街道/金兰村', { lat: 29.66, lon: 115.9 }]
]);
const hotels = new Map([['qs-hotel', { lat: 29.659, lon: 115.899 }]]);

describe('villageOfCase', () => {
	it('places a case at a hotel in the hotel\'s village, not its home village', () => {
		expect(villageOfCase({ villageId: 'v:城门街道/白畈村', placeKind: 'hotel', quarantineSiteId: 'qs-hotel' }, hotels, centres)).toBe('v:城门街道/金兰村');
	});
	it('places a case at home, or one awaiting its hotel, in its own village', () => {
		expect(villageOfCase({ villageId: 'v:城门街道/白畈村', placeKind: 'home', quarantineSiteId: null }, hotels, centres)).toBe('v:城门街道/白畈村');
		expect(villageOfCase({ villageId: 'v:城门街道/白畈村', placeKind: 'hotel', quarantineSiteId: null }, hotels, centres)).toBe('v:城门街道/白畈村');
	});
	it('keeps the case\'s own village when the hotel or every village centre is unknown', () => {
		expect(villageOfCase({ villageId: 'v:城门街道/白畈村', placeKind: 'hotel', quarantineSiteId: 'qs-gone' }, hotels, centres)).toBe('v:城门街道/白畈村');
		expect(nearestVillage({ lat: 29.6, lon: 115.8 }, new Map())).toBeNull();
	});
});
