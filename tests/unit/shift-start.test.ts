import { describe, expect, it } from 'vitest';
import { hoursOnShift, shiftStartsAt } from '../../src/lib/domain/shift-start';

// China time = UTC+8; service day 2026-11-30.
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+08:00`);

describe('shiftStartsAt', () => {
	it('counts PPE time from the site’s first sample when a round starts sampling before the opening hour', () => {
		// Review: a round sampling from 03:50 showed 0.0 h for every sampler at 04:15 (the site opens 08:00).
		const input = { opensAt: at('08:00'), firstSampleAt: at('03:50'), assignedAt: at('00:00') };
		expect(shiftStartsAt(input)).toBe(at('03:50'));
		expect(hoursOnShift(input, at('04:15'))).toBeCloseTo(25 / 60, 5);
	});

	it('starts at the opening when the site has not sampled yet, and at a later arrival when the sampler came on later', () => {
		expect(hoursOnShift({ opensAt: at('08:00'), firstSampleAt: null, assignedAt: at('00:00') }, at('07:00'))).toBe(0);
		expect(shiftStartsAt({ opensAt: at('08:00'), firstSampleAt: null, assignedAt: at('00:00') })).toBe(at('08:00'));
		expect(shiftStartsAt({ opensAt: at('08:00'), firstSampleAt: at('08:05'), assignedAt: at('09:30') })).toBe(at('09:30'));
	});

	it('counts a moved sampler from the move (travel included), not from the arrival at the new site', () => {
		expect(shiftStartsAt({ opensAt: at('06:00'), firstSampleAt: at('06:10'), assignedAt: at('11:20'), movedAt: at('11:00') })).toBe(at('11:00'));
	});
});
