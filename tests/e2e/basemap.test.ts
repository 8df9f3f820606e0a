/**
 * BASEMAP=pmtiles:<county extract> in Chromium: the wall draws a Protomaps-schema archive in the dark
 * wall style (roads, water, places labelled in Chinese first) and asks only our own server for
 * anything: tiles by byte ranges, the font from the app, no glyph server, no sprite.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { launchChromium, needsChromium } from '../fixtures/chromium';
import { buildProtomapsArchive } from '../fixtures/protomaps-archive';
import { chengmen } from '../../server/sim/scenarios/chengmen';

const available = needsChromium('end-to-end basemap in Chromium');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Skipped only without a Chromium; needsChromium() has printed why, and throws in CI.
// Skipped only when `available` is false: needs() printed which service is missing, and under CI=true it threw instead.
describe.skipIf(!available)('a Protomaps county extract on the wall, in Chromium', () => {
	let server: ServerProcess;
	let browser: Browser;
	let page: Page;
	let dir: string;
	const requestedHosts = new Set<string>();
	const requestedPaths: string[] = [];
	const pageErrors: string[] = [];

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cc-e2e-basemap-'));
		writeFileSync(join(dir, 'county.pmtiles'), buildProtomapsArchive(chengmen.bounds));
		server = await spawnServer({ DATA_DIR: join(dir, 'data'), SIMULATE: 'false', BASEMAP: `pmtiles:${join(dir, 'county.pmtiles')}` });
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (url.protocol === 'blob:' || url.protocol === 'data:') return;
			requestedHosts.add(url.hostname);
			requestedPaths.push(url.pathname);
		});
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(server.wall);
		await page.waitForSelector('[data-testid="map"][data-map-loaded="true"]', { timeout: 90_000 }).catch((error) => {
			throw new Error(`${error}\npage errors: ${pageErrors.join('\n')}`);
		});
	}, 150_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	const onMap = <T>(read: (map: MapLibreMap) => T) => page.evaluate(`(${read.toString()})(window.__ccMap)`) as Promise<T>;

	it('draws the archive in the dark wall style: roads by kind, water, places in Chinese first, and no schematic badge', async () => {
		const style = await onMap((map) => map.getStyle());
		const ids = style.layers.map((layer) => layer.id);
		for (const id of ['earth', 'water', 'landuse', 'boundaries', 'roads-highway', 'roads-major', 'roads-minor', 'places-locality']) expect(ids).toContain(id);
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(JSON.stringify(style.sources.basemap)).toContain('/api/basemap.pmtiles');

		// The tiles arrived and were drawn: the highway, the lake and the town are on screen. The live
		// layers (sites, vehicles, badges) take label room before the basemap's names by design, and
		// the moving vehicles would hide the town now and then: they are hidden while the basemap's
		// own drawing is checked, and shown again for the screenshot.
		const overlays = await page.evaluate(() => {
			const map = (window as unknown as { __ccMap: MapLibreMap }).__ccMap;
			const shown = map.getStyle().layers.filter((layer) => 'source' in layer && layer.source !== 'basemap' && map.getLayoutProperty(layer.id, 'visibility') !== 'none').map((layer) => layer.id);
			for (const id of shown) map.setLayoutProperty(id, 'visibility', 'none');
			return shown;
		});
		await expect
			.poll(() => onMap((map) => map.queryRenderedFeatures(undefined, { layers: ['roads-highway', 'water', 'places-locality'] }).map((feature) => feature.layer.id)), { timeout: 30_000 })
			.toEqual(expect.arrayContaining(['roads-highway', 'water', 'places-locality']));
		const town = await onMap((map) => map.queryRenderedFeatures(undefined, { layers: ['places-locality'] }).map((feature) => feature.properties));
		expect(town).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Chengmen', 'name:zh-Hans': '城门镇' })]));
		await page.evaluate((ids) => {
			const map = (window as unknown as { __ccMap: MapLibreMap }).__ccMap;
			for (const id of ids) map.setLayoutProperty(id, 'visibility', 'visible');
		}, overlays);
		expect(await page.locator('[data-testid="basemap-badge"]').count()).toBe(0);
		expect(pageErrors).toEqual([]);

		await page.waitForSelector('[data-testid="map"][data-map-idle="true"]', { timeout: 30_000 }).catch(() => {});
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/basemap-protomaps-wall-1920x1080.png' });
	}, 90_000);

	it('asks only our own server for anything: tiles by range, the font from the app', () => {
		expect([...requestedHosts].filter((host) => !LOCAL_HOSTS.has(host))).toEqual([]);
		expect(requestedPaths).toContain('/api/basemap.pmtiles');
		// The shipped web font, from the app itself (the whole font for a real map's unknown names).
		expect(requestedPaths.filter((path) => /noto-sans-sc.*\.woff2$/.test(path)).length).toBeGreaterThan(50);
	});
});

// Skipped only without a Chromium; needsChromium() has printed why, and throws in CI.
// Skipped only when `available` is false: needs() printed which service is missing, and under CI=true it threw instead.
describe.skipIf(!available)('the schematic basemap on the wall, in Chromium', () => {
	let server: ServerProcess;
	let browser: Browser;
	let dir: string;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cc-e2e-schematic-'));
		server = await spawnServer({ DATA_DIR: dir, SIMULATE: 'false' });
		browser = await launchChromium();
	}, 90_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('says 示意底图 once on the map (Schematic basemap in English), and its cells carry plain village names', async () => {
		for (const [lang, badge] of [['zh', '示意底图'], ['en', 'Schematic basemap']] as const) {
			const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
			await page.goto(lang === 'en' ? `${server.wall}&lang=en` : server.wall);
			await page.waitForSelector('[data-testid="map"][data-map-loaded="true"]', { timeout: 90_000 });
			expect(await page.locator('[data-testid="basemap-badge"]').allTextContents()).toEqual([badge]);
			const cellNames = (await page.evaluate(`window.__ccMap.querySourceFeatures('basemap').filter((f) => f.properties.kind === 'cell').map((f) => f.properties.name)`)) as string[];
			expect(cellNames.length).toBeGreaterThan(0);
			for (const name of cellNames) expect(name).not.toMatch(/示意|占位/);
			mkdirSync('test-results', { recursive: true });
			await page.screenshot({ path: `test-results/basemap-schematic-wall-1920x1080-${lang}.png` });
			await page.close();
		}
	}, 180_000);
});
