/** The wall's map labels and markers grow with the screen: twice as large at 4K, as at 1080p on a 5760×1080 wall. */
import { describe, expect, it } from 'vitest';
import { scaleSize, wallScale } from '../../src/lib/map/label-scale';

describe('the wall’s label scale', () => {
	it('is 1 at 1920×1080, 2 at 3840×2160, 1 at 5760×1080, and never below 1', () => {
		expect(wallScale(1920, 1080)).toBe(1);
		expect(wallScale(3840, 2160)).toBe(2);
		expect(wallScale(5760, 1080)).toBe(1);
		expect(wallScale(2560, 1440)).toBeCloseTo(4 / 3);
		expect(wallScale(1280, 720)).toBe(1);
	});

	it('multiplies a size, the outputs of a zoom curve or step, and wraps any other expression', () => {
		expect(scaleSize(14, 2)).toBe(28);
		expect(scaleSize(14, 1)).toBe(14);
		expect(scaleSize(['interpolate', ['linear'], ['zoom'], 8, 10, 14, 16], 2)).toEqual(['interpolate', ['linear'], ['zoom'], 8, 20, 14, 32]);
		expect(scaleSize(['step', ['zoom'], 10, 12, 14], 1.5)).toEqual(['step', ['zoom'], 15, 12, 21]);
		// A zoom curve whose outputs are data expressions: each output is wrapped, the zoom stays on top.
		expect(scaleSize(['interpolate', ['linear'], ['zoom'], 8, ['get', 'r'], 14, 6], 2)).toEqual(['interpolate', ['linear'], ['zoom'], 8, ['*', ['get', 'r'], 2], 14, 12]);
		expect(scaleSize(['get', 'size'], 2)).toEqual(['*', ['get', 'size'], 2]);
		expect(scaleSize(undefined, 2)).toBeUndefined();
	});
});
