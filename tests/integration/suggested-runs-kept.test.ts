/**
 * The suggested runs a dispatcher is looking at survive a restart (kept_screen_state,
 * `suggested-runs`): a new process shows the same runs where a fresh memory would reshuffle them,
 * and a board that shows the same runs writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../server/db/client';
import { openEmbeddedDatabase } from '../fixtures/embedded-database';
import { keptScreenState } from '../../server/db/schema/index';
import { ShownRuns, SUGGESTED_RUNS_KEY } from '../../server/modules/dispatch/shown-runs';
import { planPickups, type CourierState, type LabState, type WaitingBoxes } from '../../src/lib/domain/custody';
import type { PlanState } from '../../src/lib/domain/run-suggestions';

const NOW = Date.parse('2026-11-23T02:00:00Z');
const north = (km: number) => ({ lat: 29.6 + km / 111.195, lon: 115.8 });
const site = (id: string, km: number): WaitingBoxes => ({ siteId: id, location: north(km), oldestSealedAt: NOW - 60 * 60_000, tubes: 20 });
const courier = (id: string, km: number): CourierState => ({ id, location: north(km), freeAt: NOW });
const lab: LabState = { id: 'lab', location: north(0), spareTubes: 5000 };

let database: Database;
beforeAll(async () => {
	database = await openEmbeddedDatabase();
});
afterAll(async () => {
	await database.close();
});

const kept = async () => (await database.db.select().from(keptScreenState).where(eq(keptScreenState.key, SUGGESTED_RUNS_KEY)))[0];
const couriersOf = (plan: { runs: { courierId: string; siteIds: string[] }[] }) => plan.runs.map((run) => [run.courierId, run.siteIds]);

describe('the suggested runs across a restart', () => {
	it('shows after a restart the runs shown before it, where a fresh memory would swap the courier', async () => {
		const first: PlanState = { sites: [site('a', 10)], couriers: [courier('c1', 10.2), courier('c2', 10.4)], labs: [lab], now: NOW };
		const before = new ShownRuns(database.db);
		const shown = await before.show(planPickups(first), first, NOW);
		expect(couriersOf(shown)).toEqual([['c1', ['a']]]);
		expect((await kept())?.value).toEqual([{ courierId: 'c1', siteIds: ['a'], labId: 'lab' }]);

		// After the restart c2 has drifted 100 m nearer: the greedy plan alone hands the site to c2.
		const later: PlanState = { ...first, couriers: [courier('c1', 10.2), courier('c2', 10.1)], now: NOW + 5000 };
		expect(couriersOf(planPickups(later))).toEqual([['c2', ['a']]]);
		expect(couriersOf(await new ShownRuns(null).show(planPickups(later), later))).toEqual([['c2', ['a']]]);
		const restarted = new ShownRuns(database.db);
		expect(couriersOf(await restarted.show(planPickups(later), later, NOW + 5000))).toEqual([['c1', ['a']]]);
	});

	it('writes only when the runs shown change, not on every board', async () => {
		const state: PlanState = { sites: [site('b', 20)], couriers: [courier('c3', 20.1)], labs: [lab], now: NOW };
		const shownRuns = new ShownRuns(database.db);
		await shownRuns.show(planPickups(state), state, NOW + 10_000);
		const written = (await kept())!.updatedAt.getTime();
		expect(written).toBe(NOW + 10_000);
		await shownRuns.show(planPickups(state), state, NOW + 20_000);
		expect((await kept())!.updatedAt.getTime()).toBe(written);
	});

	it('starts afresh from a kept value it cannot read', async () => {
		await database.db.update(keptScreenState).set({ value: { not: 'runs' } }).where(eq(keptScreenState.key, SUGGESTED_RUNS_KEY));
		const state: PlanState = { sites: [site('a', 10)], couriers: [courier('c2', 10.1)], labs: [lab], now: NOW };
		expect(couriersOf(await new ShownRuns(database.db).show(planPickups(state), state, NOW))).toEqual([['c2', ['a']]]);
	});
});
