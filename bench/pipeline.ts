/**
 * The load harness: our pipeline, a naive baseline and a raw-WebSocket ceiling, side by side in
 * one run, under the same load (vehicle positions from a platform gateway, stamped at the sender)
 * with the same headless dashboards measuring ingest-to-dashboard latency.
 *
 *   npm run bench [-- --rate 5000 --seconds 30 --dashboards 50 --workers 2 --vehicles 10000 --systems ours,naive,ceiling]
 *   npm run bench -- --quick      a smoke run of all three in under a minute
 *   npm run bench -- --json       prints only one JSON object { ours, naive, ceiling } on stdout
 *   npm run bench -- --systems ours --rate 50000 --seconds 60    a burst: see drainSeconds and lost
 *   npm run bench -- --systems ours --cpu-prof /tmp/prof    writes our server's V8 CPU profile there (open in Chromium's DevTools)
 *
 * For ours it also waits until the backlog is drained and everything accepted is persisted, and
 * reports how long that took after the load stopped (drainSeconds) and how many accepted events
 * are missing from the database (lost, which must be 0).
 *
 * Dashboards run in --workers processes of their own, so that decoding does not share the
 * measuring process's event loop (on a 2-core machine they still share the cores with the servers).
 *
 * Ours runs scaled (Postgres + Redis Streams) when DATABASE_URL and REDIS_URL are set, embedded
 * otherwise. Prints a table and writes bench/results/<date>-pipeline-<rate>.json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { openDatabase } from '../server/db/client';
import { deviceEvents } from '../server/db/schema/index';
import { createDisplayToken, issueDeviceCredential } from '../server/modules/identity/credentials';
import { importLedger } from '../server/modules/ledgers/import-ledger';
import { generateMetro } from '../server/sim/scenarios/metro';
import { vehiclesLedger } from '../src/lib/ledgers/definitions';
import { toLedgerTable } from '../src/lib/ledgers/ledger';
import { spawnServer } from '../tests/fixtures/server-process';
import { createTempDatabase, tempRedisPrefix } from '../tests/fixtures/services';
import { LatencyHistogram } from './latency-histogram';

const flag = (name: string) => process.argv.includes(`--${name}`);
const QUICK = flag('quick');
const JSON_ONLY = flag('json');
const option = (name: string, fallback: string, quickFallback = fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : QUICK ? quickFallback : fallback;
};
const RATE = Number(option('rate', '5000', '2000'));
const SECONDS = Number(option('seconds', '30', '6'));
const DASHBOARDS = Number(option('dashboards', '50', '10'));
const VEHICLES = Number(option('vehicles', '10000', '2000'));
/** With --json, stdout carries only the JSON object; progress goes to stderr. */
const say = (text: string) => (JSON_ONLY ? console.error(text) : console.log(text));
const SYSTEMS = option('systems', 'ours,naive,ceiling').split(',');
const CLOCK_TICKS = 100;
const CPU_PROFILE_DIR = process.argv.includes('--cpu-prof') ? option('cpu-prof', '') : '';

interface Running {
	url: string;
	ingestUrl: string;
	pid: number;
	/** The load generator's bearer token ('-' for none). */
	token: string;
	/** The dashboards' credential ('-' for none). */
	displayToken: string;
	/** Stops the system; ours answers how many events it persisted. */
	stop(): Promise<{ persisted?: number }>;
}

const WORKERS = Number(option('workers', '2'));

/** Starts the dashboards in worker processes; resolves once all are connected. */
async function startDashboards(system: string, running: Running) {
	const workers = Array.from({ length: Math.min(WORKERS, DASHBOARDS) }, (_, index) => {
		const count = Math.floor(DASHBOARDS / WORKERS) + (index < DASHBOARDS % WORKERS ? 1 : 0);
		return spawn(process.execPath, ['--import', 'tsx', 'bench/dashboard-worker.ts', system, running.url, running.displayToken, String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
	});
	const outputs = workers.map(() => '');
	await Promise.all(workers.map((worker, index) => new Promise<void>((resolve) => worker.stdout!.on('data', (chunk) => {
		outputs[index] += chunk;
		if (outputs[index].includes('connected')) resolve();
	}))));
	return {
		report: async (): Promise<LatencyHistogram> => {
			const histogram = new LatencyHistogram();
			await Promise.all(
				workers.map((worker, index) => {
					const done = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
					worker.stdin!.write('report\n');
					return done.then(() => histogram.merge(JSON.parse(outputs[index].trim().split('\n').pop()!)));
				})
			);
			return histogram;
		}
	};
}

function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssMb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((each) => each.startsWith('VmRSS:'))!;
	return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

async function startScript(file: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
	const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
	const port = await new Promise<number>((resolve) => child.stdout!.on('data', (chunk) => {
		const match = String(chunk).match(/listening (\d+)/);
		if (match) resolve(Number(match[1]));
	}));
	return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: async () => (child.kill('SIGKILL'), {}) };
}

async function startOurs(): Promise<Running> {
	const scaled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
	const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
	const temp = scaled ? await createTempDatabase(process.env.DATABASE_URL!) : null;
	const keys = scaled ? tempRedisPrefix(process.env.REDIS_URL!) : null;
	const database = await openDatabase({ url: temp?.url, dataDir });
	const { ledgers } = generateMetro({ vehicles: VEHICLES, sites: 10, households: 0, labs: 1, townships: 4 });
	await importLedger({ db: database.db, input: { kind: 'vehicles', mode: 'import', crs: 'wgs84', by: 'bench', table: toLedgerTable(vehiclesLedger, ledgers.vehicles) } });
	const { token } = await issueDeviceCredential({ db: database.db, input: { deviceId: 'bench-gateway', kind: 'platform_gateway', scopeId: '*' }, actor: 'bench' });
	const wall = await createDisplayToken({ db: database.db, input: { label: 'bench' }, actor: 'bench' });
	await database.close();
	const server = await spawnServer({
		SCENARIO: 'none',
		SIMULATE: 'false',
		ROLES: 'hub,ingest,projector',
		DATA_DIR: dataDir,
		...(scaled ? { DATABASE_URL: temp!.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys!.prefix } : {})
	}, 60_000, CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []);
	return {
		url: server.url,
		ingestUrl: `${server.url}/api/ingest/events`,
		pid: server.pid,
		token,
		displayToken: wall.token,
		stop: async () => {
			await server.stop();
			const stored = await openDatabase({ url: temp?.url, dataDir });
			const [{ n: persisted }] = await stored.db.select({ n: count() }).from(deviceEvents);
			await stored.close();
			await keys?.clean();
			await temp?.drop();
			rmSync(dataDir, { recursive: true, force: true });
			return { persisted };
		}
	};
}

async function startNaive(): Promise<Running> {
	const server = await startScript('bench/systems/naive-server.ts');
	return {
		...server,
		ingestUrl: `${server.url}/ingest`,
		token: '-',
		displayToken: '-'
	};
}

async function startCeiling(): Promise<Running> {
	const server = await startScript('bench/systems/ceiling-server.ts');
	return {
		...server,
		ingestUrl: `${server.url}/ingest`,
		token: '-',
		displayToken: '-'
	};
}

const STARTERS: Record<string, () => Promise<Running>> = { ours: startOurs, naive: startNaive, ceiling: startCeiling };

async function measure(name: string) {
	const system = await STARTERS[name]();
	const dashboards = await startDashboards(name, system);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const cpuBefore = cpuSeconds(system.pid);
	let peakRss = rssMb(system.pid);
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(system.pid))), 1000);
	const started = Date.now();
	const generator = spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', system.ingestUrl, system.token, String(RATE), String(SECONDS), String(VEHICLES)], { stdio: ['ignore', 'pipe', 'inherit'] });
	let output = '';
	generator.stdout!.on('data', (chunk) => (output += chunk));
	await new Promise((resolve) => generator.on('exit', resolve));
	const elapsed = (Date.now() - started) / 1000;
	await new Promise((resolve) => setTimeout(resolve, 2000));
	clearInterval(sampler);
	const cpu = (cpuSeconds(system.pid) - cpuBefore) / (elapsed + 2);
	const lagText = await (await fetch(`${system.url}/metrics`)).text();
	const loopLag = Number(lagText.match(/event_loop_lag_p99_ms ([\d.]+)/)?.[1] ?? NaN);
	const histogram = await dashboards.report();
	const drainSeconds = name === 'ours' ? await drained(system.url, started + elapsed * 1000) : undefined;
	const { persisted } = await system.stop();
	const load = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { sent: number; accepted: number; refused: number; errors: number };
	return {
		system: name,
		targetEventsPerSec: RATE,
		sustainedEventsPerSec: Math.round(load.accepted / elapsed),
		refusedOrFailed: load.refused + load.errors,
		latencyMs: { p50: histogram.percentile(50), p95: histogram.percentile(95), p99: histogram.percentile(99) },
		deliveriesPerSec: Math.round(histogram.count / (elapsed + 2)),
		cpuPct: Math.round(cpu * 100),
		rssMb: peakRss,
		loopLagP99Ms: Math.round(loopLag * 10) / 10,
		...(persisted === undefined ? {} : { drainSeconds, lost: load.accepted - persisted })
	};
}

/** Seconds from the end of the load until the projector has nothing left to read or persist. */
async function drained(url: string, loadEndedAt: number): Promise<number> {
	for (;;) {
		// /metrics, not /readyz: readiness tells the public only whether the projector is behind.
		const metrics = await (await fetch(`${url}/metrics`)).text();
		const gauge = (name: string) => Number(metrics.match(new RegExp(`^${name} (\\d+)`, 'm'))?.[1] ?? NaN);
		if (gauge('projector_backlog_events') === 0 && gauge('projector_unpersisted_events') === 0) return Math.round((Date.now() - loadEndedAt) / 100) / 10;
		if (Date.now() - loadEndedAt > 15 * 60_000) return NaN;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function main() {
	say(`rate ${RATE}/s for ${SECONDS} s, ${DASHBOARDS} dashboards, ${VEHICLES} vehicles; ours ${process.env.DATABASE_URL && process.env.REDIS_URL ? 'scaled (Postgres + Redis)' : 'embedded'}; ${cpus().length} cores`);
	const results = [];
	for (const system of SYSTEMS) {
		say(`measuring ${system}…`);
		results.push(await measure(system));
	}
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-pipeline-${RATE}x${SECONDS}s.json`;
	writeFileSync(path, JSON.stringify({ node: process.version, cores: cpus().length, rate: RATE, seconds: SECONDS, dashboards: DASHBOARDS, vehicles: VEHICLES, results }, null, 2));
	if (JSON_ONLY) console.log(JSON.stringify(Object.fromEntries(results.map(({ system, ...rest }) => [system, rest]))));
	else console.table(results.map(({ latencyMs, ...rest }) => ({ ...rest, p50: latencyMs.p50, p95: latencyMs.p95, p99: latencyMs.p99 })));
	say(`written ${path}`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
