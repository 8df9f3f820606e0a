/**
 * A box from sealing to lab receipt in Chromium: the dispatcher is warned while there is still
 * time, accepts a pickup run, the courier's phone records the pickup, the lab receives the box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { chromiumPath, needs } from '../fixtures/services';
import { adminApi } from '../fixtures/admin-api';

const executablePath = chromiumPath();
const available = needs('end-to-end dispatch in Chromium', { 'Chromium (CHROMIUM_PATH or /usr/bin/chromium)': executablePath });
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

// Skipped only without a Chromium; needs() has printed why, and throws in CI.
describe.skipIf(!available)('a sample box in Chromium', () => {
	let server: ServerProcess;
	let browser: Browser;
	let dataDir: string;
	const tokens: Record<string, string> = {};
	const post = (device: string, event: object) =>
		fetch(`${server.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[device]}` }, body: JSON.stringify({ events: [{ ...event, deviceId: device }] }) }).then((response) => response.json());

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-dispatch-'));
		server = await spawnServer({ DATA_DIR: dataDir, SIMULATE: 'false' });
		const admin = await adminApi(server);
		expect((await admin.createUser({ username: 'dispatcher', password: 'another long passphrase', role: 'dispatcher' })).status).toBe(201);
		tokens['tablet-site-baifan'] = await admin.deviceToken('tablet-site-baifan', 'site_tablet', 'site-baifan');
		tokens['phone-courier-2'] = await admin.deviceToken('phone-courier-2', 'courier_phone', 'courier-2');
		tokens['lims-lab-chaisang-cdc'] = await admin.deviceToken('lims-lab-chaisang-cdc', 'lab_system', 'lab-chaisang-cdc');
		browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'] });
	}, 90_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	it('warns the dispatcher 90 minutes ahead, and follows the box through pickup to the lab', async () => {
		// Sealed 150 minutes ago: 90 minutes left. The only courier is 60 km away, two hours' drive.
		expect((await post('tablet-site-baifan', { type: 'site.box_sealed', id: 'e2e-seal-0001', at: ago(150), siteId: 'site-baifan', boxId: 'BOX-E2E-1', tubes: 20, people: 200, pooling: '10:1' })).accepted).toBe(1);
		expect((await post('phone-courier-2', { type: 'courier.position', id: 'e2e-fix-0001', at: ago(0.05), vehicleId: 'courier-2', lat: 30.2, lon: 115.83 })).accepted).toBe(1);

		const dispatcher = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await dispatcher.goto(`${server.url}/login?next=/dispatch`);
		await dispatcher.fill('input[name="username"]', 'dispatcher');
		await dispatcher.fill('input[name="password"]', 'another long passphrase');
		await dispatcher.click('button[type="submit"]');
		await dispatcher.waitForURL(/\/dispatch$/);
		await dispatcher.waitForSelector('tr[data-risk="predicted_late"]', { timeout: 15_000 });
		expect(await dispatcher.textContent('tr[data-risk="predicted_late"]')).toMatch(/白畈村采样点.*预计超时/);

		// The courier comes closer; now a run can make it, and the dispatcher accepts it.
		await post('phone-courier-2', { type: 'courier.position', id: 'e2e-fix-0002', at: ago(0.02), vehicleId: 'courier-2', lat: 29.655, lon: 115.835 });
		await dispatcher.waitForSelector('[data-testid="accept-run"]', { timeout: 15_000 });
		await dispatcher.click('[data-testid="accept-run"]');
		await dispatcher.waitForSelector('text=已派单', { timeout: 10_000 });
		await dispatcher.screenshot({ path: 'test-results/dispatch.png', fullPage: true });

		const phone = await browser.newPage({ viewport: { width: 412, height: 915 } });
		await phone.goto(`${server.url}/field/courier?device=${tokens['phone-courier-2']}`);
		await expect.poll(() => phone.textContent('[data-testid="courier-run"]'), { timeout: 15_000 }).toContain('BOX-E2E-1');
		await phone.fill('[data-testid="pickup-box"]', 'BOX-E2E-1');
		await phone.fill('[data-testid="pickup-tubes"]', '20');
		await phone.click('[data-testid="confirm-pickup"]');
		await expect.poll(() => phone.textContent('[data-testid="courier-carried"]'), { timeout: 15_000 }).toContain('BOX-E2E-1');
		await phone.screenshot({ path: 'test-results/field-courier.png', fullPage: true });

		expect((await post('lims-lab-chaisang-cdc', { type: 'box.received', id: 'e2e-receipt-01', at: ago(0), boxId: 'BOX-E2E-1', labId: 'lab-chaisang-cdc', tubesCounted: 20 })).accepted).toBe(1);
		await expect.poll(() => dispatcher.textContent('[data-testid="boxes"]'), { timeout: 15_000 }).not.toContain('白畈村采样点');
	}, 120_000);
});
