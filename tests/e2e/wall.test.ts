import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { chromiumPath, needs } from '../fixtures/services';

const executablePath = chromiumPath();
const available = needs('end-to-end wall in Chromium', { 'Chromium (CHROMIUM_PATH or /usr/bin/chromium)': executablePath });

/** Hosts a page of ours may talk to. Anything else is a leak of the offline promise. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Skipped only without a Chromium; needs() has printed why, and throws in CI.
describe.skipIf(!available)('the wall in Chromium', () => {
	let server: ServerProcess;
	let browser: Browser;
	let page: Page;
	let dataDir: string;
	/** Hosts of network requests; blob: and data: URLs (MapLibre's workers and images) stay in the page. */
	const requestedHosts = new Set<string>();
	const recordRequest = (url: string) => {
		const parsed = new URL(url);
		if (parsed.protocol !== 'blob:' && parsed.protocol !== 'data:') requestedHosts.add(parsed.hostname);
	};

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-'));
		server = await spawnServer({ DATA_DIR: dataDir, SIMULATE: 'true' });
		browser = await chromium.launch({
			executablePath,
			args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
		});
		page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		page.on('request', (request) => recordRequest(request.url()));
		page.on('websocket', (socket) => recordRequest(socket.url()));
		await page.goto(server.wall);
	}, 90_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	const courierPositions = () =>
		page.evaluate(() => {
			const map = (window as unknown as { __ccMap: import('maplibre-gl').Map }).__ccMap;
			return map.querySourceFeatures('vehicles').map((feature) => ({ id: String(feature.properties.id), coordinates: (feature.geometry as GeoJSON.Point).coordinates.join(',') }));
		});

	it('draws the map with the sites and a KPI band in Chinese', async () => {
		await page.waitForSelector('[data-testid="map"][data-map-idle="true"]', { timeout: 60_000 });
		await expect.poll(() => page.evaluate(() => (window as unknown as { __ccMap: import('maplibre-gl').Map }).__ccMap.querySourceFeatures('sites').length), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
		expect(await page.textContent('body')).toContain('排队人数');
	});

	it('moves a courier marker without a reload', async () => {
		await expect.poll(async () => (await courierPositions()).length, { timeout: 20_000 }).toBeGreaterThan(0);
		const before = new Map((await courierPositions()).map((courier) => [courier.id, courier.coordinates]));
		await expect
			.poll(async () => (await courierPositions()).some((courier) => before.has(courier.id) && before.get(courier.id) !== courier.coordinates), { timeout: 20_000 })
			.toBe(true);
	});

	it('changes a queue number without a reload', async () => {
		const first = await page.textContent('[data-testid="kpi-people-queueing"]');
		await expect.poll(() => page.textContent('[data-testid="kpi-people-queueing"]'), { timeout: 30_000 }).not.toBe(first);
	});

	it('saves a screenshot of the live wall', async () => {
		mkdirSync('test-results', { recursive: true });
		await page.waitForSelector('[data-testid="map"][data-map-idle="true"]', { timeout: 30_000 });
		await page.screenshot({ path: 'test-results/wall-1920x1080.png' });
	});

	it('makes no request to any host but this one', async () => {
		expect([...requestedHosts].filter((host) => !LOCAL_HOSTS.has(host))).toEqual([]);
		expect(requestedHosts.size).toBeGreaterThan(0);
	});

	it('shows "data stale since" within seconds of losing the server', async () => {
		expect(await page.$('[data-testid="stale-banner"]')).toBeNull();
		await server.stop();
		await page.waitForSelector('[data-testid="stale-banner"]', { timeout: 10_000 });
		expect(await page.textContent('[data-testid="stale-banner"]')).toMatch(/数据已停止更新，自 \d{2}:\d{2}:\d{2}/);
	});
});
