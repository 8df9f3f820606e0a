import { describe, expect, it } from 'vitest';
import { feverStandsSince, proposalStands } from '../../src/lib/domain/standing-concern';

const H = 3_600_000;

describe('feverStandsSince', () => {
	it('stands from the first critical reading, and a later normal reading does not clear it', () => {
		expect(feverStandsSince([{ at: 1 * H, critical: true }, { at: 2 * H, critical: false }], [])).toBe(1 * H);
	});
	it('stands across days until the person is handed over or it is dismissed', () => {
		expect(feverStandsSince([{ at: 1 * H, critical: true }], [{ at: 30 * H }])).toBeNull();
		expect(feverStandsSince([{ at: 1 * H, critical: true }], [])).toBe(1 * H);
	});
	it('is raised again by a critical reading after the handover', () => {
		expect(feverStandsSince([{ at: 1 * H, critical: true }, { at: 5 * H, critical: true }], [{ at: 3 * H }])).toBe(5 * H);
	});
	it('is nothing when no reading was critical', () => {
		expect(feverStandsSince([{ at: 1 * H, critical: false }], [])).toBeNull();
	});
});

describe('proposalStands', () => {
	const base = { proposedAt: 10 * H, caseActive: true, tasks: [], ends: [] };
	it('stands until handled, whatever the day', () => {
		expect(proposalStands(base)).toBe(true);
	});
	it('is handled by a transfer made since, or by any transfer of the case still open (one person, one vehicle)', () => {
		expect(proposalStands({ ...base, tasks: [{ createdAt: 11 * H, status: 'handed_over' }] })).toBe(false);
		expect(proposalStands({ ...base, tasks: [{ createdAt: 2 * H, status: 'open' }] })).toBe(false);
	});
	it('comes back when its transfer is cancelled', () => {
		expect(proposalStands({ ...base, tasks: [{ createdAt: 11 * H, status: 'cancelled' }] })).toBe(true);
	});
	it('is handled by a handover or dismissal since, or the case ending', () => {
		expect(proposalStands({ ...base, ends: [{ at: 12 * H }] })).toBe(false);
		expect(proposalStands({ ...base, ends: [{ at: 2 * H }] })).toBe(true);
		expect(proposalStands({ ...base, caseActive: false })).toBe(false);
	});
});
