/**
 * `npm run report` refuses (zh/en, exit 1, nothing written, no database created) rather than
 * writing an all-zero 日报: a DATA_DIR with no database, a database with no registry, and a day
 * with no activity (没有日报, the web's answer for it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../server/app';
import { ServiceError } from '../../server/modules/service-error';
import { writeReportFiles } from '../../server/modules/reports/write-report-files';
import { serviceDay } from '../../src/lib/domain/service-day';
import { startTestApp } from '../fixtures/app';

const scratch = mkdtempSync(join(tmpdir(), 'report-cli-'));
const out = join(scratch, 'out');
const report = (env: Record<string, string>, ...args: string[]) =>
	spawnSync('npx', ['tsx', 'scripts/report.ts', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 120_000 });

let app: App;
beforeAll(async () => {
	app = await startTestApp();
});
afterAll(async () => {
	await app?.close();
	rmSync(scratch, { recursive: true, force: true });
});

describe('npm run report refusals', () => {
	it('refuses a DATA_DIR with no database, creating none and writing nothing', () => {
		const missing = join(scratch, 'no-such-data');
		const run = report({ DATA_DIR: missing }, '2026-11-30', '--out', out);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('没有找到数据库');
		expect(run.stderr).toContain('no database found');
		expect(existsSync(missing)).toBe(false);
		expect(existsSync(out)).toBe(false);
	}, 130_000);

	it('refuses a database that holds no registry', () => {
		const run = report({ DATA_DIR: 'memory://' }, '2026-11-30', '--out', out);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('没有采样点等基础数据');
		expect(run.stderr).toContain('holds no registry');
		expect(existsSync(out)).toBe(false);
	}, 130_000);

	it('answers 没有日报 for a day with no activity, as the web does, and writes no file', async () => {
		const refusal = await writeReportFiles({ db: app.database.db, day: serviceDay(Date.now()), out }).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(ServiceError);
		expect((refusal as ServiceError).text).toMatchObject({ zh: expect.stringContaining('没有日报'), en: expect.stringContaining('no daily report') });
		expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
	});
});
