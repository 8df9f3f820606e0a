/**
 * Hysteresis both ways on a move's benefit (gainThresholds, staffing-plan.ts): a new move appears
 * only when it saves the README's minimum (300 person-minutes) plus a margin, and a move on show is
 * dropped once, re-evaluated on the current state, it saves less than the minimum less a margin.
 * So a move neither flickers on and off with noisy readings nor lingers after its benefit is gone
 * (the board that kept "金桥村 1.2 → 0.8 min" on show).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/sim/site-queue-model';
import { choosePlan, gainThresholds, moveEffect, planMoves, totalWaiting, type PlanInput } from '../../src/lib/domain/staffing-plan';
import { STAFFING_RULES, type SamplerOnShift, type SiteStaffing, type StaffMove } from '../../src/lib/domain/staffing';

const MIN_GAIN = STAFFING_RULES.minGainPersonMinutes;
const samplers = (count: number, prefix: string): SamplerOnShift[] => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, hoursWorked: 1 + index * 0.01, ppeLimitHours: 4 }));
const site = (id: string, lon: number, extra: Partial<SiteStaffing>): SiteStaffing => ({ id, name: id, townshipId: 't:a', location: { lat: 29.66, lon }, open: true, desks: 3, queueLength: 20, arrivalsPerMinute: 1, peoplePerSamplerHour: 200, samplers: samplers(6, id), ...extra });

/** A receiver short of a desk (2 samplers, 3 desks) and a quiet donor 2 km away; the receiver's queue sets the benefit. */
const pair = (receiverQueue: number): PlanInput => ({
	sites: [site('crowded', 115.83, { queueLength: receiverQueue, arrivalsPerMinute: 1.5, samplers: samplers(2, 'c') }), site('quiet', 115.85, { queueLength: 5 })]
});
const MOVE = { samplerIds: ['quiet1', 'quiet2'], fromSiteId: 'quiet', toSiteId: 'crowded' };
const gainAt = (receiverQueue: number) => {
	const effect = moveEffect(pair(receiverQueue), MOVE);
	return effect.waitingBefore - effect.waitingAfter;
};
const keys = (plan: Pick<StaffMove, 'fromSiteId' | 'toSiteId'>[]) => plan.map((move) => `${move.fromSiteId}>${move.toSiteId}`).join(',');

describe('gainThresholds', () => {
	it('puts the appear line above the minimum and the drop line below it, by a quarter of it or 2 % of the waiting, the drop line never under half', () => {
		expect(gainThresholds(300, 1000)).toEqual({ appear: 375, drop: 225 });
		expect(gainThresholds(300, 10_000)).toEqual({ appear: 500, drop: 100 + 50 });
		expect(gainThresholds(300, 100_000)).toEqual({ appear: 2300, drop: 150 });
	});
});

describe('a move between the lines: stays if shown, never appears new', () => {
	// The scenario's benefits, so the cases below sit where they claim (appear ≈ 375, drop ≈ 225 here).
	it('has a receiver queue for each band of the benefit', () => {
		expect(gainAt(60)).toBeGreaterThan(gainThresholds(MIN_GAIN, 0).appear);
		expect(gainAt(50)).toBeGreaterThan(gainThresholds(MIN_GAIN, 2000).drop);
		expect(gainAt(50)).toBeLessThan(gainThresholds(MIN_GAIN, 0).appear);
		expect(gainAt(40)).toBeLessThan(gainThresholds(MIN_GAIN, 0).drop);
		expect(gainAt(10)).toBeLessThan(50);
	});

	it('does not show a new move that saves the minimum but not the margin', () => {
		expect(planMoves(pair(60)).map((move) => move.toSiteId)).toEqual(['crowded']);
		expect(planMoves(pair(50))).toEqual([]);
		expect(choosePlan(null, planMoves(pair(50)), pair(50))).toEqual([]);
	});

	it('keeps a shown move whose benefit dipped under the minimum but not under the drop line, with the current numbers', () => {
		const shown = planMoves(pair(60));
		const later = choosePlan(shown, planMoves(pair(50)), pair(50));
		expect(keys(later)).toBe('quiet>crowded');
		expect(later[0].gain).toBeLessThan(MIN_GAIN + 75);
		expect(later[0].to.before).toBeLessThan(shown[0].to.before);
	});

	it('drops a shown move once its benefit falls under the drop line (the 金桥村 "1.2 → 0.8 min" move)', () => {
		const shown = planMoves(pair(60));
		expect(choosePlan(shown, planMoves(pair(40)), pair(40))).toEqual([]);
		expect(choosePlan(shown, planMoves(pair(10)), pair(10))).toEqual([]);
	});

	it('does not flicker when readings alternate around the minimum: the fresh plan comes and goes, the shown one stays', () => {
		let shown: StaffMove[] | null = null;
		const freshSeen: string[] = [];
		const shownSeen: string[] = [];
		for (let read = 0; read < 8; read++) {
			const input = pair(read % 2 === 0 ? 60 : 50);
			const fresh = planMoves(input);
			shown = choosePlan(shown, fresh, input);
			freshSeen.push(keys(fresh));
			shownSeen.push(keys(shown));
		}
		expect(new Set(freshSeen)).toEqual(new Set(['quiet>crowded', '']));
		expect(shownSeen).toEqual(Array(8).fill('quiet>crowded'));
	});
});

/** A random township: 3–8 sites, a few crowded, and staff that could be moved. */
function randomTownship(seed: number): PlanInput {
	const random = mulberry32(seed);
	const between = (low: number, high: number) => low + random() * (high - low);
	const int = (low: number, high: number) => Math.floor(between(low, high + 1));
	const sites = Array.from({ length: int(3, 8) }, (_, index): SiteStaffing => {
		const desks = int(1, 4);
		return {
			id: `site-${index}`,
			name: `村${index}`,
			townshipId: 't:a',
			location: { lat: 29.66 + between(-0.05, 0.05), lon: 115.83 + between(-0.05, 0.05) },
			open: true,
			desks,
			queueLength: random() < 0.4 ? int(0, 20) : int(20, 400),
			arrivalsPerMinute: Math.round(between(0.2, 6) * 100) / 100,
			peoplePerSamplerHour: int(170, 230),
			samplers: Array.from({ length: int(1, desks * 2 + 2) }, (_, n) => ({ id: `s${index}-${n}`, hoursWorked: Math.round(between(0, 2.5) * 100) / 100, ppeLimitHours: 4 }))
		};
	});
	return { sites, townshipId: 't:a' };
}

/** 20 reads of one township whose queues and arrival rates wobble by up to ±5 % around the same state (nothing applied). */
function noisyReads(seed: number) {
	const random = mulberry32(seed * 13 + 5);
	const base = randomTownship(seed);
	const wobble = (value: number) => value * (1 + (random() * 2 - 1) * 0.05);
	let shown: StaffMove[] | null = null;
	const reads: { input: PlanInput; fresh: StaffMove[]; shown: StaffMove[] }[] = [];
	for (let read = 0; read < 20; read++) {
		const input: PlanInput = { ...base, sites: base.sites.map((each) => ({ ...each, queueLength: Math.round(wobble(each.queueLength)), arrivalsPerMinute: wobble(each.arrivalsPerMinute) })) };
		const fresh = planMoves(input);
		shown = choosePlan(shown, fresh, input);
		reads.push({ input, fresh, shown });
	}
	return reads;
}

const SEEDS = Array.from({ length: 120 }, (_, index) => 7000 + index);
const changes = (plans: StaffMove[][]) => plans.slice(1).filter((plan, index) => keys(plan) !== keys(plans[index])).length;

describe('the shown plan over random sequences of slightly noisy states', () => {
	const runs = SEEDS.map((seed) => ({ seed, reads: noisyReads(seed) }));

	it('never holds a move that, on the current state, saves less than the lowest drop line, and shows each move’s current benefit', () => {
		let movesChecked = 0;
		for (const { seed, reads } of runs) {
			for (const [index, { input, shown }] of reads.entries()) {
				for (const [place, move] of shown.entries()) {
					movesChecked++;
					expect(move.gain, `seed ${seed}, read ${index}`).toBeGreaterThanOrEqual(gainThresholds(MIN_GAIN, Infinity).drop);
					// The gain shown is the move's benefit now, on the state the moves above it leave.
					const benefit = totalWaiting(input, shown.slice(0, place)) - totalWaiting(input, shown.slice(0, place + 1));
					expect(Math.abs(benefit - move.gain), `seed ${seed}, read ${index}`).toBeLessThanOrEqual(1);
				}
			}
		}
		expect(movesChecked).toBeGreaterThan(200);
	});

	it('changes far less often than the fresh plan would', () => {
		const freshChanges = runs.reduce((total, { reads }) => total + changes(reads.map((read) => read.fresh)), 0);
		const shownChanges = runs.reduce((total, { reads }) => total + changes(reads.map((read) => read.shown)), 0);
		expect(freshChanges).toBeGreaterThan(30);
		expect(shownChanges * 5).toBeLessThanOrEqual(freshChanges);
	});
});
