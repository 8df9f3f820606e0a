import { describe, expect, it } from 'vitest';
import {
	arrivalRatePerMinute,
	erlangC,
	expectedWait,
	learnedServiceRate,
	minutesToFinish,
	moveRefusal,
	ppeWarning,
	staffedDesks,
	travelMinutes,
	type SiteStaffing
} from '../../src/lib/domain/staffing';
import { expectedWaitMinutes } from '../../src/lib/domain/site-load';
import { planMoves } from '../../src/lib/domain/staffing-plan';

const recommendMoves = (sites: SiteStaffing[], { townshipId = null }: { townshipId?: string | null } = {}) => planMoves({ sites, townshipId });

const samplers = (count: number, hoursWorked = 1, prefix = 's') => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, hoursWorked: hoursWorked + index * 0.1, ppeLimitHours: 4 }));

/** 白畈村 is crowded with one desk staffed; 金兰村, 2 km away, is quiet with three. */
const crowded = (): SiteStaffing => ({ id: 'baifan', name: '白畈村', townshipId: 't:城门街道', location: { lat: 29.66, lon: 115.83 }, open: true, desks: 4, queueLength: 400, arrivalsPerMinute: 3, peoplePerSamplerHour: 200, samplers: samplers(2, 1, 'b') });
const quiet = (): SiteStaffing => ({ id: 'jinlan', name: '金兰村', townshipId: 't:城门街道', location: { lat: 29.66, lon: 115.8506 }, open: true, desks: 3, queueLength: 10, arrivalsPerMinute: 1, peoplePerSamplerHour: 200, samplers: samplers(6, 1, 'j') });

describe('the queue model', () => {
	it('gives Erlang C of textbook cases: M/M/1 waits with probability ρ, two servers at load 1 with 1/3', () => {
		expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10);
		expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
		expect(erlangC(2, 2)).toBe(1);
	});
	it('waits 1 min in an empty M/M/1 at half load, and 15 min behind 100 people at 2 desks of 200 an hour', () => {
		expect(expectedWait({ queueLength: 0, arrivalsPerMinute: 0.5, servers: 1, perServerPerMinute: 1 })).toBeCloseTo(1, 10);
		expect(expectedWait({ queueLength: 100, arrivalsPerMinute: 7, servers: 2, perServerPerMinute: 200 / 60 })).toBeCloseTo(15, 10);
		expect(expectedWait({ queueLength: 5, arrivalsPerMinute: 0, servers: 0, perServerPerMinute: 1 })).toBe(Infinity);
	});
	it('staffs a desk with each pair of samplers inside their PPE limit, up to the desks there are', () => {
		expect(staffedDesks({ desks: 3, samplers: samplers(5) })).toBe(2);
		expect(staffedDesks({ desks: 1, samplers: samplers(6) })).toBe(1);
		expect(staffedDesks({ desks: 3, samplers: [...samplers(3), { id: 'tired', hoursWorked: 4, ppeLimitHours: 4 }] })).toBe(1);
	});
	it('estimates arrivals from queue growth plus people served, and learns the service rate towards the default', () => {
		expect(arrivalRatePerMinute({ queueAtStart: 50, queueAtEnd: 80, servedInWindow: 300, windowMinutes: 15 })).toBe(22);
		expect(arrivalRatePerMinute({ queueAtStart: 80, queueAtEnd: 0, servedInWindow: 10, windowMinutes: 15 })).toBe(0);
		expect(learnedServiceRate({ peopleServed: 900, samplerHours: 6 })).toBe(163);
		expect(learnedServiceRate({ peopleServed: 0, samplerHours: 0 })).toBe(200);
	});
	it('travels 10 km of straight line as 13 km of road at 30 km/h: 26 minutes', () => {
		expect(travelMinutes({ lat: 29.6, lon: 115.8 }, { lat: 29.6 + 10 / 111.195, lon: 115.8 })).toBe(26);
	});
	it('finishes 2,000 residents at 2 desks of 200 an hour in 300 minutes', () => {
		expect(minutesToFinish({ residentsLeft: 2000, servers: 2, perServerPerMinute: 200 / 60 })).toBe(300);
		expect(minutesToFinish({ residentsLeft: 1, servers: 0, perServerPerMinute: 1 })).toBe(Infinity);
	});
	it('warns of PPE time from 3 h 30 and flags a sampler past the limit', () => {
		expect(ppeWarning({ id: 'a', hoursWorked: 3.4, ppeLimitHours: 4 })).toBeNull();
		expect(ppeWarning({ id: 'a', hoursWorked: 3.5, ppeLimitHours: 4 })).toBe('soon');
		expect(ppeWarning({ id: 'a', hoursWorked: 4, ppeLimitHours: 4 })).toBe('over');
		expect(ppeWarning({ id: 'a', hoursWorked: 1.6, ppeLimitHours: 2 })).toBe('soon');
	});
});

describe('recommendMoves', () => {
	it('moves a pair of the freshest samplers from the quiet site to the crowded one, cutting its wait by more than half', () => {
		const [move] = recommendMoves([{ ...crowded(), desks: 2 }, quiet()]);
		expect(move).toMatchObject({ fromSiteId: 'jinlan', toSiteId: 'baifan', samplerIds: ['j1', 'j2'], travelMinutes: 5 });
		// When the pair arrives, 5 min on: 400 + 5 × (3 − 3.33) ≈ 398 ahead of one desk, 119 min; of two, 60.
		expect(move.to.before).toBe(119.5);
		expect(move.to.after).toBeLessThan(move.to.before / 1.9);
		expect(move.from.after).toBeGreaterThan(move.from.before);
		expect(move.gain).toBeGreaterThan(0);
	});
	it('proposes nothing for a leader of another township, and nothing when sites are balanced', () => {
		expect(recommendMoves([crowded(), quiet()], { townshipId: 't:黄宅镇' })).toEqual([]);
		expect(recommendMoves([{ ...crowded(), queueLength: 20, samplers: samplers(6, 1, 'b') }, quiet()])).toEqual([]);
	});
	it('leaves the donor its minimum: one staffed desk while open', () => {
		expect(recommendMoves([crowded(), { ...quiet(), samplers: samplers(3, 1, 'j') }])).toEqual([]);
	});
	it('moves nobody who would arrive with less than 30 min of PPE time left', () => {
		expect(recommendMoves([crowded(), { ...quiet(), samplers: samplers(6, 3.45, 'j').map((sampler) => ({ ...sampler, hoursWorked: 3.45 })) }])).toEqual([]);
	});
	it('sends staff only where a desk is free', () => {
		expect(recommendMoves([{ ...crowded(), desks: 1 }, quiet()])).toEqual([]);
	});
	it('keeps going while moves still pay, and stops at the desks the site has: two desks between the same sites are one move', () => {
		const moves = recommendMoves([{ ...crowded(), queueLength: 900, arrivalsPerMinute: 6, desks: 3 }, { ...quiet(), samplers: samplers(10, 1, 'j'), desks: 5 }]);
		expect(moves.length).toBe(1);
		expect(moves[0].samplerIds).toEqual(['j1', 'j2', 'j3', 'j4']);
	});
	it('gives the board the wait every screen shows: the queue ahead over the staffed desks', () => {
		expect(expectedWaitMinutes(400, 1)).toBe(120);
		expect(expectedWaitMinutes(400, 0)).toBe(Infinity);
		expect(expectedWaitMinutes(0, 0)).toBe(0);
	});
});

describe('moveRefusal', () => {
	it('allows a move within the rules and names the rule a move breaks', () => {
		const from = quiet();
		const to = crowded();
		expect(moveRefusal({ samplers: from.samplers.slice(0, 2), from, to, travel: 6, actorTownshipId: 't:城门街道' })).toBeNull();
		expect(moveRefusal({ samplers: from.samplers.slice(0, 2), from, to, travel: 6, actorTownshipId: 't:黄宅镇' })).toBe('a shift leader moves staff only within their own township');
		expect(moveRefusal({ samplers: from.samplers.slice(0, 5), from, to, travel: 6, actorTownshipId: null })).toBe('金兰村 would keep fewer than 2 samplers while open');
		expect(moveRefusal({ samplers: [{ id: 'j9', hoursWorked: 3.8, ppeLimitHours: 4 }], from, to, travel: 6, actorTownshipId: null })).toBe('j9 would arrive with less than 30 min of PPE time left');
		expect(moveRefusal({ samplers: from.samplers.slice(0, 2), from, to: { ...to, open: false }, travel: 6, actorTownshipId: null })).toBe('白畈村 is not open');
	});
});
