/** The demo wall keeps one address across restarts unless a new one is asked for. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client';
import { openEmbeddedDatabase } from '../fixtures/embedded-database';
import { displayOfToken } from '../../server/modules/identity/credentials';
import { openStartupWall } from '../../server/modules/identity/demo-credentials';

let database: Database;
let dataDir = '';
beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'wall-link-'));
	database = await openEmbeddedDatabase();
});
afterAll(async () => {
	await database?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('start-up wall link', () => {
	it('a restart prints the same wall address, which still opens the wall', async () => {
		const first = await openStartupWall({ db: database.db, dataDir });
		const second = await openStartupWall({ db: database.db, dataDir });
		expect(second).toBe(first);
		expect(await displayOfToken({ db: database.db, token: second })).not.toBeNull();
	});

	it('asked for a new one, the old address stops opening the wall', async () => {
		const old = await openStartupWall({ db: database.db, dataDir });
		const fresh = await openStartupWall({ db: database.db, dataDir, fresh: true });
		expect(fresh).not.toBe(old);
		expect(await displayOfToken({ db: database.db, token: old })).toBeNull();
		expect(await displayOfToken({ db: database.db, token: fresh })).not.toBeNull();
		expect(await openStartupWall({ db: database.db, dataDir })).toBe(fresh);
	});

	it('a start-up token older than a week is replaced', async () => {
		const old = await openStartupWall({ db: database.db, dataDir });
		const later = await openStartupWall({ db: database.db, dataDir, now: Date.now() + 8 * 86_400_000 });
		expect(later).not.toBe(old);
	});
});
