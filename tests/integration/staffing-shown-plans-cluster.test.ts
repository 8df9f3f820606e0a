/**
 * Two nodes of a cluster serving one township's board in turn (a load balancer alternating the
 * refreshes) show one plan: each reads the plan last shown from kept_screen_state, not its own
 * memory. Before, the node that had shown a move kept it and the other judged it afresh against
 * the higher bar for a new move, so the move came and went on successive refreshes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client';
import { openEmbeddedDatabase } from '../fixtures/embedded-database';
import { ShownPlans } from '../../server/modules/staffing/shown-plans';
import { planMoves, type PlanInput } from '../../src/lib/domain/staffing-plan';
import type { SamplerOnShift, SiteStaffing } from '../../src/lib/domain/staffing';

let database: Database;
beforeAll(async () => {
	database = await openEmbeddedDatabase();
});
afterAll(async () => {
	await database.close();
});

const samplers = (count: number, prefix: string): SamplerOnShift[] => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, hoursWorked: 1 + index * 0.01, ppeLimitHours: 4 }));
const site = (id: string, lon: number, extra: Partial<SiteStaffing>): SiteStaffing => ({ id, name: id, townshipId: 't:c', location: { lat: 29.66, lon }, open: true, desks: 3, queueLength: 20, arrivalsPerMinute: 1, peoplePerSamplerHour: 200, samplers: samplers(6, id), ...extra });
/** At a receiver queue of 60 the move clears the bar for a new one; at 50 it only clears the bar to stay (staffing-plan-hysteresis.test.ts). */
const pair = (receiverQueue: number): PlanInput => ({
	sites: [site('金兰村', 115.85, { queueLength: 5 }), site('兴联村', 115.83, { queueLength: receiverQueue, arrivalsPerMinute: 1.5, samplers: samplers(2, 'x') })],
	townshipId: 't:c'
});
const keys = (moves: { fromSiteId: string; toSiteId: string }[]) => moves.map((move) => `${move.fromSiteId}→${move.toSiteId}`);

describe('the shown staffing plan across the nodes of a cluster', () => {
	it('shows the same move on every refresh whichever node serves it, and drops it on both once its benefit is gone', async () => {
		const nodes = [new ShownPlans(database.db), new ShownPlans(database.db)];
		for (const node of nodes) await node.load();
		expect(planMoves(pair(50))).toEqual([]);
		const seen: string[][] = [];
		for (let refresh = 0; refresh < 6; refresh++) {
			const input = pair(refresh % 3 === 0 ? 60 : 50);
			seen.push(keys(await nodes[refresh % 2].show('t:c', planMoves(input), input, 1_000 + refresh)));
		}
		expect(seen).toEqual(Array(6).fill(['金兰村→兴联村']));
		// The receiver's queue has all but gone: whichever node serves next drops the move, and the other agrees.
		expect(await nodes[0].show('t:c', planMoves(pair(10)), pair(10))).toEqual([]);
		expect(await nodes[1].show('t:c', planMoves(pair(50)), pair(50))).toEqual([]);
	});
});
