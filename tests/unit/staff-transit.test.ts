import { describe, expect, it } from 'vitest';
import { LiveState, type SamplerPlacement } from '../../server/pipeline/live-state';
import { arrivalDue, desksStaffedBy, hasArrived, landedAt, refuseMove } from '../../src/lib/domain/staff-transit';
import type { SiteEntity } from '../../src/lib/protocol/index';
import type { CommandEvent } from '../../src/lib/protocol/command-events';
import { commandEvent } from '../../src/lib/protocol/command-events';

// 10:00 China time on 23 November 2026.
const now = Date.parse('2026-11-23T02:00:00Z');
const iso = (offsetMinutes: number) => new Date(now + offsetMinutes * 60_000).toISOString();

describe('staff on the way', () => {
	it('are due after their travel time, and have arrived once confirmed or once the ETA passes', () => {
		const move = { arrivesAt: arrivalDue(now, 7), arrivedAt: null };
		expect(move.arrivesAt).toBe(now + 7 * 60_000);
		expect(hasArrived(move, now + 6 * 60_000)).toBe(false);
		expect(hasArrived(move, now + 7 * 60_000)).toBe(true);
		expect(hasArrived({ ...move, arrivedAt: now + 3 * 60_000 }, now + 4 * 60_000)).toBe(true);
		expect(landedAt({ ...move, arrivedAt: now + 3 * 60_000 })).toBe(now + 3 * 60_000);
		expect(landedAt(move)).toBe(move.arrivesAt);
	});

	it('staff a desk per pair present, never more desks than are set up', () => {
		expect([desksStaffedBy(3, 0), desksStaffedBy(3, 5), desksStaffedBy(3, 9)]).toEqual([0, 2, 3]);
	});
});

describe('refuseMove', () => {
	const sampler = (id: string, hoursWorked = 1) => ({ id, hoursWorked, ppeLimitHours: 4 });
	const from = { id: 'a', name: '甲', townshipId: 't:1', open: true, desks: 2, samplers: ['1', '2', '3', '4'].map((id) => sampler(id)) };
	const to = { id: 'b', name: '乙', townshipId: 't:1', open: true };
	const base = { samplers: [sampler('1'), sampler('2')], from, to, travel: 10, actorTownshipId: 't:1' };

	it('lets a move keep every rule go ahead', () => expect(refuseMove(base)).toBeNull());
	it('refuses a move out of the leader’s township', () => expect(refuseMove({ ...base, actorTownshipId: 't:2' })).toEqual({ code: 'outside_township' }));
	it('refuses a move to the same site', () => expect(refuseMove({ ...base, to: { ...to, id: 'a' } })).toEqual({ code: 'same_site' }));
	it('refuses a move to a closed site', () => expect(refuseMove({ ...base, to: { ...to, open: false } })).toEqual({ code: 'site_not_open', site: '乙' }));
	it('refuses a sampler who would arrive with too little PPE time', () => expect(refuseMove({ ...base, samplers: [sampler('1', 3.5)] })?.code).toBe('ppe_too_short'));
	it('refuses a hand move of a sampler who arrived from a move under 45 min ago, and allows it after', () => {
		expect(refuseMove({ ...base, samplers: [{ ...sampler('1'), minutesSinceMoved: 2 }, sampler('2')] })).toEqual({ code: 'moved_too_recently', minutes: 45 });
		expect(refuseMove({ ...base, samplers: [{ ...sampler('1'), minutesSinceMoved: 50 }, sampler('2')] })).toBeNull();
	});
	it('refuses to leave an open site without a staffed desk', () => expect(refuseMove({ ...base, samplers: ['1', '2', '3'].map((id) => sampler(id)) })).toEqual({ code: 'donor_too_thin', site: '甲', samplers: 2 }));
});

describe('LiveState and staff events', () => {
	const site = (id: string, staffedDesks: number) => ({ id, name: id, townshipId: 't:1', kind: 'fixed' as const, status: 'open' as const, lat: 29.6, lon: 115.8, desks: 3, staffedDesks, pooling: '10:1' as const });
	const placed = (id: string, siteId: string): SamplerPlacement => ({ id, siteId, arrivesAt: null, moveId: 0, step: 0 });
	const registry = () => ({
		sites: [site('from', 3), site('to', 2)],
		vehicles: [],
		samplers: [...['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((id) => placed(id, 'from')), ...['t1', 't2', 't3', 't4'].map((id) => placed(id, 'to'))]
	});
	const envelope = (id: string, at: string) => ({ id, at, actor: 'user:leader' });
	const started: CommandEvent = { ...envelope('cmd-started-1', iso(0)), type: 'staff.move_started', moveId: 7, staffIds: ['f1', 'f2'], fromSiteId: 'from', toSiteId: 'to', arrivesAt: iso(7) };
	const arrived: CommandEvent = { ...envelope('cmd-arrived-1', iso(4)), type: 'staff.arrived', moveId: 7, staffIds: ['f1', 'f2'], toSiteId: 'to' };
	const undone: CommandEvent = { ...envelope('cmd-undone-1', iso(5)), type: 'staff.move_undone', moveId: 7, staffIds: ['f1', 'f2'], fromSiteId: 'from', toSiteId: 'to' };
	const sitesAfter = (state: LiveState, at: number) => {
		state.takeDeltas(at);
		return new Map((state.snapshot('sites').entities as SiteEntity[]).map((entity) => [entity.id, entity]));
	};

	it('the event schemas accept what the operations emit', () => {
		for (const event of [started, arrived, undone]) expect(commandEvent.parse(event)).toEqual(event);
	});

	it('takes the samplers off the donor at once and onto the receiver only when they arrive', () => {
		const state = new LiveState(registry(), now);
		expect(state.apply(started)).toBe('applied');
		const onTheWay = sitesAfter(state, now + 60_000);
		expect(onTheWay.get('from')).toMatchObject({ staffedDesks: 2 });
		expect(onTheWay.get('to')).toMatchObject({ staffedDesks: 2, incoming: [{ samplers: 2, arrivesAt: iso(7) }] });
		state.apply(arrived);
		expect(sitesAfter(state, now + 4 * 60_000).get('to')).toMatchObject({ staffedDesks: 3, incoming: [] });
	});

	it('lands a move nobody confirms when its ETA passes, and publishes the change', () => {
		const state = new LiveState(registry(), now);
		state.apply(started);
		state.takeDeltas(now + 60_000);
		expect(state.takeDeltas(now + 6 * 60_000)).toEqual([]);
		const deltas = state.takeDeltas(now + 7 * 60_000);
		const sites = deltas.find((delta) => delta.layer === 'sites')!;
		expect(sites.upserts).toEqual([expect.objectContaining({ id: 'to', staffedDesks: 3, incoming: [] })]);
	});

	it('is idempotent: a replayed or late event never moves a sampler back', () => {
		const state = new LiveState(registry(), now);
		state.apply(started);
		state.apply(arrived);
		expect(state.apply(started)).toBe('duplicate');
		expect(state.apply(arrived)).toBe('duplicate');
		expect(sitesAfter(state, now + 60_000).get('to')).toMatchObject({ staffedDesks: 3, incoming: [] });
		state.apply(undone);
		expect(state.apply(arrived)).toBe('duplicate');
		const back = sitesAfter(state, now + 10 * 60_000);
		expect([back.get('from')!.staffedDesks, back.get('to')!.staffedDesks]).toEqual([3, 2]);
	});

	it('starts from a registry with samplers on the way, and a replay of their move changes nothing', () => {
		const start = registry();
		start.samplers = start.samplers.map((sampler) => (sampler.id === 'f1' || sampler.id === 'f2' ? { ...sampler, siteId: 'to', arrivesAt: now + 7 * 60_000, moveId: 7, step: 0 } : sampler));
		start.sites = [site('from', 2), site('to', 2)];
		const state = new LiveState(start, now);
		expect(sitesAfter(state, now).get('to')).toMatchObject({ staffedDesks: 2, incoming: [{ samplers: 2, arrivesAt: iso(7) }] });
		expect(state.apply(started)).toBe('duplicate');
	});
});
