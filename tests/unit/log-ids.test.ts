/** The persister skips what the live reader already applied, by log id: the order must be the log's. */
import { describe, expect, it } from 'vitest';
import { compareLogIds } from '../../server/pipeline/projector';

describe('compareLogIds', () => {
	it("orders a Redis stream's ids by time, then by sequence (not as text)", () => {
		expect(compareLogIds('1700000000000-9', '1700000000000-10')).toBeLessThan(0);
		expect(compareLogIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
		expect(compareLogIds('1700000000000-3', '1700000000000-3')).toBe(0);
	});

	it("orders the embedded log's sequence numbers as numbers", () => {
		expect(compareLogIds('99', '100')).toBeLessThan(0);
		expect(compareLogIds('100', '100')).toBe(0);
	});
});
