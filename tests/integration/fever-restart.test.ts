/**
 * A restart of the embedded server (same DATA_DIR) keeps today's fevers on the wall: the projector
 * restores them from the day's follow-up events before the first snapshot, so the critical alert
 * does not vanish until the next follow-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { quarantineCases, regions } from '../../server/db/schema/index';
import { signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';
import { openWall, type WallView } from '../fixtures/wall-socket';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';

const dataDir = mkdtempSync(join(tmpdir(), 'fever-restart-'));
let app: App | null = null;
let wall: WallView | null = null;

afterAll(async () => {
	wall?.close();
	await app?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('a restart keeps the fevers', () => {
	it('shows the village with a fever on the wall after a restart as before it', async () => {
		app = await startTestApp({ DATA_DIR: dataDir, SCENARIO: 'chengmen' });
		const db = app.database.db;
		const [village] = await db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'village')).orderBy(asc(regions.id)).limit(1);
		const start = addDays(serviceDay(Date.now()), -1);
		const created = new Date(serviceDayStart(start) + 9 * 3_600_000);
		await db.insert(quarantineCases).values({ id: 'qc_restart01', personId: 'p_restart', villageId: village.id, measure: 'home_quarantine', placeKind: 'home', startDate: start, plannedEndDate: addDays(start, 13), status: 'active', createdAt: created, createdBy: 'test', updatedAt: created });
		const { cookie } = await signedIn(app, 'quarantine_officer', { villageIds: [village.id] });
		const response = await fetch(`${app.url}/api/quarantine/follow-ups`, {
			method: 'POST', headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ caseId: 'qc_restart01', reportId: 'phone-9:restart-1', takenAt: new Date(Date.now() - 60_000).toISOString(), temperatureC: 37.6, symptoms: [] })
		});
		expect(response.status).toBe(201);
		wall = await openWall(app);
		await until(() => ((wall!.kpi().fevers ?? []).length > 0 ? true : undefined), 'the fever on the wall');

		wall.close();
		await app.close();
		app = await startTestApp({ DATA_DIR: dataDir, SCENARIO: 'chengmen' });
		wall = await openWall(app);
		// The first snapshot after the restart already has it: nothing new was recorded.
		expect(wall.kpi().fevers).toEqual([expect.objectContaining({ villageId: village.id, cases: 1 })]);
	}, 240_000);
});
