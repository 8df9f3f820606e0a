/**
 * Does a big ledger import hold up the server? Imports a generated 200,000-row household ledger
 * over HTTP (CSV, then XLSX) into a running server (embedded PGlite, and Postgres when DATABASE_URL
 * is set; the Chengmen demo registry)
 * while, every 50 ms, a probe asks /healthz and a courier's phone posts a position, and the
 * server's event-loop delay is sampled (perf_hooks.monitorEventLoopDelay). The server runs in this
 * process, so a blocked loop shows in every number.
 *
 *   [DATABASE_URL=…] npm run bench:import-load [-- --rows 200000 --label after --formats csv,xlsx --mode import]
 *
 * A probe's time runs from the moment it was due, not from when a late timer sent it: a loop held
 * for 6 s shows as a 6 s answer, not a quick one sent afterwards. Prints a table and writes
 * bench/results/<date>-import-load-<label>.json.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeLedgerFile, type LedgerFormat } from '../server/modules/ledgers/ledger-files';
import { generateMetro } from '../server/sim/scenarios/metro';
import { householdsLedger } from '../src/lib/ledgers/definitions';
import { toLedgerTable } from '../src/lib/ledgers/ledger';
import { deviceToken, signedIn, startTestApp } from '../tests/fixtures/app';
import { createTempDatabase } from '../tests/fixtures/services';
import { position } from '../tests/fixtures/events';

const argument = (name: string, fallback: string) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
};
const rows = Number(argument('rows', '200000'));
const label = argument('label', 'current');
const formats = argument('formats', 'csv,xlsx').split(',') as LedgerFormat[];
const mode = argument('mode', 'import');
const PROBE_EVERY_MS = 50;

interface Probe {
	sent: number;
	answered: number;
	failed: number;
	latencies: number[];
	/** Why probes failed: an HTTP status and its error, or the network error, with how often. */
	reasons: Record<string, number>;
}

/**
 * Calls `request` every period; each call's latency runs from when it was due. With `oneAtATime`
 * the next call waits for the answer (a device's outbox sends one request at a time and resends
 * what failed); otherwise calls go out on time whatever is outstanding (a load balancer's probe).
 */
function probeEvery(period: number, request: () => Promise<true | string>, oneAtATime = false): { stop: () => Promise<Probe> } {
	const probe: Probe = { sent: 0, answered: 0, failed: 0, latencies: [], reasons: {} };
	const failed = (reason: string) => {
		probe.failed++;
		probe.reasons[reason] = (probe.reasons[reason] ?? 0) + 1;
	};
	const pending = new Set<Promise<void>>();
	let due = performance.now();
	let stopped = false;
	let timer: NodeJS.Timeout;
	const tick = () => {
		if (stopped) return;
		const dueAt = due;
		probe.sent++;
		const call = request()
			.then((outcome) => {
				probe.latencies.push(performance.now() - dueAt);
				if (outcome === true) probe.answered++;
				else failed(outcome);
			})
			.catch((error: Error) => failed(`${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`.trim()))
			.finally(() => pending.delete(call));
		pending.add(call);
		const next = () => {
			// Missed slots are not made up with a burst; the call that was late counted the wait.
			due = Math.max(due + period, performance.now());
			timer = setTimeout(tick, Math.max(0, due - performance.now()));
		};
		if (oneAtATime) void call.then(next);
		else next();
	};
	tick();
	return {
		stop: async () => {
			stopped = true;
			clearTimeout(timer);
			await Promise.all(pending);
			return probe;
		}
	};
}

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (value: number) => Math.round(value);

async function main() {
	console.log(`generating ${rows.toLocaleString()} households…`);
	const { ledgers } = generateMetro({ households: rows, sites: 10, vehicles: 1, labs: 1, townships: 40 });
	const table = toLedgerTable(householdsLedger, ledgers.households);
	const results = [];
	// The embedded database always; Postgres too when DATABASE_URL names one (a database of its own per run).
	const backends: { name: string; open: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }> }[] = [{ name: 'PGlite', open: async () => ({ env: {}, drop: async () => {} }) }];
	if (process.env.DATABASE_URL) {
		backends.push({
			name: 'Postgres',
			open: async () => {
				const temp = await createTempDatabase(process.env.DATABASE_URL!);
				return { env: { DATABASE_URL: temp.url }, drop: temp.drop };
			}
		});
	}
	for (const backend of backends) for (const format of formats) {
		const file = await writeLedgerFile(table, format, 'households');
		const store = await backend.open();
		const app = await startTestApp({ SCENARIO: 'chengmen', ...store.env });
		try {
			const admin = await signedIn(app, 'admin');
			const base = app.url.replace('localhost', '127.0.0.1');
			const token = await deviceToken(app, 'phone-courier-1');
			const loop = monitorEventLoopDelay({ resolution: 10 });
			const health = probeEvery(PROBE_EVERY_MS, async () => {
				const response = await fetch(`${base}/healthz`);
				return response.ok || `${response.status} ${(await response.text()).slice(0, 100)}`;
			});
			const device = probeEvery(PROBE_EVERY_MS, async () => {
				const response = await fetch(`${base}/api/ingest/events`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: JSON.stringify({ events: [position()] })
				});
				const text = await response.text();
				return (response.ok && JSON.parse(text).accepted === 1) || `${response.status} ${text.slice(0, 100)}`;
			}, true);
			loop.enable();
			const started = performance.now();
			const phases: Record<string, number> = {};
			const posted = await fetch(`${base}/api/ledgers/households/import?mode=${mode}&filename=households.${format}`, { method: 'POST', headers: { cookie: admin.cookie }, body: new Blob([new Uint8Array(file)]) });
			if (posted.status !== 202) throw new Error(`import refused: ${posted.status} ${await posted.text()}`);
			phases.uploaded = performance.now() - started;
			const { id } = await posted.json();
			let pollFailures = 0;
			let job: { status: string; progress: { phase: string }; report: { issues: unknown[]; written: unknown } | null; error: string | null };
			for (;;) {
				const polled = await fetch(`${base}/api/ledgers/jobs/${id}`, { headers: { cookie: admin.cookie } }).then((response) => response.json()).catch(() => null);
				if (!polled) {
					pollFailures++;
					continue;
				}
				job = polled;
				phases[job.progress.phase] ??= performance.now() - started;
				if (job.status !== 'running') break;
				await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
			}
			const importS = (performance.now() - started) / 1000;
			loop.disable();
			const [healthz, posts] = [await health.stop(), await device.stop()];
			if (job.status !== 'done' || (job.report?.issues.length ?? 0) > 0) throw new Error(`import failed: ${job.error ?? JSON.stringify(job.report?.issues.slice(0, 3))}`);
			results.push({
				label, backend: backend.name, format, rows, pollFailures, fileMB: Math.round(file.length / 1e5) / 10, importS: Math.round(importS * 10) / 10,
				phasesSeenS: Object.fromEntries(Object.entries(phases).map(([phase, at]) => [phase, Math.round(at / 100) / 10])),
				loopDelayP99Ms: ms(loop.percentile(99) / 1e6), loopDelayMaxMs: ms(loop.max / 1e6),
				healthz: { reasons: healthz.reasons, sent: healthz.sent, answered: healthz.answered, failed: healthz.failed, p50Ms: ms(percentile(healthz.latencies, 50)), p99Ms: ms(percentile(healthz.latencies, 99)), maxMs: ms(Math.max(...healthz.latencies)) },
				devicePosts: { reasons: posts.reasons, sent: posts.sent, accepted: posts.answered, failed: posts.failed, p50Ms: ms(percentile(posts.latencies, 50)), p99Ms: ms(percentile(posts.latencies, 99)), maxMs: ms(Math.max(...posts.latencies)) }
			});
			console.log(`done: ${backend.name} ${format}`);
		} finally {
			await app.close();
			await store.drop();
		}
	}
	console.table(
		results.map((result) => ({
			label: result.label, backend: result.backend, format: result.format, MB: result.fileMB, 'job polls failed': result.pollFailures, 'import s': result.importS,
			'loop delay p99 / max ms': `${result.loopDelayP99Ms} / ${result.loopDelayMaxMs}`,
			'/healthz answered': `${result.healthz.answered}/${result.healthz.sent}`, '/healthz p50 / p99 / max ms': `${result.healthz.p50Ms} / ${result.healthz.p99Ms} / ${result.healthz.maxMs}`,
			'posts accepted': `${result.devicePosts.accepted}/${result.devicePosts.sent}`, 'post p50 / p99 / max ms': `${result.devicePosts.p50Ms} / ${result.devicePosts.p99Ms} / ${result.devicePosts.maxMs}`
		}))
	);
	for (const result of results) {
		console.log(result.backend, result.format, 'phases first seen at (s):', JSON.stringify(result.phasesSeenS));
		console.log(result.backend, result.format, 'failures:', JSON.stringify({ healthz: result.healthz.reasons, devicePosts: result.devicePosts.reasons }));
	}
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-import-load-${label}.json`;
	writeFileSync(path, JSON.stringify({ node: process.version, cpus: (await import('node:os')).cpus().length, probeEveryMs: PROBE_EVERY_MS, results }, null, 2));
	console.log(`written ${path}`);
	process.exit(0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
