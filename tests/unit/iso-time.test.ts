import { describe, expect, it } from 'vitest';
import { compareToMoment, isAfter, isBefore, isCanonicalIso } from '../../src/lib/domain/iso-time';
import { newestTime } from '../../src/lib/domain/data-freshness';

const sign = (value: number) => (value < 0 ? -1 : value > 0 ? 1 : 0);

describe('iso-time', () => {
	it('knows the shape the server writes, and nothing else as it', () => {
		expect(isCanonicalIso('2026-12-01T02:00:00.000Z')).toBe(true);
		expect(isCanonicalIso('2026-12-01T10:00:00.000+08:00')).toBe(false);
		expect(isCanonicalIso('2026-12-01T02:00:00Z')).toBe(false);
		expect(isCanonicalIso('2026-12-01 02:00:00.000Z')).toBe(false);
	});

	it('compares a time with a moment exactly as parsing would, for both shapes, at the boundary too', () => {
		const moment = Date.UTC(2026, 11, 1, 2, 0, 0, 0);
		const times = [
			new Date(moment - 1).toISOString(), new Date(moment).toISOString(), new Date(moment + 1).toISOString(),
			new Date(moment - 86_400_000 * 400).toISOString(), new Date(moment + 3_600_000 * 30).toISOString(),
			'2026-12-01T10:00:00.000+08:00', '2026-12-01T10:00:00.001+08:00', '2026-12-01T09:59:59.999+08:00', '2026-12-01T02:00:00Z'
		];
		for (const time of times) {
			for (const at of [moment - 1, moment, moment + 1, moment + 59_999]) {
				expect(compareToMoment(time, at), `${time} vs ${at}`).toBe(sign(Date.parse(time) - at));
				expect(isAfter(time, at)).toBe(Date.parse(time) > at);
				expect(isBefore(time, at)).toBe(Date.parse(time) < at);
			}
		}
	});

	it('asks about many moments in turn without mixing them up', () => {
		const base = Date.UTC(2026, 11, 1);
		for (let step = 0; step < 500; step++) {
			const at = base + step * 997;
			const time = new Date(base + 250_000).toISOString();
			expect(isAfter(time, at)).toBe(base + 250_000 > at);
		}
	});
});

describe('newestTime', () => {
	it('finds the newest among both shapes, ignoring blanks, and says null when there is none', () => {
		expect(newestTime([])).toBeNull();
		expect(newestTime([null, null])).toBeNull();
		expect(newestTime(['2026-12-01T02:00:00.000Z', null, '2026-12-01T01:00:00.000Z'])).toBe(Date.UTC(2026, 11, 1, 2));
		// A device's own offset, later than every canonical time.
		expect(newestTime(['2026-12-01T02:00:00.000Z', '2026-12-01T10:30:00+08:00'])).toBe(Date.UTC(2026, 11, 1, 2, 30));
		expect(newestTime(['2026-12-01T09:00:00+08:00', '2026-12-01T02:00:00.000Z'])).toBe(Date.UTC(2026, 11, 1, 2));
	});
});
