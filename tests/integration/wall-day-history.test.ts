/** GET /api/wall/history: a wall opened in the afternoon draws the day's queues and lab backlog at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { sites } from '../../server/db/schema/index';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { computeDayHistory } from '../../server/modules/wall/wall-day-history';
import type { WallDayHistory } from '../../src/lib/protocol/index';
import { dayHistoryFrom } from '../../src/lib/domain/day-history';
import { displayToken, postEvents, startTestApp } from '../fixtures/app';
import { labCounts, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';

// Lab counts are cumulative per China-time day, so the test's two reports must fall after today's
// midnight, in different 5-minute steps, with a step after each: 12 minutes past midnight at least.
await clearOfChinaMidnight({ afterMs: 12 * 60_000 });

let app: App;
let wall: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	wall = await displayToken(app);
});
afterAll(async () => {
	await app.close();
});

describe('the wall’s chart history of the day', () => {
	it('refuses a request without a credential', async () => {
		expect((await fetch(`${app.url}/api/wall/history`)).status).toBe(401);
	});

	it('rebuilds the queues per township and the lab backlog from the stored reports, from 06:00 China time', async () => {
		const now = Date.now();
		const earliest = serviceDayStart(serviceDay(now)) + 30_000;
		const earlierAt = Math.max(now - 40 * 60_000, earliest);
		const earlier = new Date(earlierAt).toISOString();
		const later = new Date(earlierAt + (now - earlierAt) / 2).toISOString();
		await postEvents(app, { events: [queue({ siteId: 'site-baihe', queueLength: 777, at: earlier }), queue({ siteId: 'site-baihe', queueLength: 341, at: later })] });
		const { token } = await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' });
		await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ events: [labCounts({ receivedTubes: 1500, testedTubes: 300, at: earlier })] }) });
		const [baihe] = await app.database.db.select({ townshipId: sites.townshipId }).from(sites).where(eq(sites.id, 'site-baihe'));
		await until(async () => (await computeDayHistory(app.database.db, null, Date.now())).samples.some((sample) => sample.queueByTownship[baihe.townshipId] === 341), 'the queue reports to be stored');

		const response = await fetch(`${app.url}/api/wall/history`, { headers: { authorization: `Bearer ${wall}` } });
		expect(response.status).toBe(200);
		const history = (await response.json()) as WallDayHistory;
		// Before 06:00 China time the history starts 6 h before the moment it was made, so compare with that moment.
		expect(Date.parse(history.from)).toBe(dayHistoryFrom(Date.parse(history.generatedAt)));
		const at = (iso: string) => history.samples.find((sample) => sample.at >= Date.parse(iso))!;
		// The first sample after each report reads it; before the first one there is no number (a gap on the chart), not 0.
		const first = history.samples[0];
		if (first.at < Date.parse(earlier) - 5 * 60_000) {
			expect(first.queueByTownship[baihe.townshipId]).toBeUndefined();
			expect(first.labBacklog).toBeNull();
		}
		expect(at(earlier).queueByTownship[baihe.townshipId]).toBe(777);
		expect(at(later).queueByTownship[baihe.townshipId]).toBe(341);
		expect(at(earlier).labBacklog).toBe(1200);
		// One sample every 5 minutes from 06:00 to now, in order, each time once: the axis never repeats.
		const times = history.samples.map((sample) => sample.at);
		expect(new Set(times).size).toBe(times.length);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(times.every((time, index) => index === 0 || time - times[index - 1] === history.stepMinutes * 60_000)).toBe(true);
		expect(JSON.stringify(history)).not.toMatch(/白合|site-/);
	});
});
