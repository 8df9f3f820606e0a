import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/lib/domain/coordinates';
import { extentWidenedByMetres, insideExtent, TOWNSHIP_MARGIN_M } from '../../src/lib/domain/township-extent';

// 城门街道's sites span about 29.614–29.682 N, 115.808–115.871 E.
const sites = [
	{ lat: 29.614, lon: 115.857 },
	{ lat: 29.682, lon: 115.816 },
	{ lat: 29.631, lon: 115.808 },
	{ lat: 29.653, lon: 115.871 }
];

describe('a township extent', () => {
	it('is the box around the sites widened by the margin in metres on every side', () => {
		const box = extentWidenedByMetres(sites, 3000)!;
		expect(distanceMetres({ lat: 29.614, lon: 115.84 }, { lat: box.south, lon: 115.84 })).toBeCloseTo(3000, -1);
		expect(distanceMetres({ lat: 29.682, lon: 115.84 }, { lat: box.north, lon: 115.84 })).toBeCloseTo(3000, -1);
		// East and west at least the margin wide even at the box's northern edge, where a degree of longitude is shortest.
		for (const lat of [box.south, box.north]) {
			expect(distanceMetres({ lat, lon: 115.871 }, { lat, lon: box.east })).toBeGreaterThanOrEqual(2999);
			expect(distanceMetres({ lat, lon: 115.808 }, { lat, lon: box.west })).toBeGreaterThanOrEqual(2999);
			expect(distanceMetres({ lat, lon: 115.871 }, { lat, lon: box.east })).toBeLessThan(3050);
		}
	});

	it('has the default margin of 3 km, and is only the sites box with none', () => {
		expect(extentWidenedByMetres(sites)).toEqual(extentWidenedByMetres(sites, TOWNSHIP_MARGIN_M));
		expect(extentWidenedByMetres(sites, 0)).toEqual({ south: 29.614, north: 29.682, west: 115.808, east: 115.871 });
	});

	it('is null without a placed site (such a township board shows no vehicle)', () => {
		expect(extentWidenedByMetres([])).toBeNull();
		expect(extentWidenedByMetres([{ lat: Number.NaN, lon: 115.8 }])).toBeNull();
		expect(insideExtent({ lat: 29.65, lon: 115.85 }, null)).toBe(false);
	});

	it('holds the sites, the hotel 1.7 km east of them, and not a point 5 km out', () => {
		const box = extentWidenedByMetres(sites)!;
		for (const site of sites) expect(insideExtent(site, box)).toBe(true);
		expect(insideExtent({ lat: 29.628, lon: 115.889 }, box)).toBe(true);
		// 5 km north of the northernmost site, and 5 km west of the westernmost.
		expect(insideExtent({ lat: 29.682 + 5000 / 111_320, lon: 115.84 }, box)).toBe(false);
		expect(insideExtent({ lat: 29.631, lon: 115.808 - 0.052 }, box)).toBe(false);
	});

	it('counts its edges in, and a vehicle without a fix out', () => {
		const box = { south: 1, north: 2, west: 3, east: 4 };
		expect(insideExtent({ lat: 1, lon: 3 }, box)).toBe(true);
		expect(insideExtent({ lat: 2, lon: 4 }, box)).toBe(true);
		expect(insideExtent({ lat: 2.0001, lon: 4 }, box)).toBe(false);
		expect(insideExtent({ lat: null, lon: null }, box)).toBe(false);
	});
});
