/** Results within 8 hours of sampling (seed 001), by lab; lab readiness at 20:1 within 24 h (001). */
import { describe, expect, it } from 'vitest';
import { labReadiness, median, medianTurnaroundMinutes, overdueResults, turnaround, turnaroundByLab, type TurnaroundItem } from '../../src/lib/domain/turnaround';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const box = (id: string, labId: string | null, sealed: string, received: string | null, tested: string | null, result: string | null, extra: Partial<TurnaroundItem> = {}): TurnaroundItem => ({
	id, labId, sealedAt: china(sealed), receivedAt: received ? china(received) : null, testedAt: tested ? china(tested) : null, resultAt: result ? china(result) : null, ...extra
});

describe('turnaround', () => {
	it('times each leg and the whole against the 8-hour promise', () => {
		// Sealed 09:00, at the lab 11:00 (within the 2–4 h of 001), tested 14:30, result 15:00: 6 hours, in time.
		expect(turnaround(box('B1', 'cdc', '09:00', '11:00', '14:30', '15:00'), china('16:00'))).toEqual({
			id: 'B1', labId: 'cdc', stage: 'resulted', state: 'in_time', dueAt: china('17:00'), elapsedMinutes: 360, legs: { transit: 120, testing: 210, reporting: 30 }
		});
		expect(turnaround(box('B2', 'cdc', '09:00', '11:00', '16:30', '17:01'), china('18:00')).state).toBe('late');
	});

	it('a pending result is on time, soon overdue in its last hour, overdue after 8 hours', () => {
		const pending = box('B3', 'cdc', '09:00', '11:00', null, null);
		expect(turnaround(pending, china('15:59'))).toMatchObject({ stage: 'received', state: 'on_time', elapsedMinutes: 419 });
		expect(turnaround(pending, china('16:00')).state).toBe('soon');
		expect(turnaround(pending, china('17:00')).state).toBe('soon');
		expect(turnaround(pending, china('17:01')).state).toBe('overdue');
		expect(turnaround(box('B4', null, '09:00', null, null, null), china('10:00')).stage).toBe('sealed');
	});

	it('runs the promise from sampling when known, over midnight too', () => {
		const late = box('B5', 'cdc', '23:30', null, null, null, { sampledAt: china('22:40') });
		expect(turnaround(late, china('06:39', '2026-12-01')).dueAt).toBe(china('06:40', '2026-12-01'));
		expect(turnaround(late, china('06:41', '2026-12-01')).state).toBe('overdue');
	});
});

describe('by lab', () => {
	const items = [
		box('B1', 'cdc', '09:00', '11:00', '14:30', '15:00'),
		box('B2', 'cdc', '09:00', '11:00', '16:30', '17:30'),
		box('B3', 'cdc', '10:00', '12:00', null, null),
		box('B4', 'hospital', '12:00', '13:00', null, null),
		box('B5', null, '17:30', null, null, null)
	];
	const now = china('18:30');

	it('counts pending, soon overdue, overdue, late and the median per lab, no person anywhere', () => {
		expect(turnaroundByLab(items, now)).toEqual([
			{ labId: 'cdc', pending: 1, soon: 0, overdue: 1, resulted: 2, late: 1, medianMinutes: 435 },
			{ labId: 'hospital', pending: 1, soon: 0, overdue: 0, resulted: 0, late: 0, medianMinutes: null },
			{ labId: null, pending: 1, soon: 0, overdue: 0, resulted: 0, late: 0, medianMinutes: null }
		]);
		expect(turnaroundByLab(items, china('19:30')).find((lab) => lab.labId === 'hospital')?.soon).toBe(1);
	});

	it('lists overdue results oldest first, and the median over all resulted', () => {
		expect(overdueResults(items, china('20:30')).map((each) => each.id)).toEqual(['B3', 'B4']);
		expect(overdueResults([], now)).toEqual([]);
		expect(medianTurnaroundMinutes(items, now)).toBe(435);
		expect(medianTurnaroundMinutes([], now)).toBeNull();
		expect(median([3, 1, 2])).toBe(2);
	});
});

describe('labReadiness', () => {
	it('a 3,000-tube-a-day lab tests 60,000 residents at 20:1 in 24 h, and falls 2,000 tubes short of 100,000', () => {
		expect(labReadiness(60_000, [{ capacityTubesPerDay: 3000 }])).toMatchObject({ tubesNeeded: 3000, capacityTubes: 3000, shortfallTubes: 0, ready: true, ratio: 1, hoursNeeded: 24 });
		expect(labReadiness(100_000, [{ capacityTubesPerDay: 3000 }])).toMatchObject({ tubesNeeded: 5000, shortfallTubes: 2000, ready: false, ratio: 0.6, hoursNeeded: 40 });
		expect(labReadiness(100_000, [{ capacityTubesPerDay: 3000 }, { capacityTubesPerDay: 2000 }]).ready).toBe(true);
	});

	it('edge cases: no lab capacity never finishes; nobody to test is ready; part of a pool is a tube', () => {
		expect(labReadiness(1000, [])).toMatchObject({ capacityTubes: 0, shortfallTubes: 50, ready: false, hoursNeeded: Infinity, ratio: 0 });
		expect(labReadiness(0, [])).toMatchObject({ tubesNeeded: 0, ready: true, hoursNeeded: 0 });
		expect(labReadiness(21, [{ capacityTubesPerDay: 100 }]).tubesNeeded).toBe(2);
	});
});
