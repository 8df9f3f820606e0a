/**
 * What screens show survives a restart of the server (same DATA_DIR). An alert keeps its first
 * time: the wall overview says since when the server has seen each standing alert, and a restarted
 * server says the same, though its live state holds only the site's latest report. The staffing
 * plan a shift leader was looking at is the one the board shows after the restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { keptScreenState, siteStatus } from '../../server/db/schema/index';
import type { BoardMove, StaffingBoard, WallOverview } from '../../src/lib/protocol/index';
import { displayToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
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
		}, 'the crowded site on the wall', 60_000);
		expect(first.alertsSince[ALERT]).toBe(firstAt);

		// The queue is still long at the next report; the server restarts after it.
		const laterAt = Date.now() - 30_000;
		expect((await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 2400, at: new Date(laterAt).toISOString() })] })).json.accepted).toBe(1);
		await until(async () => ((await app!.database.db.select().from(siteStatus).where(eq(siteStatus.siteId, 'site-baifan')))[0]?.queueAt.getTime() === laterAt ? true : undefined), 'the later report stored', 60_000);
		await app.close();
		app = await startTestApp({ DATA_DIR: dataDir });

		const after = await wallOverview(app);
		expect(after.alertsSince[ALERT]).toBe(firstAt);
	}, 240_000);
});

const TOWNSHIP = 't:城门街道';
async function board(running: App): Promise<StaffingBoard> {
	const leader = await signedIn(running, 'shift_leader', { townshipId: TOWNSHIP });
	const response = await fetch(`${running.url}/api/staffing/board`, { headers: { cookie: leader.cookie } });
	expect(response.status).toBe(200);
	return response.json();
}
const specs = (moves: BoardMove[]) => moves.map(({ samplerIds, fromSiteId, toSiteId }) => ({ samplerIds, fromSiteId, toSiteId }));

describe('the staffing plan on show', () => {
	it('is the plan the board shows after a restart, kept as it was shown', async () => {
		app ??= await startTestApp({ DATA_DIR: dataDir });
		await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 900 })] });
		const before = await until(async () => {
			const shown = await board(app!);
			return shown.recommendations.length > 0 && shown;
		}, 'a plan on the board', 60_000);
		const [move] = before.recommendations;
		const [row] = await app.database.db.select().from(keptScreenState).where(eq(keptScreenState.key, `staffing-plan:${TOWNSHIP}`));
		expect(row.value).toEqual(specs(before.recommendations));

		// The leader was shown the same move with two other samplers of the donor (an earlier state
		// chose them): after the restart the board keeps those, where a fresh plan would pick others.
		const others = before.sites.find((site) => site.id === move.fromSiteId)!.samplers.map((sampler) => sampler.id).filter((id) => !move.samplerIds.includes(id)).slice(0, move.samplerIds.length);
		expect(others).toHaveLength(move.samplerIds.length);
		const shownEarlier = [{ ...specs([move])[0], samplerIds: others }];
		await app.database.db.update(keptScreenState).set({ value: shownEarlier }).where(eq(keptScreenState.key, `staffing-plan:${TOWNSHIP}`));
		await app.close();
		app = await startTestApp({ DATA_DIR: dataDir });
		expect(specs((await board(app)).recommendations)[0]).toEqual(shownEarlier[0]);
	}, 240_000);
});
