/**
 * An alert keeps its first time across a page load and a server restart: the wall overview says
 * since when the server has seen each standing alert, and a restarted server (same DATA_DIR) says
 * the same, though its live state now holds only the site's latest report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { siteStatus } from '../../server/db/schema/index';
import type { WallOverview } from '../../src/lib/protocol/index';
import { displayToken, postEvents, startTestApp } from '../fixtures/app';
import { queue } from '../fixtures/events';
import { until } from '../fixtures/wait';

const dataDir = mkdtempSync(join(tmpdir(), 'alert-since-'));
let app: App | null = null;

afterAll(async () => {
	await app?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** What a wall loading now receives: a new page load asks the server afresh. */
async function wallOverview(running: App): Promise<WallOverview> {
	const response = await fetch(`${running.url}/api/wall/overview`, { headers: { authorization: `Bearer ${await displayToken(running)}` } });
	expect(response.status).toBe(200);
	return response.json();
}

const ALERT = 'site_crowded:site-baifan';

describe("an alert's first time", () => {
	it('is the same on a new page load after a restart, not the time of the latest report', async () => {
		app = await startTestApp({ DATA_DIR: dataDir });
		const firstAt = Date.now() - 120_000;
		expect((await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 2500, at: new Date(firstAt).toISOString() })] })).json.accepted).toBe(1);
		const first = await until(async () => {
			const overview = await wallOverview(app!);
			return overview.alertsSince[ALERT] !== undefined && overview;
		}, 'the crowded site on the wall', 20_000);
		expect(first.alertsSince[ALERT]).toBe(firstAt);

		// The queue is still long at the next report; the server restarts after it.
		const laterAt = Date.now() - 30_000;
		expect((await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 2400, at: new Date(laterAt).toISOString() })] })).json.accepted).toBe(1);
		await until(async () => ((await app!.database.db.select().from(siteStatus).where(eq(siteStatus.siteId, 'site-baifan')))[0]?.queueAt.getTime() === laterAt ? true : undefined), 'the later report stored');
		await app.close();
		app = await startTestApp({ DATA_DIR: dataDir });

		const after = await wallOverview(app);
		expect(after.alertsSince[ALERT]).toBe(firstAt);
	});
});
