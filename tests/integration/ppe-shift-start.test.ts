/**
 * PPE time (防护服穿着时长) on the staffing board when a round samples before the sites' opening
 * hour (review item 14: 0.0 h for every sampler 25 min into a round that started at 03:50, the
 * chengmen sites opening at 08:00): the shift counts from the site's first sample of the day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { sampledMembers } from '../../server/db/schema/index';
import { loadBoard } from '../../server/modules/staffing/staffing-board';
import { nextServiceDay, serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { startTestApp } from '../fixtures/app';

let app: App;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
});
afterAll(async () => {
	await app?.close();
});

// Tomorrow's China-time day: after every assignment of the demo began, and untouched by any other sample.
const day = nextServiceDay(serviceDay(Date.now()));
const chinaTime = (hours: number, minutes: number) => serviceDayStart(day) + (hours * 60 + minutes) * 60_000;

describe('PPE time on the staffing board', () => {
	it('counts from the site’s first sample when the round samples before the opening hour, and is 0 at a site that has not begun', async () => {
		const now = chinaTime(4, 15);
		await app.database.db.insert(sampledMembers).values({ day, memberCode: 'PPE0001-1', siteId: 'site-baifan', via: 'site', tube: 'T-PPE-1', sampledAt: new Date(chinaTime(3, 50)), eventId: 'ppe-test-1', deviceId: 'tablet-site-baifan' });
		const board = await loadBoard(app.database.db, { townshipId: 't:城门街道', now });
		const baifan = board.sites.find((site) => site.id === 'site-baifan')!;
		expect(baifan.samplers.length).toBeGreaterThan(0);
		for (const sampler of baifan.samplers) expect(sampler.hoursWorked).toBeCloseTo(25 / 60, 2);
		// A site of the same township not sampling yet: its shift starts at its opening (08:00), so 0 h so far.
		const idle = board.sites.find((site) => site.id !== 'site-baifan' && site.samplers.length > 0)!;
		expect(idle.samplers.every((sampler) => sampler.hoursWorked === 0)).toBe(true);
	}, 60_000);
});
