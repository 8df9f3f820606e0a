import { describe, expect, it } from 'vitest';
import { plannedPerHour, plannedPerHourInRound } from '../../src/lib/domain/sampling-plan';

const dayStart = Date.parse('2026-11-30T00:00:00+08:00');
const at = (hhmm: string) => Date.parse(`2026-11-30T${hhmm}:00+08:00`);

describe('the hourly plan line of a round', () => {
	it('follows a round that started at 03:00 and runs 24 h: every hour from 03:00 planned, none before', () => {
		const plan = plannedPerHourInRound(2400, dayStart, at('03:00'), at('03:00') + 24 * 3_600_000);
		expect(plan.slice(0, 3)).toEqual([0, 0, 0]);
		expect(plan.slice(3)).toEqual(new Array(21).fill(100));
	});

	it('gives a part hour its share, ends at the target, and keeps the 06:00–22:00 default without a round', () => {
		const plan = plannedPerHourInRound(1000, dayStart, at('03:30'), at('13:30'));
		expect(plan[3]).toBe(50);
		expect(plan[4]).toBe(100);
		expect(plan[13]).toBe(50);
		expect(plan[14]).toBe(0);
		expect(plannedPerHourInRound(1000, dayStart, at('10:00'), at('09:00'))).toEqual(new Array(24).fill(0));
		expect(plannedPerHour(1600)[5]).toBe(0);
		expect(plannedPerHour(1600)[6]).toBe(100);
	});
});
