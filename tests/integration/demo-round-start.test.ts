/**
 * The demo's emergency round starts when its scenario is first loaded into a new database, and a
 * restart resumes that round: the simulated arrivals are laid out from the kept start
 * (server/modules/registry/demo-round-start.ts, server/sim/site-queue-model.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { keptScreenState } from '../../server/db/schema/index';
import { DEMO_ROUND_START_KEY, keepDemoRoundStart } from '../../server/modules/registry/demo-round-start';
import { readKept } from '../../server/modules/screen-state/kept-screen-state';
import { startTestApp } from '../fixtures/app';

const dataDir = mkdtempSync(join(tmpdir(), 'demo-round-'));
let app: App | null = null;

afterAll(async () => {
	await app?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

const HOUR = 3_600_000;

describe('the demo round’s start', () => {
	it('is kept when the scenario loads into a new database, and a restart resumes the same round', async () => {
		const beforeLoad = Date.now();
		app = await startTestApp({ DATA_DIR: dataDir });
		const afterLoad = Date.now();
		const kept = await readKept(app.database.db, DEMO_ROUND_START_KEY);
		const startedAt = Date.parse((kept as { startedAt: string }).startedAt);
		expect(startedAt).toBeGreaterThanOrEqual(beforeLoad);
		expect(startedAt).toBeLessThanOrEqual(afterLoad);

		await app.close();
		const restartedAt = Date.now();
		app = await startTestApp({ DATA_DIR: dataDir });
		expect(await readKept(app.database.db, DEMO_ROUND_START_KEY)).toEqual(kept);
		// What the simulator is given after the restart, even hours later: the round declared at the load.
		expect(await keepDemoRoundStart({ db: app.database.db, now: restartedAt + 5 * HOUR })).toBe(startedAt);
	}, 240_000);

	it('a database without a readable start (loaded before rounds were kept, or damaged) starts a round now and keeps it', async () => {
		const db = app!.database.db;
		await db.update(keptScreenState).set({ value: { startedAt: 'not an instant' } }).where(eq(keptScreenState.key, DEMO_ROUND_START_KEY));
		const now = Date.UTC(2026, 10, 30, 13, 45);
		expect(await keepDemoRoundStart({ db, now })).toBe(now);
		expect(await keepDemoRoundStart({ db, now: now + HOUR })).toBe(now);
		await db.delete(keptScreenState).where(eq(keptScreenState.key, DEMO_ROUND_START_KEY));
		expect(await keepDemoRoundStart({ db, now: now + 2 * HOUR })).toBe(now + 2 * HOUR);
		expect(await keepDemoRoundStart({ db, now: now + 3 * HOUR })).toBe(now + 2 * HOUR);
	});
});
