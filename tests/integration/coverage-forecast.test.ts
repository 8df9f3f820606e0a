/**
 * The finish forecast on GET /api/coverage (issue 15): given a site's queue and a village's roster,
 * every village, township and the county carry a finish, the target and the wall's sentence, and
 * they agree with each other (a township finishes with its last village, the county with its last
 * township; the margin is the target less the finish).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { sampledMembers, siteVillages } from '../../server/db/schema/index';
import { writeKept } from '../../server/modules/screen-state/kept-screen-state';
import { DEMO_ROUND_START_KEY } from '../../server/modules/registry/demo-round-start';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import type { FinishView, RoundCoverage } from '../../src/lib/protocol/coverage';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { eventId } from '../fixtures/events';
import { insertTestVillage, type TestVillage } from '../fixtures/roster';
import { until } from '../fixtures/wait';

let app: App;
let village: TestVillage;
let leader: { cookie: string };

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	village = await insertTestVillage(app.database.db, { name: '预测测试村', prefix: 'FC', sizes: [4, 3, 2, 5], cannotCome: ['FC0004-1'] });
	await app.database.db.insert(siteVillages).values({ siteId: 'site-baifan', villageId: village.villageId }).onConflictDoNothing();
	leader = await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' });
}, 60_000);
afterAll(async () => {
	await app?.close();
});

const coverage = async (): Promise<RoundCoverage> => {
	const response = await fetch(`${app.url}/api/coverage`, { headers: { cookie: leader.cookie } });
	expect(response.status).toBe(200);
	return response.json();
};
const ours = (view: RoundCoverage) => view.villages.find((each) => each.villageId === village.villageId);
const at = (finish: FinishView | null) => (finish?.finishAt ? Date.parse(finish.finishAt) : Infinity);

describe('the finish forecast on GET /api/coverage', () => {
	it('fills finish, target and the sentence, consistent from village to county', async () => {
		const now = new Date().toISOString();
		// The site's tablet reports a queue; the desk samples all of the village but the bedridden member, who is visited at home.
		const samples = village.codes.filter((code) => code !== 'FC0004-1').map((memberCode) => ({ tube: 'box-fc-T01', memberCode }));
		const answer = await postEvents(app, {
			events: [
				{ type: 'site.queue', id: eventId('q'), deviceId: 'tablet-site-baifan', at: now, siteId: 'site-baifan', queueLength: 30, sampledToday: samples.length },
				{ type: 'site.sampled', id: eventId('smp'), deviceId: 'tablet-site-baifan', at: now, siteId: 'site-baifan', samples }
			]
		});
		expect(answer.json.accepted).toBe(2);
		const view = await until(async () => {
			const each = await coverage();
			if (ours(each)?.sampled === samples.length && each.forecastText) return each;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}, 'the sampled village in coverage with a forecast', 20_000);

		const target = Date.parse(view.targetAt!);
		expect(target).toBeGreaterThan(Date.parse(now));
		// Only the bedridden member is left: the village finishes with a home visit, after now and before the target.
		const mine = ours(view)!;
		expect(mine.finish).toMatchObject({ bound: 'home_visits', misses: false });
		expect(at(mine.finish)).toBeGreaterThan(Date.parse(now));
		expect(mine.finish!.marginMinutes).toBe(Math.round((target - at(mine.finish)) / 60_000));

		// Every village is forecast; a township finishes with its last village, the county with its last township.
		for (const each of view.villages) expect(each.finish, each.villageId).not.toBeNull();
		for (const township of view.townships) {
			const last = Math.max(...view.villages.filter((each) => each.townshipId === township.townshipId).map((each) => at(each.finish)));
			expect(at(township.finish), township.townshipId).toBe(last);
		}
		expect(at(view.county.finish)).toBe(Math.max(...view.townships.map((township) => at(township.finish))));
		expect(view.county.finish!.misses).toBe(at(view.county.finish) > target);

		// The sentence says the county's finish against the target, in Chinese and English.
		if (view.county.finish!.finishAt === null) {
			expect(view.forecastText!.zh).toMatch(/^按当前情况无法全部完成/);
		} else {
			expect(view.forecastText!.zh).toMatch(/^预计 (次日 )?\d\d:\d\d 全部完成，目标 .+，(余量|超时) /);
			expect(view.forecastText!.en).toMatch(/^Forecast: all sampled by \d\d:\d\d/);
		}
	}, 60_000);

	it('a round begun before midnight counts what it sampled since its start, not only today', async () => {
		const other = await insertTestVillage(app.database.db, { name: '跨日测试村', prefix: 'FD', sizes: [3, 2], cannotCome: ['FD0002-2'] });
		await app.database.db.insert(siteVillages).values({ siteId: 'site-baifan', villageId: other.villageId }).onConflictDoNothing();
		// The demo's round was declared at 22:00 China time yesterday; everyone who could come was sampled at 22:30.
		const roundStart = serviceDayStart(serviceDay(Date.now())) - 2 * 3_600_000;
		await writeKept(app.database.db, DEMO_ROUND_START_KEY, { startedAt: new Date(roundStart).toISOString() });
		const sampledAt = new Date(roundStart + 30 * 60_000);
		await app.database.db.insert(sampledMembers).values(
			other.codes.filter((code) => code !== 'FD0002-2').map((memberCode, n) => ({ day: serviceDay(sampledAt.getTime()), memberCode, siteId: 'site-baifan', via: 'site' as const, tube: 'box-fd-T01', sampledAt, eventId: `fd-${n}`, deviceId: 'tablet-site-baifan' }))
		);
		const view = await until(async () => {
			const each = await coverage();
			if (each.targetAt && Date.parse(each.targetAt) === roundStart + 24 * 3_600_000) return each;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}, 'the round’s target in coverage', 20_000);
		const village = view.villages.find((each) => each.villageId === other.villageId)!;
		// Today's counts have nobody sampled; the round has all but the bedridden member, who is visited at home.
		expect(village.sampled).toBe(0);
		expect(village.finish).toMatchObject({ bound: 'home_visits' });
	}, 60_000);
});
