import { describe, expect, it } from 'vitest';
import { waitClearOfChinaMidnight } from '../fixtures/china-midnight';

const at = (iso: string) => Date.parse(iso);

describe('waitClearOfChinaMidnight (the fixture that keeps a today-suite on one side of China midnight)', () => {
	it('waits from shortly before China midnight until two minutes past it', () => {
		expect(waitClearOfChinaMidnight(at('2026-11-30T23:57:00+08:00'))).toBe(5 * 60_000);
		expect(waitClearOfChinaMidnight(at('2026-12-01T00:01:00+08:00'))).toBe(60_000);
	});

	it('does not wait at other hours, whatever the UTC date', () => {
		expect(waitClearOfChinaMidnight(at('2026-11-30T23:55:00+08:00'))).toBe(0);
		expect(waitClearOfChinaMidnight(at('2026-12-01T00:02:00+08:00'))).toBe(0);
		expect(waitClearOfChinaMidnight(at('2026-11-30T23:59:00Z'))).toBe(0);
	});
});
