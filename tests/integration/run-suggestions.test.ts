/** The dispatch board's suggested runs: none for a courier silent over 10 minutes (named instead), and the same runs on a refresh. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import type { DispatchBoard } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, position } from '../fixtures/events';
import { until } from '../fixtures/wait';

let app: App;
let cookie: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	cookie = (await signedIn(app, 'dispatcher')).cookie;
});
afterAll(async () => {
	await app.close();
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const board = async () => (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie } })).json()) as DispatchBoard;

describe('suggested runs', () => {
	it('suggests nothing for a courier silent over 10 minutes, says so, and keeps the runs on a refresh', async () => {
		await postEvents(app, {
			events: [
				box({ siteId: 'site-baifan', at: ago(90), tubes: 30, people: 300 }),
				box({ siteId: 'site-lixin', at: ago(60), tubes: 20, people: 200 }),
				// courier-2 sits right at 白畈 but its phone last reported 12 minutes ago.
				position({ vehicleId: 'courier-2', lat: 29.66, lon: 115.835, at: ago(12) }),
				position({ vehicleId: 'courier-1', lat: 29.64, lon: 115.86, at: ago(0.1) }),
				position({ vehicleId: 'courier-3', lat: 29.65, lon: 115.87, at: ago(0.1) })
			]
		});
		const first = await until(async () => {
			const fresh = await board();
			const heard = ['courier-1', 'courier-2', 'courier-3'].every((id) => fresh.vehicles.find((vehicle) => vehicle.id === id)?.fixAgeSeconds !== null);
			return fresh.boxes.length === 2 && heard && fresh;
		}, 'the boxes and the fixes to be stored');
		expect(first.plan.runs.length).toBeGreaterThan(0);
		expect(first.plan.runs.map((run) => run.courierId)).not.toContain('courier-2');
		expect(first.plan.silentCouriers).toEqual([{ id: 'courier-2', name: expect.stringMatching(/^送样车2/), minutesSilent: expect.any(Number) }]);
		expect(first.plan.silentCouriers[0].minutesSilent).toBeGreaterThanOrEqual(11);
		expect(first.plan.silentAfterMinutes).toBe(10);

		const shown = (plan: DispatchBoard['plan']) => plan.runs.map((run) => [run.courierId, run.siteIds, run.labId]);
		for (let refresh = 0; refresh < 3; refresh++) expect(shown((await board()).plan)).toEqual(shown(first.plan));
	});
});
