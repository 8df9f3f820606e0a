import { describe, expect, it } from 'vitest';
import { dateTime, formatChinaDateTime } from '../../src/lib/ledgers/fields';

describe('a ledger date and time (返乡时间)', () => {
	it('reads China time and writes it back the same', () => {
		expect(dateTime('2026-11-23 14:30')).toEqual({ ok: true, value: '2026-11-23T06:30:00.000Z' });
		expect(dateTime('2026/11/3 08:05:09')).toEqual({ ok: true, value: '2026-11-03T00:05:09.000Z' });
		expect(dateTime('2026-11-24 07:00')).toEqual({ ok: true, value: '2026-11-23T23:00:00.000Z' });
		expect(formatChinaDateTime('2026-11-23T23:00:00.000Z')).toBe('2026-11-24 07:00');
	});

	it('takes an ISO time with its offset as it says', () => {
		expect(dateTime('2026-11-23T14:30:00+08:00')).toEqual({ ok: true, value: '2026-11-23T06:30:00.000Z' });
	});

	it('refuses what is not a moment on the calendar', () => {
		expect(dateTime('2026-02-30 10:00')).toMatchObject({ ok: false, message: 'is not a date and time on the calendar' });
		expect(dateTime('2026-11-23 24:10')).toMatchObject({ ok: false });
		expect(dateTime('2026-11-23')).toEqual({ ok: true, value: '2026-11-22T16:00:00.000Z' });
		expect(dateTime('2026年11月23日')).toEqual({ ok: true, value: '2026-11-22T16:00:00.000Z' });
		expect(dateTime('2026-02-30')).toMatchObject({ ok: false, message: 'is not a date on the calendar' });
		expect(dateTime('2026-11')).toMatchObject({ ok: false, message: 'is not a date and time (YYYY-MM-DD HH:MM, China time)' });
	});
});
