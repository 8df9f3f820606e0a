import { describe, expect, it } from 'vitest';
import { addDays, homeQuarantineRefusal, plannedEndDate, scheduledTests } from '../../src/lib/domain/quarantine';
import { classifyReturnee } from '../../src/lib/domain/returnee';
import { idNumberProblem } from '../../src/lib/domain/id-number';
import { sampleDeadline } from '../../src/lib/domain/sample-deadline';

describe('quarantine rules', () => {
	it('counts 14 days at home, the start day being day 1, across a month end', () => {
		expect(plannedEndDate('2026-11-23', 'home_quarantine')).toBe('2026-12-06');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
	});

	it('adds 14 days at home after 14 centralised', () => {
		expect(plannedEndDate('2026-11-01', 'centralised')).toBe('2026-11-28');
	});

	it('schedules tests within 24 hours, on day 7 and on day 14', () => {
		expect(scheduledTests('2026-11-23')).toEqual([
			{ kind: 'arrival_24h', dueDate: '2026-11-24' },
			{ kind: 'day_7', dueDate: '2026-11-29' },
			{ kind: 'day_14', dueDate: '2026-12-06' }
		]);
	});

	it('allows home quarantine only for a special category with a separate room and bathroom', () => {
		expect(homeQuarantineRefusal({ specialCategory: 'aged_70_plus', separateRoom: true, separateBathroom: true })).toBeNull();
		expect(homeQuarantineRefusal({ specialCategory: null, separateRoom: true, separateBathroom: true })).toMatch(/five special categories/);
		expect(homeQuarantineRefusal({ specialCategory: 'pregnant', separateRoom: true, separateBathroom: false })).toMatch(/separate bathroom/);
	});
});

describe('classifyReturnee', () => {
	const arrival = Date.parse('2026-11-23T10:00:00+08:00');
	const base = { originRisk: 'low' as const, healthCode: 'green' as const, closeContact: false, arrivalAtMs: arrival, lastNegativeTestAtMs: arrival - 24 * 3_600_000 };

	it('monitors a low-risk arrival with a negative test from the last 48 hours', () => {
		expect(classifyReturnee(base)).toBe('health_monitoring');
	});
	it('tests and holds one whose test is older than 48 hours or missing', () => {
		expect(classifyReturnee({ ...base, lastNegativeTestAtMs: arrival - 49 * 3_600_000 })).toBe('test_and_hold');
		expect(classifyReturnee({ ...base, lastNegativeTestAtMs: null })).toBe('test_and_hold');
	});
	it('quarantines at home one from a medium- or high-risk area', () => {
		expect(classifyReturnee({ ...base, originRisk: 'medium' })).toBe('home_quarantine');
	});
	it('transfers a close contact or a red code in a closed loop', () => {
		expect(classifyReturnee({ ...base, closeContact: true })).toBe('closed_loop_transfer');
		expect(classifyReturnee({ ...base, healthCode: 'red', originRisk: 'high' })).toBe('closed_loop_transfer');
	});
});

describe('idNumberProblem and sampleDeadline', () => {
	it('checks form, birth date and check character', () => {
		expect(idNumberProblem('11010519491231002X')).toBeNull();
		expect(idNumberProblem('110105194912310021')).toBe('has a wrong check character');
		expect(idNumberProblem('110105194902300021')).toBe('has no valid birth date');
		expect(idNumberProblem('1101051949')).toMatch(/18 characters/);
	});
	it('puts the deadline 4 hours after sealing', () => {
		expect(sampleDeadline(Date.parse('2026-11-23T08:00:00Z'))).toBe(Date.parse('2026-11-23T12:00:00Z'));
	});
});
