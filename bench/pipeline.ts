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
 *   npm run bench -- --topology cluster [--ingests 2 --hubs 2]   ours as separate processes (needs DATABASE_URL and REDIS_URL):
 *       one projector, --ingests ingest processes the load is spread over, --hubs hub processes the dashboards are spread over
 *   npm run bench -- --topology cluster --hubs 2 --kill-hub-at 10   kills a hub (SIGKILL) 10 s into the load; the dashboards,
 *       behind a small TCP balancer as `npm run start:cluster` has them, reconnect to the other: reports each one's gap
 *   npm run bench -- --server-node-args "--max-semi-space-size=64"   Node flags for our server processes
 *   npm run bench -- --layout megacity --dashboards 100   the dashboards as a megacity has them: 4 county-wide walls and
 *       the rest township boards, each bound to its township (its own room); the default layout is every dashboard county-wide
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
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../server/db/client';
import { regions } from '../server/db/schema/index';
import { countStoredEvents } from '../server/pipeline/stored-events';
import { createDisplayToken, issueDeviceCredential } from '../server/modules/identity/credentials';
import { importLedger } from '../server/modules/ledgers/import-ledger';
import { generateMetro } from '../server/sim/scenarios/metro';
import { sitesLedger, vehiclesLedger } from '../src/lib/ledgers/definitions';
import { toLedgerTable } from '../src/lib/ledgers/ledger';
import { spawnServer, type ServerProcess } from '../tests/fixtures/server-process';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { createTempDatabase, tempRedisPrefix } from '../tests/fixtures/services';
import { LatencyHistogram } from './latency-histogram';
import { cpuSeconds, cpuSecondsBetween, cpuSecondsByPid, machineCpu, rssMb } from './proc-stats';

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
const CPU_PROFILE_DIR = process.argv.includes('--cpu-prof') ? option('cpu-prof', '') : '';
const TOPOLOGY = option('topology', 'single');
const INGESTS = Number(option('ingests', '1'));
const HUBS = Number(option('hubs', '1'));
const LAYOUT = option('layout', 'county');
const KILL_HUB_AT = Number(option('kill-hub-at', '0'));
/** Node flags for our server processes, e.g. "--max-semi-space-size=64", to weigh V8 settings. */
const SERVER_NODE_ARGS = option('server-node-args', '');
/** County-wide walls in the megacity layout; every other dashboard is a township board. */
const COUNTY_WALLS = 4;
/** Townships of the generated city: one board each in the megacity layout (96 of 100 dashboards). */
const TOWNSHIPS = LAYOUT === 'megacity' ? Math.max(1, DASHBOARDS - COUNTY_WALLS) : 4;
/** What is wrong with the options, each named; the bench refuses to start on any. */
function optionProblems(): string[] {
	const problems: string[] = [];
	const whole = (name: string, value: number, min: number) => {
		if (!Number.isInteger(value) || value < min) problems.push(`--${name} must be a whole number ≥ ${min} (got ${option(name, '')})`);
	};
	whole('rate', RATE, 1);
	whole('seconds', SECONDS, 1);
	whole('dashboards', DASHBOARDS, 1);
	whole('vehicles', VEHICLES, 1);
	whole('ingests', INGESTS, 1);
	whole('hubs', HUBS, 1);
	whole('kill-hub-at', KILL_HUB_AT, 0);
	const unknown = SYSTEMS.filter((system) => !['ours', 'naive', 'ceiling'].includes(system));
	if (unknown.length > 0) problems.push(`--systems takes ours, naive and ceiling, comma-separated (not ${unknown.join(', ')})`);
	if (!['single', 'cluster'].includes(TOPOLOGY)) problems.push(`--topology must be single or cluster (not ${TOPOLOGY})`);
	if (!['county', 'megacity'].includes(LAYOUT)) problems.push(`--layout must be county or megacity (not ${LAYOUT})`);
	if (TOPOLOGY === 'cluster' && !(process.env.DATABASE_URL && process.env.REDIS_URL)) problems.push('--topology cluster needs DATABASE_URL and REDIS_URL: the processes share Postgres and Redis');
	if (KILL_HUB_AT > 0 && (TOPOLOGY !== 'cluster' || HUBS < 2)) problems.push('--kill-hub-at needs --topology cluster and --hubs 2 or more (a hub to kill, one to reconnect to)');
	return problems;
}
const problems = optionProblems();
if (problems.length > 0) {
	for (const problem of problems) console.error(`bench: ${problem}`);
	process.exit(2);
}

interface Running {
	/** Where the dashboards connect (several: the hubs of a cluster, taken in turn). */
	urls: string[];
	/** Where the load goes (several: the ingest processes of a cluster, taken in turn). */
	ingestUrls: string[];
	/** The system's processes, by role, for CPU, memory and loop lag. */
	processes: { role: string; pid: number; url: string }[];
	/** The load generator's bearer token ('-' for none). */
	token: string;
	/** One credential per dashboard ('-' for none). */
	displayTokens: string[];
	/** Ours: the projector's node, whose /metrics tells when the backlog is drained. */
	drainUrl?: string;
	/** Ours in a cluster of hubs: kills the first hub as a crash would. */
	killHub?: () => void;
	/** Stops the system; ours answers how many events it persisted. */
	stop(): Promise<{ persisted?: number }>;
}

const WORKERS = Number(option('workers', '2'));

/** Starts the dashboards in worker processes; resolves once all are connected. */
async function startDashboards(system: string, running: Running) {
	const workers = Array.from({ length: Math.min(WORKERS, DASHBOARDS) }, (_, index) => {
		// Every WORKERS-th dashboard, so each worker has its share of county walls and township boards.
		const tokens = running.displayTokens.filter((_, n) => n % WORKERS === index);
		return spawn(process.execPath, ['--import', 'tsx', 'bench/dashboard-worker.ts', system, running.urls.join(','), tokens.join(',')], { stdio: ['pipe', 'pipe', 'inherit'] });
	});
	const outputs = workers.map(() => '');
	await Promise.all(workers.map((worker, index) => new Promise<void>((resolve) => worker.stdout!.on('data', (chunk) => {
		outputs[index] += chunk;
		if (outputs[index].includes('connected')) resolve();
	}))));
	return {
		report: async (): Promise<{ histogram: LatencyHistogram; gapsMs: number[] }> => {
			const histogram = new LatencyHistogram();
			const gapsMs: number[] = [];
			await Promise.all(
				workers.map((worker, index) => {
					const done = new Promise<void>((resolve) => worker.on('exit', () => resolve()));
					worker.stdin!.write('report\n');
					return done.then(() => {
						const report = JSON.parse(outputs[index].trim().split('\n').pop()!) as { histogram: number[]; gapsMs: number[] };
						histogram.merge(report.histogram);
						gapsMs.push(...report.gapsMs);
					});
				})
			);
			return { histogram, gapsMs };
		}
	};
}

async function startScript(file: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
	const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
	const port = await new Promise<number>((resolve) => child.stdout!.on('data', (chunk) => {
		const match = String(chunk).match(/listening (\d+)/);
		if (match) resolve(Number(match[1]));
	}));
	const url = `http://127.0.0.1:${port}`;
	return { url, pid: child.pid!, stop: async () => (child.kill('SIGKILL'), {}) };
}

async function startOurs(): Promise<Running> {
	const scaled = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
	const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
	const temp = scaled ? await createTempDatabase(process.env.DATABASE_URL!) : null;
	const keys = scaled ? tempRedisPrefix(process.env.REDIS_URL!) : null;
	const database = await openDatabase({ url: temp?.url, dataDir });
	const { ledgers } = generateMetro({ vehicles: VEHICLES, sites: TOWNSHIPS * 10, households: 0, labs: 1, townships: TOWNSHIPS });
	await importLedger({ db: database.db, input: { kind: 'vehicles', mode: 'import', crs: 'wgs84', by: 'bench', table: toLedgerTable(vehiclesLedger, ledgers.vehicles) } });
	// The sites make the townships (regions) the township boards are bound to.
	await importLedger({ db: database.db, input: { kind: 'sites', mode: 'import', crs: 'wgs84', by: 'bench', table: toLedgerTable(sitesLedger, ledgers.sites) } });
	const { token } = await issueDeviceCredential({ db: database.db, input: { deviceId: 'bench-gateway', kind: 'platform_gateway', scopeId: '*' }, actor: 'bench' });
	const townships = (await database.db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'township'))).map((row) => row.id).sort();
	const displayTokens: string[] = [];
	for (let n = 0; n < DASHBOARDS; n++) {
		const township = LAYOUT === 'megacity' && n >= COUNTY_WALLS ? townships[(n - COUNTY_WALLS) % townships.length] : null;
		displayTokens.push((await createDisplayToken({ db: database.db, input: { label: `bench ${n}`, regionId: township }, actor: 'bench' })).token);
	}
	await database.close();
	const env = {
		SCENARIO: 'none',
		SIMULATE: 'false',
		DATA_DIR: dataDir,
		...(scaled ? { DATABASE_URL: temp!.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys!.prefix } : {})
	};
	const profile = [...(CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []), ...(SERVER_NODE_ARGS ? SERVER_NODE_ARGS.split(' ') : [])];
	const layout = TOPOLOGY === 'cluster' ? ['projector', ...Array(INGESTS).fill('ingest'), ...Array(HUBS).fill('hub')] : ['hub,ingest,projector'];
	const servers = [];
	// One after another: the projector first, so that it holds the lease and has restored the live state.
	for (const roles of layout) servers.push({ roles, server: await spawnServer({ ...env, ROLES: roles }, 60_000, profile) });
	const withRole = (role: string) => servers.filter((each) => each.roles.split(',').includes(role)).map((each) => each.server);
	const projector = withRole('projector')[0];
	const hubs = withRole('hub');
	const balancer = hubs.length > 1 ? await balance(hubs) : null;
	return {
		urls: balancer ? [balancer.url] : hubs.map((hub) => hub.url),
		killHub: balancer ? () => (hubs[0].kill(), balancer.drop(hubs[0])) : undefined,
		ingestUrls: withRole('ingest').map((server) => `${server.url}/api/ingest/events`),
		processes: servers.map(({ roles, server }) => ({ role: roles, pid: server.pid, url: server.url })),
		token,
		displayTokens,
		drainUrl: projector.url,
		stop: async () => {
			balancer?.close();
			for (const { server } of servers.reverse()) await server.stop();
			const stored = await openDatabase({ url: temp?.url, dataDir });
			const persisted = await countStoredEvents(stored.db);
			await stored.close();
			await keys?.clean();
			await temp?.drop();
			rmSync(dataDir, { recursive: true, force: true });
			return { persisted };
		}
	};
}

/** A TCP balancer in front of the hubs, as `npm run start:cluster` has: each new connection to the next live hub. */
async function balance(hubs: ServerProcess[]) {
	const live = [...hubs];
	let next = 0;
	const balancer = createServer((client: Socket) => {
		if (live.length === 0) return client.destroy();
		const hub = live[next++ % live.length];
		const upstream = connect(hub.port, '127.0.0.1');
		client.pipe(upstream).pipe(client);
		const close = () => (client.destroy(), upstream.destroy());
		client.on('error', close);
		upstream.on('error', close);
	});
	await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`,
		drop: (hub: ServerProcess) => live.splice(live.indexOf(hub), 1),
		close: () => balancer.close()
	};
}

async function startNaive(): Promise<Running> {
	const server = await startScript('bench/systems/naive-server.ts');
	return {
		urls: [server.url],
		ingestUrls: [`${server.url}/ingest`],
		processes: [{ role: 'naive', pid: server.pid, url: server.url }],
		token: '-',
		displayTokens: Array(DASHBOARDS).fill('-'),
		stop: server.stop
	};
}

async function startCeiling(): Promise<Running> {
	const server = await startScript('bench/systems/ceiling-server.ts');
	return {
		urls: [server.url],
		ingestUrls: [`${server.url}/ingest`],
		processes: [{ role: 'ceiling', pid: server.pid, url: server.url }],
		token: '-',
		displayTokens: Array(DASHBOARDS).fill('-'),
		stop: server.stop
	};
}

const STARTERS: Record<string, () => Promise<Running>> = { ours: startOurs, naive: startNaive, ceiling: startCeiling };

async function measure(name: string) {
	const system = await STARTERS[name]();
	const dashboards = await startDashboards(name, system);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	// A hub killed on purpose has no figures after its death (NaN), and is left out of the totals.
	const gone = <T>(read: () => T, otherwise: T) => {
		try {
			return read();
		} catch {
			return otherwise;
		}
	};
	const pids = system.processes.map((each) => each.pid);
	const cpuBefore = pids.map(cpuSeconds);
	const machineBefore = machineCpu();
	const storesBefore = { redis: cpuSecondsByPid('redis-server'), postgres: cpuSecondsByPid('postgres') };
	const peakRss = pids.map(rssMb);
	const sampler = setInterval(() => pids.forEach((pid, index) => (peakRss[index] = Math.max(peakRss[index], gone(() => rssMb(pid), 0)))), 1000);
	const started = Date.now();
	const kill = KILL_HUB_AT > 0 && system.killHub ? setTimeout(system.killHub, KILL_HUB_AT * 1000) : null;
	const generator = spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', system.ingestUrls.join(','), system.token, String(RATE), String(SECONDS), String(VEHICLES)], { stdio: ['ignore', 'pipe', 'inherit'] });
	let output = '';
	generator.stdout!.on('data', (chunk) => (output += chunk));
	await new Promise((resolve) => generator.on('exit', resolve));
	const elapsed = (Date.now() - started) / 1000;
	const machineAfter = machineCpu();
	const storesAfter = { redis: cpuSecondsByPid('redis-server'), postgres: cpuSecondsByPid('postgres') };
	await new Promise((resolve) => setTimeout(resolve, 2000));
	clearInterval(sampler);
	const cpu = pids.map((pid, index) => gone(() => (cpuSeconds(pid) - cpuBefore[index]) / (elapsed + 2), NaN));
	const loopLags = await Promise.all(system.processes.map(async ({ url }) => Number((await fetch(`${url}/metrics`).then((response) => response.text(), () => '')).match(/event_loop_lag_p99_ms ([\d.]+)/)?.[1] ?? NaN)));
	const alive = (values: number[]) => values.filter(Number.isFinite);
	const { histogram, gapsMs } = await dashboards.report();
	const drainSeconds = system.drainUrl ? await drained(system.drainUrl, started + elapsed * 1000) : undefined;
	const { persisted } = await system.stop();
	const load = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { sent: number; accepted: number; refused: number; errors: number };
	// A hub killed on purpose is named so, its figures ended with it.
	const byProcess = <T>(values: T[]) => Object.fromEntries(system.processes.map((each, index) => [`${each.role}#${index}`, Number.isFinite(values[index]) ? values[index] : 'killed']));
	return {
		system: name,
		topology: name === 'ours' ? TOPOLOGY : 'single',
		targetEventsPerSec: RATE,
		sustainedEventsPerSec: Math.round(load.accepted / elapsed),
		refusedOrFailed: load.refused + load.errors,
		latencyMs: { p50: histogram.percentile(50), p95: histogram.percentile(95), p99: histogram.percentile(99) },
		deliveriesPerSec: Math.round(histogram.count / (elapsed + 2)),
		cpuPct: Math.round(alive(cpu).reduce((sum, each) => sum + each, 0) * 100),
		/** Of all cores, while the load ran: near 100 says the machine, not one process, is the limit. */
		machineBusyPct: Math.round(((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100),
		redisCpuPct: Math.round((cpuSecondsBetween(storesBefore.redis, storesAfter.redis) / elapsed) * 100),
		postgresCpuPct: Math.round((cpuSecondsBetween(storesBefore.postgres, storesAfter.postgres) / elapsed) * 100),
		rssMb: Math.max(...peakRss),
		/** The worst process's: the target holds in every process. */
		loopLagP99Ms: Math.round(Math.max(...alive(loopLags)) * 10) / 10,
		processes: { cpuPct: byProcess(cpu.map((each) => Math.round(each * 100))), peakRssMb: byProcess(peakRss), loopLagP99Ms: byProcess(loopLags.map((each) => Math.round(each * 10) / 10)) },
		...(persisted === undefined ? {} : { drainSeconds, lost: load.accepted - persisted }),
		...(kill ? { hubKilledAtSeconds: KILL_HUB_AT, reconnections: gapsMs.length, reconnectGapMs: { p50: percentileOf(gapsMs, 50), max: Math.max(...gapsMs) } } : {})
	};
}

const percentileOf = (values: number[], p: number) => (values.length === 0 ? NaN : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]);

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
	say(`rate ${RATE}/s for ${SECONDS} s, ${DASHBOARDS} dashboards (${LAYOUT} layout), ${VEHICLES} vehicles; ours ${process.env.DATABASE_URL && process.env.REDIS_URL ? 'scaled (Postgres + Redis)' : 'embedded'}, ${TOPOLOGY === 'cluster' ? `cluster (1 projector, ${INGESTS} ingest, ${HUBS} hub processes)` : 'one process'}; ${cpus().length} cores`);
	const results = [];
	for (const system of SYSTEMS) {
		say(`measuring ${system}…`);
		results.push(await measure(system));
	}
	const cluster = TOPOLOGY === 'cluster' ? `${INGESTS > 1 ? `-${INGESTS}ingests` : ''}${HUBS > 1 ? `-${HUBS}hubs` : ''}${KILL_HUB_AT > 0 ? `-kill${KILL_HUB_AT}s` : ''}` : '';
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-pipeline-${RATE}x${SECONDS}s-${DASHBOARDS}${LAYOUT}-${TOPOLOGY}${cluster}.json`;
	writeFileSync(path, JSON.stringify({ command: `npm run bench -- ${process.argv.slice(2).join(' ')}`, at: new Date().toISOString(), node: process.version, cores: cpus().length, rate: RATE, seconds: SECONDS, dashboards: DASHBOARDS, layout: LAYOUT, topology: TOPOLOGY, vehicles: VEHICLES, results }, null, 2));
	if (JSON_ONLY) console.log(JSON.stringify(Object.fromEntries(results.map(({ system, ...rest }) => [system, rest]))));
	else {
		console.table(results.map(({ latencyMs, processes, ...rest }) => ({ ...rest, p50Ms: latencyMs.p50, p95Ms: latencyMs.p95, p99Ms: latencyMs.p99 })));
		for (const result of results) if (result.system === 'ours') console.table(result.processes);
	}
	say(`written ${path}`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
