import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { launchChromium, needsChromium } from '../fixtures/chromium';

const available = needsChromium('end-to-end ledger page in Chromium');

// Skipped only without a Chromium; needsChromium() has printed why, and throws in CI.
// Skipped only when `available` is false: needs() printed which service is missing, and under CI=true it threw instead.
describe.skipIf(!available)('the ledger page in Chromium', () => {
	let server: ServerProcess;
	let browser: Browser;
	let page: Page;
	let dataDir: string;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-ledgers-'));
		server = await spawnServer({ DATA_DIR: dataDir, SCENARIO: 'none', SIMULATE: 'false' });
		browser = await launchChromium();
		page = await browser.newPage();
	}, 90_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	it('creates the first admin through the one-time link start-up printed, and signs in', async () => {
		expect(server.setup).toMatch(/\/setup\?token=setup_/);
		await page.goto(server.setup!);
		await page.fill('input[name="username"]', 'chief');
		await page.fill('input[name="password"]', 'a long enough passphrase');
		await page.click('button[type="submit"]');
		await page.waitForSelector('text=管理员已创建');
		await page.goto(`${server.url}/login?next=/ledgers`);
		await page.fill('input[name="username"]', 'chief');
		await page.fill('input[name="password"]', 'a long enough passphrase');
		await page.click('button[type="submit"]');
		await page.waitForURL(/\/ledgers$/);
	});

	it('refuses the same setup link a second time', async () => {
		const again = await fetch(`${server.url}/api/setup/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: new URL(server.setup!).searchParams.get('token'), username: 'intruder', password: 'another long passphrase' }) });
		expect(again.status).toBe(400);
		expect((await again.json()).error).toMatch(/unknown, used or expired/);
	});

	it('checks a file with bad rows and shows the report by row and column', async () => {
		await page.setInputFiles('[data-testid="ledger-file"]', 'tests/fixtures/ledgers/sites-with-errors.csv');
		await page.click('[data-testid="ledger-check"]');
		await page.waitForSelector('[data-testid="import-report"]');
		const report = await page.textContent('[data-testid="import-report"]');
		expect(report).toContain('215.3');
		// Written once in English by the parsers, read in Chinese on a Chinese page.
		expect(report).toContain('不是有效经度（−180 到 180）');
		expect(report).toContain('与第 2 行重复');
		expect(report).not.toContain('is not a longitude');
	});

	it('imports only the good rows when asked, and says what it wrote', async () => {
		await page.click('[data-testid="ledger-import-good"]');
		await page.waitForSelector('[data-testid="import-written"]');
		expect(await page.textContent('[data-testid="import-written"]')).toMatch(/新增 2/);
		const exported = await page.evaluate(async () => (await fetch('/api/ledgers/sites.csv')).text());
		expect(exported).toContain('S006,兴联村采样点');
		expect((await fetch(`${server.url}/api/ledgers/sites.csv`)).status).toBe(401);
	});

	it('flags a row placed outside the county, and imports it only once the importer ticks that it was checked', async () => {
		const csv = ['编号,名称,类型,街道,服务村,经度,纬度,采样台数,混采', 'S101,白畈村临时采样点,临时采样点,城门街道,白畈村,116.397,39.909,1,10合1'].join('\n');
		await page.setInputFiles('[data-testid="ledger-file"]', { name: 'beijing.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.click('[data-testid="ledger-check"]');
		await page.waitForSelector('[data-testid="import-outside"]');
		expect(await page.textContent('[data-testid="import-outside"]')).toMatch(/第 2 行：116\.397, 39\.909 在本县范围外约 [\d,]+ 公里/);
		expect(await page.locator('[data-testid="ledger-import"]').count()).toBe(0);
		await page.check('[data-testid="ledger-confirm-outside"]');
		await page.click('[data-testid="ledger-import"]');
		await page.waitForSelector('[data-testid="import-written"]');
		expect(await page.textContent('[data-testid="import-written"]')).toMatch(/新增 1/);
		expect(await page.textContent('[data-testid="import-outside"]')).toContain('已确认');
	});
});
