/**
 * The staffing plan over random township states (a seeded PRNG, so a failure replays): one
 * coherent plan that never adds waiting, moves nobody twice, has no site both giving and
 * receiving, and reads the same when evaluated again. Then the hysteresis that keeps a shown plan
 * on refresh, and the effect a hand move shows before it is confirmed.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/sim/site-queue-model';
import { choosePlan, evaluatePlan, moveEffect, planGain, planMoves, totalWaiting, type InTransit, type PlanInput } from '../../src/lib/domain/staffing-plan';
import { STAFFING_RULES, type SamplerOnShift, type SiteStaffing } from '../../src/lib/domain/staffing';

const NOW = Date.parse('2022-04-01T01:30:00Z');

/** A random township (sometimes two): 2–9 sites, some crowded, some quiet, some closed, staff on the way to a few. */
function randomTownship(seed: number): PlanInput {
	const random = mulberry32(seed);
	const between = (low: number, high: number) => low + random() * (high - low);
	const int = (low: number, high: number) => Math.floor(between(low, high + 1));
	const sites: SiteStaffing[] = Array.from({ length: int(2, 9) }, (_, index) => {
		const desks = int(1, 5);
		const samplers: SamplerOnShift[] = Array.from({ length: int(0, desks * 2 + 2) }, (_, n) => ({
			id: `s${index}-${n}`,
			hoursWorked: Math.round(between(0, 3.9) * 100) / 100,
			ppeLimitHours: int(2, 4),
			minutesSinceMoved: random() < 0.2 ? Math.round(between(0, 120)) : undefined
		}));
		return {
			id: `site-${index}`,
			name: `村${index}`,
			townshipId: random() < 0.8 ? 't:a' : 't:b',
			location: { lat: 29.66 + between(-0.06, 0.06), lon: 115.83 + between(-0.06, 0.06) },
			open: random() < 0.9,
			desks,
			queueLength: random() < 0.3 ? int(0, 20) : int(0, 1500),
			arrivalsPerMinute: Math.round(between(0, 9) * 100) / 100,
			peoplePerSamplerHour: int(150, 240),
			samplers
		};
	});
	const inTransit: InTransit[] = sites.filter(() => random() < 0.15).map((site) => ({ toSiteId: site.id, count: 2, etaMs: NOW + int(1, 25) * 60_000 }));
	return { sites, inTransit, now: NOW, townshipId: random() < 0.3 ? 't:a' : null };
}

const SEEDS = Array.from({ length: 300 }, (_, index) => 1000 + index);

describe('the staffing plan over random township states', () => {
	it('finds moves in a good share of the states (the properties below are not vacuous)', () => {
		const withMoves = SEEDS.filter((seed) => planMoves(randomTownship(seed)).length > 0).length;
		const withSeveral = SEEDS.filter((seed) => planMoves(randomTownship(seed)).length > 1).length;
		expect(withMoves).toBeGreaterThan(SEEDS.length / 3);
		expect(withSeveral).toBeGreaterThan(20);
	});

	it('never increases the total expected waiting: every move applied in order lowers it', () => {
		for (const seed of SEEDS) {
			const input = randomTownship(seed);
			const plan = planMoves(input);
			let before = totalWaiting(input);
			for (let k = 1; k <= plan.length; k++) {
				const after = totalWaiting(input, plan.slice(0, k));
				expect(after, `seed ${seed}, move ${k}`).toBeLessThan(before);
				expect(before - after, `seed ${seed}, move ${k}`).toBeCloseTo(plan[k - 1].gain, -1);
				before = after;
			}
		}
	});

	it('moves no sampler twice, nobody on the way and nobody who is not at the donor', () => {
		for (const seed of SEEDS) {
			const input = randomTownship(seed);
			const ids = planMoves(input).flatMap((move) => move.samplerIds);
			expect(new Set(ids).size, `seed ${seed}`).toBe(ids.length);
			for (const move of planMoves(input)) {
				const donor = input.sites.find((site) => site.id === move.fromSiteId)!;
				for (const id of move.samplerIds) expect(donor.samplers.some((sampler) => sampler.id === id), `seed ${seed}`).toBe(true);
			}
		}
	});

	it('has no site both donor and receiver (so no cycle, no cancelling pair), no move twice, and never takes from a site staff are on the way to', () => {
		for (const seed of SEEDS) {
			const input = randomTownship(seed);
			const plan = planMoves(input);
			const donors = new Set(plan.map((move) => move.fromSiteId));
			const receivers = new Set(plan.map((move) => move.toSiteId));
			expect([...donors].filter((id) => receivers.has(id)), `seed ${seed}`).toEqual([]);
			expect(new Set(plan.map((move) => `${move.fromSiteId}>${move.toSiteId}`)).size, `seed ${seed}`).toBe(plan.length);
			for (const transit of input.inTransit ?? []) expect(donors.has(transit.toSiteId), `seed ${seed}`).toBe(false);
		}
	});

	it('makes no site worse without making the other better, keeps the rules, and stays in the leader’s township', () => {
		for (const seed of SEEDS) {
			const input = randomTownship(seed);
			for (const move of planMoves(input)) {
				expect(move.to.after, `seed ${seed}`).toBeLessThan(move.to.before);
				expect(move.gain).toBeGreaterThanOrEqual(STAFFING_RULES.minGainPersonMinutes);
				const [from, to] = [move.fromSiteId, move.toSiteId].map((id) => input.sites.find((site) => site.id === id)!);
				expect(from.open && to.open).toBe(true);
				if (input.townshipId) expect([from.townshipId, to.townshipId]).toEqual([input.townshipId, input.townshipId]);
			}
		}
	});

	it('is stable: planning again or re-evaluating the plan on the same input gives the same plan, and so does choosing between them', () => {
		for (const seed of SEEDS) {
			const input = randomTownship(seed);
			const plan = planMoves(input);
			expect(planMoves(randomTownship(seed)), `seed ${seed}`).toEqual(plan);
			expect(evaluatePlan(input, plan), `seed ${seed}`).toEqual(plan);
			expect(choosePlan(plan, planMoves(input), input), `seed ${seed}`).toEqual(plan);
		}
	});
});

const samplers = (count: number, prefix: string, hoursWorked = 1): SamplerOnShift[] => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, hoursWorked: hoursWorked + index * 0.01, ppeLimitHours: 4 }));
const site = (id: string, lon: number, extra: Partial<SiteStaffing>): SiteStaffing => ({ id, name: id, townshipId: 't:a', location: { lat: 29.66, lon }, open: true, desks: 3, queueLength: 20, arrivalsPerMinute: 1, peoplePerSamplerHour: 200, samplers: samplers(6, id), ...extra });

/** One crowded site and two quiet ones about as far and as quiet: either could give a pair. */
const township = (crowdedQueue = 600, quietBQueue = 30): PlanInput => ({
	sites: [site('crowded', 115.83, { queueLength: crowdedQueue, arrivalsPerMinute: 4, samplers: samplers(2, 'c') }), site('quietA', 115.85, { queueLength: 20 }), site('quietB', 115.851, { queueLength: quietBQueue })]
});

describe('choosePlan: a refresh does not reshuffle the plan', () => {
	it('shows the fresh plan when nothing was shown before', () => {
		const input = township();
		expect(choosePlan(null, planMoves(input), input)).toEqual(planMoves(input));
	});

	it('keeps the plan shown when a new one is better by less than the margin, with fresh numbers', () => {
		const first = township(600, 30);
		const shown = planMoves(first);
		expect(shown[0]).toMatchObject({ fromSiteId: 'quietA', toSiteId: 'crowded' });
		// A minute on, quietA's queue has grown a little: the fresh plan now takes from quietB instead.
		const later = township(610, 30);
		later.sites[1] = { ...later.sites[1], queueLength: 45 };
		const fresh = planMoves(later);
		expect(fresh[0].fromSiteId).toBe('quietB');
		const chosen = choosePlan(shown, fresh, later);
		expect(chosen.map((move) => [move.fromSiteId, move.toSiteId, move.samplerIds])).toEqual(shown.map((move) => [move.fromSiteId, move.toSiteId, move.samplerIds]));
		expect(chosen[0].to.before).toBeGreaterThan(shown[0].to.before);
	});

	it('replaces the plan shown when a new one saves more by the margin', () => {
		const input = township();
		// A plan shown before the crowd grew: a small move that still pays, far less than what is possible now.
		const shown = [{ samplerIds: ['quietA1', 'quietA2'], fromSiteId: 'quietA', toSiteId: 'crowded' }];
		const grown: PlanInput = { sites: [{ ...input.sites[0], desks: 5, queueLength: 1500 }, input.sites[1], input.sites[2]] };
		const fresh = planMoves(grown);
		expect(planGain(fresh)).toBeGreaterThan(planGain(evaluatePlan(grown, shown)) * (1 + STAFFING_RULES.planSwitchMargin));
		expect(choosePlan(shown, fresh, grown)).toEqual(fresh);
	});

	it('drops a move once it is applied (its samplers left the donor and are on their way), keeping the rest', () => {
		const input: PlanInput = {
			sites: [
				site('crowded', 115.83, { queueLength: 900, arrivalsPerMinute: 5, desks: 3, samplers: samplers(2, 'c') }),
				site('busy', 115.8, { queueLength: 500, arrivalsPerMinute: 4, desks: 3, samplers: samplers(2, 'b') }),
				site('quietA', 115.85, { queueLength: 10 }),
				site('quietB', 115.81, { queueLength: 10 })
			],
			now: NOW
		};
		const shown = planMoves(input);
		expect(shown.length).toBeGreaterThanOrEqual(2);
		const [applied, ...rest] = shown;
		const afterApply: PlanInput = {
			...input,
			sites: input.sites.map((each) => (each.id === applied.fromSiteId ? { ...each, samplers: each.samplers.filter((sampler) => !applied.samplerIds.includes(sampler.id)) } : each)),
			inTransit: [{ toSiteId: applied.toSiteId, count: applied.samplerIds.length, etaMs: NOW + applied.travelMinutes * 60_000 }]
		};
		const chosen = choosePlan(shown, planMoves(afterApply), afterApply);
		expect(chosen.some((move) => move.samplerIds.some((id) => applied.samplerIds.includes(id)))).toBe(false);
		expect(chosen.slice(0, rest.length).map((move) => move.samplerIds)).toEqual(rest.map((move) => move.samplerIds));
	});
});

describe('moveEffect: a hand move shows what it does before it is confirmed', () => {
	it('warns of a move out of the most crowded site, with both sites’ waits before and after', () => {
		const input = township();
		const effect = moveEffect(input, { samplerIds: ['c1', 'c2'], fromSiteId: 'crowded', toSiteId: 'quietA' });
		expect(effect.warnings).toEqual(expect.arrayContaining(['from_most_crowded', 'worse_total']));
		expect(effect.from.before).toBe(180);
		expect(effect.from.after).toBe(Infinity);
		expect(effect.to.after).toBeLessThanOrEqual(effect.to.before);
		expect(effect.waitingAfter).toBeGreaterThan(effect.waitingBefore);
	});

	it('warns of a move that makes both sites worse: one sampler leaves a desk empty and staffs none', () => {
		const input = township();
		const effect = moveEffect(input, { samplerIds: ['quietA1'], fromSiteId: 'quietA', toSiteId: 'quietB' });
		expect(effect.warnings).toContain('both_worse');
		expect(effect.from.after).toBeGreaterThan(effect.from.before);
		expect(effect.to.after).toBe(effect.to.before);
	});

	it('says nothing against the move the plan recommends', () => {
		const input = township();
		const [move] = planMoves(input);
		const effect = moveEffect(input, move);
		expect(effect.warnings).toEqual([]);
		expect(effect.to).toEqual(move.to);
		expect(effect.from).toEqual(move.from);
	});
});
