/**
 * People sampled today move with the site tablets' reports (each person is scanned as sampled),
 * not with boxes sealed hourly: the wall's 今日采样 and a site's coverage on the staffing board
 * move before any box is sealed, a box sealed later does not count its people twice, and the
 * board reads arrivals from the queue and the count as soon as two reports a minute apart exist;
 * the overview's hourly bars add up to the same count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import type { StaffingBoard } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { openWall, type WallView } from '../fixtures/wall-socket';
import { computeOverview } from '../../server/modules/wall/wall-overview';

let app: App;
let wall: WallView;
let leader: { cookie: string };

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	leader = await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' });
	wall = await openWall(app);
});
afterAll(async () => {
	wall?.close();
	await app?.close();
});

const board = async (): Promise<StaffingBoard> => (await fetch(`${app.url}/api/staffing/board`, { headers: { cookie: leader.cookie } })).json();
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('people sampled today from the site tablets', () => {
	it('moves the wall’s 今日采样 and a site’s coverage before any box is sealed, and a box sealed later does not count twice', async () => {
		const answer = await postEvents(app, {
			events: [
				queue({ siteId: 'site-baifan', at: minutesAgo(10), queueLength: 40, sampledToday: 100 }),
				queue({ siteId: 'site-baifan', at: minutesAgo(0.1), queueLength: 60, sampledToday: 166 }),
				queue({ siteId: 'site-jinlan', at: minutesAgo(0.1), queueLength: 12, sampledToday: 34 })
			]
		});
		expect(answer.json.accepted).toBe(3);
		await until(() => (wall.kpi().peopleSampledToday === 200 ? true : undefined), 'the tablets’ count on the wall');
		expect(wall.sites.get('site-baifan')).toMatchObject({ peopleToday: 166, boxesToday: 0 });
		expect(wall.sites.get('site-jinlan')).toMatchObject({ peopleToday: 34, boxesToday: 0 });

		await until(() => (app.projector!.status.unpersisted === 0 ? true : undefined), 'the reports persisted');
		const view = await board();
		const baifan = view.sites.find((site) => site.id === 'site-baifan')!;
		expect(baifan.coverage.sampled).toBe(166);
		expect(view.sites.find((site) => site.id === 'site-jinlan')!.coverage.sampled).toBe(34);
		// 10 minutes: the queue grew by 20 while 66 were sampled: about 8.6 arrivals a minute, shown without waiting 15 minutes.
		expect(baifan.arrivalsPerMinute).toBeGreaterThan(8);
		expect(baifan.arrivalsPerMinute).toBeLessThan(9.5);

		// The hour's box holds 150 of the 166 people the tablet already counted.
		await postEvents(app, { events: [box({ siteId: 'site-baifan', at: minutesAgo(0.05), tubes: 15, people: 150 })] });
		await until(() => (wall.sites.get('site-baifan')?.boxesToday === 1 ? true : undefined), 'the box on the wall');
		expect(wall.sites.get('site-baifan')!.peopleToday).toBe(166);
		expect(wall.kpi().peopleSampledToday).toBe(200);
		await until(() => (app.projector!.status.unpersisted === 0 ? true : undefined), 'the box persisted');
		expect((await board()).sites.find((site) => site.id === 'site-baifan')!.coverage.sampled).toBe(166);

		// The overview's 今日采样 and its hourly bars say the same 200 as the KPI, not the box's 150.
		const overview = await computeOverview(app.database.db, null, Date.now());
		expect(overview.coverage.sampledToday).toBe(200);
		expect(overview.throughputByHour.reduce((total, hour) => total + hour.sampled, 0)).toBe(200);
	}, 120_000);
});
