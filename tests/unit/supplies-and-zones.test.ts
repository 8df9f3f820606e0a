import { describe, expect, it } from 'vitest';
import { deliveryDue, nextDeliveryDay, type SupplyHousehold } from '../../src/lib/domain/supplies';
import { countInZones, insidePolygon, validZonePolygon, type ZonePolygon } from '../../src/lib/domain/risk-zones';

describe('supplies for home-quarantine households (物资配送)', () => {
	const household = (overrides: Partial<SupplyHousehold> = {}): SupplyHousehold => ({ measure: 'home_quarantine', startDate: '2026-11-20', endDate: '2026-12-03', lastDeliveredDay: null, ...overrides });
	it('is due on the first day of 14, and stays due until delivered', () => {
		expect(nextDeliveryDay(household())).toBe('2026-11-20');
		expect(deliveryDue(household(), '2026-11-20')).toBe(true);
		expect(deliveryDue(household(), '2026-11-22')).toBe(true);
	});
	it('is due again three days after the last delivery made, counting from when it was made', () => {
		expect(deliveryDue(household({ lastDeliveredDay: '2026-11-20' }), '2026-11-22')).toBe(false);
		expect(deliveryDue(household({ lastDeliveredDay: '2026-11-20' }), '2026-11-23')).toBe(true);
		expect(nextDeliveryDay(household({ lastDeliveredDay: '2026-11-21' }))).toBe('2026-11-24');
	});
	it('is not due past the last day, before the first, or to a household not in home quarantine', () => {
		expect(nextDeliveryDay(household({ lastDeliveredDay: '2026-12-01' }))).toBeNull();
		expect(deliveryDue(household(), '2026-12-04')).toBe(false);
		expect(deliveryDue(household(), '2026-11-19')).toBe(false);
		expect(deliveryDue(household({ measure: 'home_monitoring' }), '2026-11-20')).toBe(false);
	});
	it('keeps the interval configurable', () => {
		expect(deliveryDue(household({ lastDeliveredDay: '2026-11-20' }), '2026-11-21', { everyDays: 1 })).toBe(true);
	});
});

const square = (lon: number, lat: number, size: number): number[][] => [
	[lon, lat],
	[lon + size, lat],
	[lon + size, lat + size],
	[lon, lat + size],
	[lon, lat]
];

describe('risk zones (封控区 / 管控区 / 防范区)', () => {
	const sealed: ZonePolygon = { type: 'Polygon', coordinates: [square(115.80, 29.60, 0.01)] };
	const controlled: ZonePolygon = { type: 'Polygon', coordinates: [square(115.79, 29.59, 0.03)] };
	const precaution: ZonePolygon = { type: 'Polygon', coordinates: [square(115.70, 29.50, 0.3)] };
	it('finds a point inside a polygon and outside its hole', () => {
		const ring: ZonePolygon = { type: 'Polygon', coordinates: [square(115.79, 29.59, 0.03), square(115.80, 29.60, 0.01)] };
		expect(insidePolygon({ lat: 29.595, lon: 115.795 }, ring)).toBe(true);
		expect(insidePolygon({ lat: 29.605, lon: 115.805 }, ring)).toBe(false);
		expect(insidePolygon({ lat: 29.7, lon: 115.9 }, ring)).toBe(false);
	});
	it('handles a multipolygon of two blocks', () => {
		const two: ZonePolygon = { type: 'MultiPolygon', coordinates: [[square(115.8, 29.6, 0.01)], [square(115.9, 29.7, 0.01)]] };
		expect(insidePolygon({ lat: 29.705, lon: 115.905 }, two)).toBe(true);
		expect(insidePolygon({ lat: 29.65, lon: 115.85 }, two)).toBe(false);
	});
	it('counts households and people per zone, each household once, in the strictest zone it lies in', () => {
		const zones = [
			{ id: 'z-precaution', level: 'precaution' as const, polygon: precaution },
			{ id: 'z-sealed', level: 'sealed' as const, polygon: sealed },
			{ id: 'z-controlled', level: 'controlled' as const, polygon: controlled }
		];
		const households = [
			{ lat: 29.605, lon: 115.805, members: 4 }, // sealed (inside all three)
			{ lat: 29.601, lon: 115.809, members: 3 }, // sealed
			{ lat: 29.595, lon: 115.795, members: 5 }, // controlled (and precaution)
			{ lat: 29.55, lon: 115.75, members: 2 }, // precaution only
			{ lat: 30.2, lon: 116.5, members: 6 } // in none
		];
		expect(countInZones(zones, households)).toEqual([
			{ zoneId: 'z-precaution', households: 1, people: 2 },
			{ zoneId: 'z-sealed', households: 2, people: 7 },
			{ zoneId: 'z-controlled', households: 1, people: 5 }
		]);
	});
	it('lists an empty zone with zeros', () => {
		expect(countInZones([{ id: 'z', level: 'sealed', polygon: sealed }], [])).toEqual([{ zoneId: 'z', households: 0, people: 0 }]);
	});
	it('accepts only closed rings of four or more positions within range', () => {
		expect(validZonePolygon(sealed)).toBe(true);
		expect(validZonePolygon({ type: 'Polygon', coordinates: [square(115.8, 29.6, 0.01).slice(0, 4)] })).toBe(false);
		expect(validZonePolygon({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] })).toBe(false);
		expect(validZonePolygon({ type: 'Polygon', coordinates: [square(200, 29.6, 0.01)] })).toBe(false);
		expect(validZonePolygon({ type: 'Polygon', coordinates: [] })).toBe(false);
	});
});
