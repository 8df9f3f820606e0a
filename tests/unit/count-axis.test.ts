/** The wall's count charts (the township queue, sampled per hour, the lab backlog) start at 0. */
import { describe, expect, it } from 'vitest';
import { countAxisRange, niceCeil } from '../../src/lib/components/charts/count-axis';

describe('countAxisRange', () => {
	it('starts at 0 however high the values sit, so a queue from 150 to 170 is no surge', () => {
		const [bottom, top] = countAxisRange(150, 170);
		expect(bottom).toBe(0);
		expect(top).toBeGreaterThanOrEqual(170 * 1.1);
		expect(top).toBe(200);
	});

	it('reaches a round number above the largest value', () => {
		expect(countAxisRange(0, 1_000)).toEqual([0, 2_000]);
		expect(countAxisRange(0, 870)).toEqual([0, 1_000]);
		expect(countAxisRange(12, 12)).toEqual([0, 20]);
		expect(countAxisRange(51_112, 51_112)).toEqual([0, 100_000]);
	});

	it('is 0–1 with nothing above 0 to draw (no data, or all zero)', () => {
		expect(countAxisRange(null, null)).toEqual([0, 1]);
		expect(countAxisRange(0, 0)).toEqual([0, 1]);
	});
});

describe('niceCeil', () => {
	it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
		expect([0.7, 1, 1.1, 2.2, 3, 6, 11, 187, 2_400].map(niceCeil)).toEqual([1, 1, 2, 2.5, 5, 10, 20, 200, 2_500]);
	});
});
