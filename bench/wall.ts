/**
 * The wall's render budget: opens /wall in headless Chromium on the metro scenario (10,000
 * vehicles moving, 12,000 sites reporting queues, 200,000 households aggregated) and measures,
 * for our incremental rendering and for a naive variant (`?render=naive`: every layer replaced
 * with setData on every delta), side by side in one run:
 *   - main-thread time per update (median, p95): from a delta's arrival through the layers' redraw;
 *   - long tasks (> 50 ms) per minute; frames per second; JS heap growth over the run.
 *
 *   npm run bench:wall [-- --minutes 10 --rate 10000 --json]
 *
 * Uses Postgres and Redis when DATABASE_URL and REDIS_URL are set, the embedded mode otherwise.
 * Prints a table and writes bench/results/<date>-wall.json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openDatabase } from '../server/db/client';
import { createDisplayToken, issueDeviceCredential } from '../server/modules/identity/credentials';
import { loadScenario } from '../server/modules/registry/load-scenario';
import { metroScenario } from '../server/sim/scenarios/metro';
import { spawnServer } from '../tests/fixtures/server-process';
import { chromiumPath, createTempDatabase, tempRedisPrefix } from '../tests/fixtures/services';

const option = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
};
const MINUTES = Number(option('minutes', '10'));
const RATE = Number(option('rate', '10000'));
const JSON_ONLY = process.argv.includes('--json');
const WARM_UP_MS = 20_000;
const say = (text: string) => (JSON_ONLY ? console.error(text) : console.log(text));

async function prepare() {
	const scaled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
	const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-wall-'));
	const temp = scaled ? await createTempDatabase(process.env.DATABASE_URL!) : null;
	const keys = scaled ? tempRedisPrefix(process.env.REDIS_URL!) : null;
	const database = await openDatabase({ url: temp?.url, dataDir });
	say('loading the metro scenario (12,000 sites, 10,000 vehicles, 200,000 households)…');
	await loadScenario({ db: database.db, scenario: metroScenario() });
	const gateway = (await issueDeviceCredential({ db: database.db, input: { deviceId: 'bench-gateway', kind: 'platform_gateway', scopeId: '*' }, actor: 'bench' })).token;
	const display = (await createDisplayToken({ db: database.db, input: { label: 'bench wall' }, actor: 'bench' })).token;
	await database.close();
	const server = await spawnServer({ SCENARIO: 'none', SIMULATE: 'false', DATA_DIR: dataDir, ...(scaled ? { DATABASE_URL: temp!.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys!.prefix } : {}) }, 180_000);
	return {
		server,
		gateway,
		display,
		cleanUp: async () => {
			await server.stop();
			await keys?.clean();
			await temp?.drop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round1 = (value: number) => Math.round(value * 10) / 10;

async function measure(variant: 'ours' | 'naive', url: string) {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'] });
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	await page.addInitScript(() => {
		const w = window as unknown as { __ccUpdateMs: number[]; __ccLongTasks: number[]; __ccFrames: number };
		w.__ccUpdateMs = [];
		w.__ccLongTasks = [];
		w.__ccFrames = 0;
		new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.__ccLongTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
		const frame = () => {
			w.__ccFrames++;
			requestAnimationFrame(frame);
		};
		requestAnimationFrame(frame);
	});
	await page.goto(variant === 'naive' ? `${url}&render=naive` : url);
	await page.waitForSelector('[data-testid="map"][data-map-loaded="true"]', { timeout: 120_000 });
	await page.waitForTimeout(WARM_UP_MS);
	const cdp = await page.context().newCDPSession(page);
	const heap = async () => {
		await cdp.send('HeapProfiler.collectGarbage');
		return (await cdp.send('Runtime.getHeapUsage')).usedSize;
	};
	const reset = () => page.evaluate(() => {
		const w = window as unknown as { __ccUpdateMs: number[]; __ccLongTasks: number[]; __ccFrames: number };
		w.__ccUpdateMs.length = 0;
		w.__ccLongTasks.length = 0;
		w.__ccFrames = 0;
	});
	const heapBefore = await heap();
	await reset();
	const started = Date.now();
	await page.waitForTimeout(MINUTES * 60_000);
	const seconds = (Date.now() - started) / 1000;
	const sample = await page.evaluate(() => {
		const w = window as unknown as { __ccUpdateMs: number[]; __ccLongTasks: number[]; __ccFrames: number };
		return { updates: [...w.__ccUpdateMs], longTasks: w.__ccLongTasks.filter((duration) => duration > 50).length, frames: w.__ccFrames };
	});
	const heapAfter = await heap();
	await browser.close();
	return {
		variant,
		updates: sample.updates.length,
		updateMsMedian: round1(percentile(sample.updates, 50)),
		updateMsP95: round1(percentile(sample.updates, 95)),
		longTasksPerMin: round1(sample.longTasks / (seconds / 60)),
		fps: round1(sample.frames / seconds),
		heapGrowthPct: round1(((heapAfter - heapBefore) / heapBefore) * 100),
		heapMb: Math.round(heapAfter / 1024 / 1024)
	};
}

async function main() {
	const { server, gateway, display, cleanUp } = await prepare();
	// Every vehicle reports about once a second, every site every 5 seconds.
	const load = spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', `${server.url}/api/ingest/events`, gateway, String(RATE), String(2 * (MINUTES * 60 + 120)), '10000', '12000', '5'], { stdio: ['ignore', 'ignore', 'inherit'] });
	const wall = `${server.url}/wall?display=${display}`;
	const results = [];
	try {
		for (const variant of ['ours', 'naive'] as const) {
			say(`measuring ${variant} for ${MINUTES} min…`);
			results.push(await measure(variant, wall));
		}
	} finally {
		load.kill();
		await cleanUp();
	}
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-wall.json`;
	writeFileSync(path, JSON.stringify({ minutes: MINUTES, rate: RATE, results }, null, 2));
	if (JSON_ONLY) console.log(JSON.stringify(Object.fromEntries(results.map(({ variant, updateMsMedian, updateMsP95, longTasksPerMin, fps, heapGrowthPct }) => [variant, { updateMsMedian, updateMsP95, longTasksPerMin, fps, heapGrowthPct }]))));
	else console.table(results);
	say(`written ${path}`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
