/**
 * The wall's render budget: opens /wall in headless Chromium on the metro scenario (10,000
 * vehicles moving, 12,000 sites reporting queues, 200,000 households aggregated) and measures,
 * for our incremental rendering and for a naive variant (`?render=naive`: every layer replaced
 * with setData on every delta), side by side in one run:
 *   - main-thread time per update (median, p95): from a delta's arrival through the layers' redraw;
 *   - long tasks (> 50 ms) per minute; frames per second; JS heap growth over the run.
 *
 *   npm run bench:wall [-- --minutes 10 --rate 10000 --json]
 *   npm run bench:wall -- --replay [--minutes 10] [--json] [--record] [--profile DIR] [--data-dir DIR] [--still]
 *     [--port 3101 (replay)] [--server-port 0 (real server)] [--map-wait 300 (s the map may take to load)]
 *
 * Live mode runs the load generator on the same cores as the page. --replay isolates the browser:
 * 60 s of metro frames for a wall socket are recorded once into bench/recordings/ (kept; --record
 * records again): the real server's snapshots, then deltas at the projector's cadence for 10,000
 * vehicles moving every second and 12,000 sites reporting every 5 s (--record-live records the
 * real server under the load instead, which in embedded mode sends no delta while saturated).
 * They are replayed at real time, looped, into /wall by a small server in front of the idle real
 * server (bench/wall-replay.ts). --profile writes a 20 s V8 CPU profile of
 * each variant's page into DIR (open in Chrome DevTools' Performance panel). --still adds a third
 * run of ours given the snapshots only and no delta: what the page costs this machine with nothing
 * to update (drawing the metro, its timers), the floor under the other two. Each run reports how
 * busy the machine was and the real server's CPU meanwhile (it still answers the page's HTTP).
 *
 * Uses Postgres and Redis when DATABASE_URL and REDIS_URL are set, the embedded mode otherwise.
 * Prints a table and writes bench/results/<date>-wall.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openDatabase } from '../server/db/client';
import { createDisplayToken, issueDeviceCredential } from '../server/modules/identity/credentials';
import { loadScenario } from '../server/modules/registry/load-scenario';
import { metroScenario } from '../server/sim/scenarios/metro';
import { spawnServer } from '../tests/fixtures/server-process';
import { chromiumPath, createTempDatabase, tempRedisPrefix } from '../tests/fixtures/services';
import { cpuSeconds, machineCpu } from './proc-stats';
import { hasRecording, readRecording, recordWallFrames, startReplayServer, synthesizeMetroRecording } from './wall-replay';

const option = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
};
const MINUTES = Number(option('minutes', '10'));
const RATE = Number(option('rate', '10000'));
const JSON_ONLY = process.argv.includes('--json');
const REPLAY = process.argv.includes('--replay');
const STILL = REPLAY && process.argv.includes('--still');
const RECORD = process.argv.includes('--record');
const PROFILE_DIR = option('profile', '');
const RECORDING = 'bench/recordings/metro-60s.ndjson';
const RECORD_SECONDS = 60;
const REPLAY_PORT = Number(option('port', '3101'));
/** The real server's port (0: any free one). */
const SERVER_PORT = option('server-port', '0');
const WARM_UP_MS = 20_000;
/** How long the page may take to show its map (config, basemap and fonts from the real server, the snapshots from the replay): minutes on a loaded 2-core machine. */
const MAP_WAIT_MS = Number(option('map-wait', '300')) * 1000;
const say = (text: string) => (JSON_ONLY ? console.error(text) : console.log(text));

/** --data-dir DIR (embedded mode): the loaded scenario and its tokens are kept there and reused by the next run. */
const KEEP_DATA = option('data-dir', '');

async function prepare() {
	const scaled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
	const kept = !scaled && KEEP_DATA ? join(KEEP_DATA, 'bench-wall.json') : null;
	const dataDir = kept ? KEEP_DATA : mkdtempSync(join(tmpdir(), 'h-wall-'));
	let gateway: string;
	let display: string;
	const temp = scaled ? await createTempDatabase(process.env.DATABASE_URL!) : null;
	const keys = scaled ? tempRedisPrefix(process.env.REDIS_URL!) : null;
	if (kept && existsSync(kept)) ({ gateway, display } = JSON.parse(readFileSync(kept, 'utf8')));
	else {
		mkdirSync(dataDir, { recursive: true });
		const database = await openDatabase({ url: temp?.url, dataDir });
		say('loading the metro scenario (12,000 sites, 10,000 vehicles, 200,000 households)…');
		await loadScenario({ db: database.db, scenario: metroScenario() });
		gateway = (await issueDeviceCredential({ db: database.db, input: { deviceId: 'bench-gateway', kind: 'platform_gateway', scopeId: '*' }, actor: 'bench' })).token;
		display = (await createDisplayToken({ db: database.db, input: { label: 'bench wall' }, actor: 'bench' })).token;
		await database.close();
		if (kept) writeFileSync(kept, JSON.stringify({ gateway, display }));
	}
	const server = await spawnServer({ PORT: SERVER_PORT, SCENARIO: 'none', SIMULATE: 'false', DATA_DIR: dataDir, ...(scaled ? { DATABASE_URL: temp!.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys!.prefix } : {}) }, 180_000);
	return {
		server,
		gateway,
		display,
		cleanUp: async () => {
			await server.stop();
			await keys?.clean();
			await temp?.drop();
			if (!kept) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round1 = (value: number) => Math.round(value * 10) / 10;
/** A page whose main thread never yields answers no DevTools command: give up rather than wait forever. */
const within = <T>(ms: number, promise: Promise<T>): Promise<T | null> => Promise.race([promise, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

/** upstream: in replay mode, the real server that answers the page's HTTP (the replay server keeps only the socket). */
async function measure(variant: 'ours' | 'naive' | 'still', url: string, serverPid: number, upstream?: string) {
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'] });
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	if (upstream && process.argv.includes('--route')) {
		// Pages, API calls and tiles sent to the real server by the browser itself rather than through the replay server.
		const origin = new URL(url).origin;
		await page.route(`${origin}/**`, (route) => route.continue({ url: route.request().url().replace(origin, upstream) }));
	}
	await page.addInitScript(() => {
		const w = window as unknown as { __ccUpdateMs: number[]; __ccLongTasks: number[]; __ccFrames: number };
		w.__ccUpdateMs = [];
		w.__ccLongTasks = [];
		w.__ccFrames = 0;
		new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.__ccLongTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
	});
	// As text: tsx names a function given a name in this file with a helper (__name) the page lacks,
	// so a named frame counter here threw in the page and never counted a frame (fps 0 for both variants).
	await page.addInitScript({ content: '(() => { const frame = () => { window.__ccFrames++; requestAnimationFrame(frame); }; requestAnimationFrame(frame); })();' });
	// Not until "load": a page flooded with the metro's deltas may take long to fire it; the map's readiness is what counts.
	await page.goto(variant === 'naive' ? `${url}&render=naive` : url, { waitUntil: 'domcontentloaded', timeout: MAP_WAIT_MS });
	// What the page said, kept for the case it never shows its map (with a screenshot of what it shows instead).
	const said: string[] = [];
	page.on('console', (message) => said.push(`${message.type()}: ${message.text()}`));
	page.on('pageerror', (error) => said.push(`pageerror: ${error.message}`));
	page.on('requestfailed', (request) => said.push(`requestfailed: ${request.url().replace(/display=[^&]+/, 'display=…')} ${request.failure()?.errorText}`));
	page.on('response', (response) => void (response.status() >= 400 && said.push(`http ${response.status()}: ${response.url().replace(/display=[^&]+/, 'display=…')}`)));
	try {
		await page.waitForSelector('[data-testid="map"][data-map-loaded="true"]', { timeout: MAP_WAIT_MS });
	} catch (error) {
		const dir = mkdtempSync(join(tmpdir(), `wall-${variant}-`));
		await within(30_000, page.screenshot({ path: join(dir, 'page.png') }));
		writeFileSync(join(dir, 'console.txt'), said.join('\n') + '\n');
		say(`${variant}: the map never loaded; the page's screenshot and console are in ${dir}`);
		await browser.close();
		throw error;
	}
	await page.waitForTimeout(WARM_UP_MS);
	const cdp = await page.context().newCDPSession(page);
	const heap = async () => {
		await within(60_000, cdp.send('HeapProfiler.collectGarbage'));
		return (await within(60_000, cdp.send('Runtime.getHeapUsage')))?.usedSize ?? NaN;
	};
	const reset = () => within(60_000, page.evaluate(() => {
		const w = window as unknown as { __ccUpdateMs: number[]; __ccLongTasks: number[]; __ccFrames: number };
		w.__ccUpdateMs.length = 0;
		w.__ccLongTasks.length = 0;
		w.__ccFrames = 0;
	}));
	if (PROFILE_DIR) {
		// A profile slows the page: taken before the measured run, never during it.
		await within(60_000, cdp.send('Profiler.enable'));
		await within(60_000, cdp.send('Profiler.setSamplingInterval', { interval: 200 }));
		await within(60_000, cdp.send('Profiler.start'));
		await page.waitForTimeout(20_000);
		const stopped = await within(120_000, cdp.send('Profiler.stop'));
		mkdirSync(PROFILE_DIR, { recursive: true });
		if (stopped) writeFileSync(join(PROFILE_DIR, `wall-${variant}.cpuprofile`), JSON.stringify(stopped.profile));
		say(stopped ? `profile written ${join(PROFILE_DIR, `wall-${variant}.cpuprofile`)}` : `no profile of ${variant}: its main thread never answered`);
	}
	const heapBefore = await heap();
	await reset();
	const started = Date.now();
	const machineBefore = machineCpu();
	const serverBefore = cpuSeconds(serverPid);
	await page.waitForTimeout(MINUTES * 60_000);
	const seconds = (Date.now() - started) / 1000;
	const machineAfter = machineCpu();
	const serverCpuPct = Math.round(((cpuSeconds(serverPid) - serverBefore) / seconds) * 100);
	const machineBusyPct = Math.round(((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100);
	const sample = (await within(120_000, page.evaluate(() => {
		const w = window as unknown as { __ccUpdateMs: number[]; __ccLongTasks: number[]; __ccFrames: number };
		return { updates: [...w.__ccUpdateMs], longTasks: w.__ccLongTasks.filter((duration) => duration > 50).length, frames: w.__ccFrames };
	}))) ?? { updates: [], longTasks: NaN, frames: NaN };
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
		heapMb: Math.round(heapAfter / 1024 / 1024),
		machineBusyPct,
		serverCpuPct
	};
}

async function main() {
	const { server, gateway, display, cleanUp } = await prepare();
	const results = [];
	let load: ReturnType<typeof spawn> | null = null;
	let replay: Awaited<ReturnType<typeof startReplayServer>> | null = null;
	let still: Awaited<ReturnType<typeof startReplayServer>> | null = null;
	const stopLoad = () => {
		load?.kill();
		load = null;
	};
	// Every vehicle reports about once a second, every site every 5 seconds.
	const startLoad = (seconds: number) =>
		spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', `${server.url}/api/ingest/events`, gateway, String(RATE), String(seconds), '10000', '12000', '5'], { stdio: ['ignore', 'ignore', 'inherit'] });
	try {
		let wall = `${server.url}/wall?display=${display}`;
		if (REPLAY) {
			if (RECORD || !hasRecording(RECORDING)) {
				say(`recording ${RECORD_SECONDS} s of metro deltas for a wall socket into ${RECORDING}…`);
				// --record-live records the real server under the load instead (in embedded mode it sends no delta while saturated).
				const recorded = process.argv.includes('--record-live')
					? await recordWallFrames({ url: server.url, token: display, seconds: RECORD_SECONDS, warmUpSeconds: 20, path: RECORDING, startLoad: () => (load = startLoad(RECORD_SECONDS + 60)) })
					: await synthesizeMetroRecording({ url: server.url, token: display, seconds: RECORD_SECONDS, path: RECORDING });
				say(JSON.stringify(recorded));
				stopLoad();
			}
			const frames = await readRecording(RECORDING);
			say(`replaying ${frames.length} frames (${frames.filter((frame) => frame.event === 'vehicles:delta').length} vehicle deltas) at real time, looped`);
			// The real server stays up for the page, its API and tiles; idle: the socket is the replay server's.
			await new Promise((resolve) => setTimeout(resolve, 10_000));
			replay = await startReplayServer({ frames, upstream: server.url, port: REPLAY_PORT });
			wall = `${replay.url}/wall?display=${display}`;
			if (STILL) still = await startReplayServer({ frames, upstream: server.url, port: REPLAY_PORT + 1, deltas: false });
		} else load = startLoad(2 * (MINUTES * 60 + 120));
		for (const variant of ['ours', 'naive'] as const) {
			say(`measuring ${variant} for ${MINUTES} min…`);
			results.push(await measure(variant, wall, server.pid, replay ? server.url : undefined));
		}
		if (still) {
			say(`measuring ours with no delta (still) for ${MINUTES} min…`);
			results.push(await measure('still', `${still.url}/wall?display=${display}`, server.pid, server.url));
		}
	} finally {
		stopLoad();
		await replay?.close();
		await still?.close();
		await cleanUp();
	}
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-wall${REPLAY ? '-replay' : ''}.json`;
	writeFileSync(path, JSON.stringify({ mode: REPLAY ? 'replay' : 'live', minutes: MINUTES, rate: RATE, results }, null, 2));
	if (JSON_ONLY) console.log(JSON.stringify(Object.fromEntries(results.map(({ variant, updateMsMedian, updateMsP95, longTasksPerMin, fps, heapGrowthPct, machineBusyPct, serverCpuPct }) => [variant, { updateMsMedian, updateMsP95, longTasksPerMin, fps, heapGrowthPct, machineBusyPct, serverCpuPct }]))));
	else console.table(results);
	say(`written ${path}`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
