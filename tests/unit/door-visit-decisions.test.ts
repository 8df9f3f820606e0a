import { describe, expect, it } from 'vitest';
import { doorVisitActions, type SeenVisit } from '../../server/sim/door-visit-decisions';

const seenAt = Date.parse('2026-11-30T01:00:00Z');
const H = 3_600_000;
const visit = (overrides: Partial<SeenVisit>): SeenVisit => ({ id: 1, householdId: 'CM010001', memberCode: 'CM010001-1', reason: 'retest', status: 'open', stopOrder: 1, result: null, ...overrides });

describe('doorVisitActions (the demo phone)', () => {
	it('makes the visits at once, and acknowledges a positive pool within half an hour of seeing it', () => {
		const firstSeen = new Map([['p:pb_1', seenAt]]);
		const at = (now: number) => doorVisitActions({ villageId: 'v1', now, visits: [], playbooks: [{ id: 'pb_1', notifiedAt: null, closedAt: null }], firstSeen }).map((action) => action.kind);
		expect(at(seenAt)).toEqual(['generate']);
		expect(at(seenAt + 0.5 * H)).toContain('notify');
	});

	it('takes each re-test tube alone within 200 minutes, then enters its result within 6 hours of the tube', () => {
		const visits = [visit({ id: 1 }), visit({ id: 2, memberCode: 'CM010001-2' })];
		const open = doorVisitActions({ villageId: 'v1', now: seenAt + 201 * 60_000, visits, playbooks: [], firstSeen: new Map([['v:1', seenAt], ['v:2', seenAt]]) });
		expect(open.filter((action) => action.kind === 'sample').map((action) => action.kind === 'sample' && action.visitIds)).toEqual(expect.arrayContaining([[1], [2]]));
		const sampled = [visit({ id: 1, status: 'sampled' })];
		const firstSeen = new Map([['v:1', seenAt], ['s:1', seenAt + H]]);
		expect(doorVisitActions({ villageId: 'v1', now: seenAt + 3.9 * H, visits: sampled, playbooks: [], firstSeen }).some((action) => action.kind === 'result')).toBe(false);
		expect(doorVisitActions({ villageId: 'v1', now: seenAt + 7 * H, visits: sampled, playbooks: [], firstSeen }).some((action) => action.kind === 'result')).toBe(true);
	});

	it('takes a household of routine visits with one tube, later stops later', () => {
		const visits = [visit({ id: 1, reason: 'cannot_come', stopOrder: 1 }), visit({ id: 2, reason: 'cannot_come', memberCode: 'CM010001-2', stopOrder: 1 }), visit({ id: 3, reason: 'cannot_come', householdId: 'CM010009', memberCode: 'CM010009-1', stopOrder: 6 })];
		const firstSeen = new Map([['v:1', seenAt], ['v:2', seenAt], ['v:3', seenAt]]);
		const soon = doorVisitActions({ villageId: 'v1', now: seenAt + 35 * 60_000, visits, playbooks: [], firstSeen }).filter((action) => action.kind === 'sample');
		expect(soon.map((action) => action.kind === 'sample' && action.visitIds)).toEqual([[1, 2]]);
		const later = doorVisitActions({ villageId: 'v1', now: seenAt + 3 * H, visits, playbooks: [], firstSeen }).filter((action) => action.kind === 'sample');
		expect(later).toHaveLength(2);
	});

	it('decides the same results for the same members, mostly negative', () => {
		const results = Array.from({ length: 200 }, (_, index) => doorVisitActions({ villageId: 'v1', now: seenAt + 10 * H, visits: [visit({ id: index, memberCode: `CM01${index}-1`, status: 'sampled' })], playbooks: [], firstSeen: new Map([[`v:${index}`, seenAt]]) }).find((action) => action.kind === 'result'));
		const positives = results.filter((action) => action?.kind === 'result' && action.result === 'positive').length;
		expect(positives).toBeGreaterThan(0);
		expect(positives).toBeLessThan(30);
	});
});
