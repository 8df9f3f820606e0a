/** The commander's deadline as typed (完成时限): HH:MM China time on now's service day, never one already passed. */
import { describe, expect, it } from 'vitest';
import { parseRoundDeadline } from '../../src/lib/domain/round-deadline';

// 2026-12-01 02:30 China time (CI runs at night China time).
const NIGHT = Date.parse('2026-11-30T18:30:00Z');
// 2026-12-01 15:00 China time.
const AFTERNOON = Date.parse('2026-12-01T07:00:00Z');

describe('parseRoundDeadline', () => {
	it('reads HH:MM as China time on today’s service day', () => {
		expect(parseRoundDeadline('18:00', AFTERNOON)).toEqual({ ok: true, at: Date.parse('2026-12-01T10:00:00Z'), clock: '18:00' });
		expect(parseRoundDeadline(' 9:30 ', NIGHT)).toEqual({ ok: true, at: Date.parse('2026-12-01T01:30:00Z'), clock: '09:30' });
		expect(parseRoundDeadline('18：00', AFTERNOON)).toMatchObject({ ok: true, clock: '18:00' });
	});

	it('takes 24:00 as the midnight that ends the day', () => {
		expect(parseRoundDeadline('24:00', AFTERNOON)).toEqual({ ok: true, at: Date.parse('2026-12-01T16:00:00Z'), clock: '24:00' });
	});

	it('refuses what is not a time of day', () => {
		for (const typed of ['25:00', '24:01', '12:60', '1200', '', 'noon']) expect(parseRoundDeadline(typed, AFTERNOON)).toMatchObject({ ok: false, reason: 'bad_time' });
	});

	it('refuses a time already passed today, and now itself', () => {
		expect(parseRoundDeadline('14:59', AFTERNOON)).toMatchObject({ ok: false, reason: 'past', clock: '14:59' });
		expect(parseRoundDeadline('15:00', AFTERNOON)).toMatchObject({ ok: false, reason: 'past' });
		// At 02:30 the evening before is not today's: 23:00 is tonight, 00:00 has passed.
		expect(parseRoundDeadline('23:00', NIGHT)).toEqual({ ok: true, at: Date.parse('2026-12-01T15:00:00Z'), clock: '23:00' });
		expect(parseRoundDeadline('00:00', NIGHT)).toMatchObject({ ok: false, reason: 'past' });
	});
});
