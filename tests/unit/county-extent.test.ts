import { describe, expect, it } from 'vitest';
import { extentAround, extentAroundMedian, kmOutside, withinExtent } from '../../src/lib/domain/county-extent';

const chengmenSites = [
	{ lat: 29.62, lon: 115.8 },
	{ lat: 29.68, lon: 115.9 }
];
const beijing = { lat: 39.9, lon: 116.4 };

describe('county extent', () => {
	it("puts a new site a few kilometres beyond the registered ones inside, and Beijing outside", () => {
		const extent = extentAround(chengmenSites)!;
		expect(withinExtent({ lat: 29.7, lon: 115.95 }, extent)).toBe(true);
		expect(withinExtent(beijing, extent)).toBe(false);
		expect(kmOutside(beijing, extent)).toBeGreaterThan(1000);
		expect(kmOutside({ lat: 29.65, lon: 115.85 }, extent)).toBe(0);
	});

	it('catches swapped longitude and latitude', () => {
		expect(withinExtent({ lat: 115.85, lon: 29.65 }, extentAround(chengmenSites)!)).toBe(false);
	});

	it("takes a file's median when nothing is registered, so a few wrong rows cannot move it", () => {
		const extent = extentAroundMedian([...chengmenSites, { lat: 29.65, lon: 115.85 }, beijing])!;
		expect(withinExtent(chengmenSites[0], extent)).toBe(true);
		expect(withinExtent(beijing, extent)).toBe(false);
	});

	it('has no extent without places', () => {
		expect(extentAround([])).toBeNull();
		expect(extentAroundMedian([])).toBeNull();
	});
});
