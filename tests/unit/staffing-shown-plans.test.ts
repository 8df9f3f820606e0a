/** The server's memory of the plan shown per township: a refresh shows the same moves. */
import { describe, expect, it } from 'vitest';
import { ShownPlans } from '../../server/modules/staffing/shown-plans';
import { planMoves, type PlanInput } from '../../src/lib/domain/staffing-plan';
import type { SamplerOnShift, SiteStaffing } from '../../src/lib/domain/staffing';

const samplers = (count: number, prefix: string): SamplerOnShift[] => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, hoursWorked: 1 + index * 0.01, ppeLimitHours: 4 }));
const site = (id: string, lon: number, townshipId: string, extra: Partial<SiteStaffing> = {}): SiteStaffing => ({ id, name: id, townshipId, location: { lat: 29.66, lon }, open: true, desks: 3, queueLength: 20, arrivalsPerMinute: 1, peoplePerSamplerHour: 200, samplers: samplers(6, id), ...extra });
const input = (quietAQueue: number): PlanInput => ({
	sites: [site('crowded', 115.83, 't:a', { queueLength: 600, arrivalsPerMinute: 4, samplers: samplers(2, 'c') }), site('quietA', 115.85, 't:a', { queueLength: quietAQueue }), site('quietB', 115.851, 't:a', { queueLength: 30 })],
	townshipId: 't:a'
});
const specs = (moves: { samplerIds: string[]; fromSiteId: string; toSiteId: string }[]) => moves.map(({ samplerIds, fromSiteId, toSiteId }) => ({ samplerIds, fromSiteId, toSiteId }));

describe('ShownPlans', () => {
	it('shows a township the same moves on refresh when a fresh plan is only a little better, and remembers each township apart', async () => {
		const plans = new ShownPlans();
		const first = await plans.show('t:a', planMoves(input(20)), input(20));
		expect(first[0].fromSiteId).toBe('quietA');
		const later = input(45);
		expect(planMoves(later)[0].fromSiteId).toBe('quietB');
		expect(specs(await plans.show('t:a', planMoves(later), later))).toEqual(specs(first));
		// Another township (here the county) has nothing shown yet: it gets the fresh plan.
		expect((await plans.show(null, planMoves(later), later))[0].fromSiteId).toBe('quietB');
		// A fresh memory with nothing kept shows the fresh plan too.
		expect((await new ShownPlans().show('t:a', planMoves(later), later))[0].fromSiteId).toBe('quietB');
	});
});
