/**
 * Where a persister batch's time goes on Postgres: each statement of persistBatch over the metro
 * mix (bench/persist-mix.ts), timed from its send to the next one's (the client's view: the
 * server's work, the round trip and building the next statement), then EXPLAIN (ANALYZE, BUFFERS,
 * WAL) of the hot statements on one more batch, and the CPU of Node and of the Postgres backend.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/persist-profile.ts [-- --batches 10 --batch 10000]
 */
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { readFileSync } from 'node:fs';
import * as schema from '../server/db/schema/index';
import type { Db } from '../server/db/client';
import { ensurePositionPartitions } from '../server/db/position-partitions';
import { persistBatch } from '../server/pipeline/persistence';
import { createTempDatabase } from '../tests/fixtures/services';
import { mixedEvents } from './persist-mix';

const argument = (name: string, fallback: number) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const BATCHES = argument('batches', 10);
const BATCH = argument('batch', 10_000);

/** The statement's first words, enough to tell which it is. */
const label = (query: string) => query.replace(/\s+/g, ' ').replace(/\(.*$/, '').slice(0, 60);

/** The backend's CPU in ms (utime + stime of /proc/PID/stat; clock ticks of 10 ms). */
function backendCpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
	const temp = await createTempDatabase(process.env.DATABASE_URL!);
	const timings = new Map<string, { n: number; ms: number; backendMs: number; nodeMs: number }>();
	let pending: { label: string; at: number; backendAt: number } | null = null;
	let backendPid = 0;
	let nodeAt = process.cpuUsage();
	const settle = () => {
		if (!pending) return;
		const entry = timings.get(pending.label)!;
		entry.ms += performance.now() - pending.at;
		entry.backendMs += backendCpuMs(backendPid) - pending.backendAt;
		pending = null;
	};
	/** A statement is sent: the one before it is done (its time and the backend's CPU since its send are its own); Node's CPU since then went mostly to building this one. */
	const sent = (statement: string) => {
		settle();
		const node = process.cpuUsage(nodeAt);
		nodeAt = process.cpuUsage();
		const entry = timings.get(statement) ?? { n: 0, ms: 0, backendMs: 0, nodeMs: 0 };
		entry.n++;
		entry.nodeMs += (node.user + node.system) / 1000;
		timings.set(statement, entry);
		pending = { label: statement, at: performance.now(), backendAt: backendCpuMs(backendPid) };
	};
	let recording = false;
	const client = postgres(temp.url, {
		max: 1,
		onnotice: () => {},
		debug: (_connection, query) => {
			if (!recording) return;
			sent(label(query));
		}
	});
	try {
		await migrate(drizzle({ client }), { migrationsFolder: 'drizzle' });
		const db = drizzle({ client, schema }) as unknown as Db;
		const [{ pid }] = await client`select pg_backend_pid() as pid`;
		backendPid = pid;
		const start = Date.now() - 600_000;
		await ensurePositionPartitions(db, start);
		// One batch to warm up (plans, caches), as the persister would have.
		await persistBatch(db, mixedEvents('warm', 0, BATCH, start));
		// Made before the clock starts: the events' making is not the persister's work.
		const batches = Array.from({ length: BATCHES }, (_, batch) => mixedEvents('run', (batch + 1) * BATCH, BATCH, start));
		const node = process.cpuUsage();
		const backend = backendCpuMs(pid);
		const started = performance.now();
		const whole: number[] = [];
		nodeAt = process.cpuUsage();
		recording = true;
		for (let batch = 0; batch < BATCHES; batch++) {
			const at = performance.now();
			await persistBatch(db, batches[batch]);
			settle();
			whole.push(performance.now() - at);
		}
		recording = false;
		const wall = performance.now() - started;
		const nodeMs = (process.cpuUsage(node).user + process.cpuUsage(node).system) / 1000;
		const backendMs = backendCpuMs(pid) - backend;
		console.log(`${BATCHES} batches of ${BATCH}: ${Math.round((BATCHES * BATCH) / (wall / 1000))} events/s, ${Math.round(wall / BATCHES)} ms a batch; Node CPU ${Math.round(nodeMs / BATCHES)} ms, Postgres backend CPU ${Math.round(backendMs / BATCHES)} ms a batch`);
		const perBatch = (ms: number) => Math.round((ms / BATCHES) * 10) / 10;
		const rows = [...timings].map(([statement, { n, ms, backendMs, nodeMs }]) => ({ statement, perBatch: n / BATCHES, msPerBatch: perBatch(ms), share: `${Math.round((ms / wall) * 100)} %`, backendCpuMs: perBatch(backendMs), nodeCpuMsBefore: perBatch(nodeMs) }));
		console.table(rows.sort((a, b) => b.msPerBatch - a.msPerBatch));

		// The hot statements explained, on a batch of their own (rolled back, so nothing stays).
		const explained = mixedEvents('explain', (BATCHES + 1) * BATCH, BATCH, start);
		await db
			.transaction(async (tx) => {
				// persistBatch itself, on a stand-in whose transaction is this one and whose execute (the unnest inserts) explains.
				const explaining = new Proxy(tx, {
					get: (target, property) =>
						property === 'execute'
							? async (query: SQL) => {
									const result = (await target.execute(sql`explain (analyze, buffers, wal, costs off) ${query}`)) as unknown as { 'QUERY PLAN': string }[];
									console.log(result.map((row) => row['QUERY PLAN']).join('\n') + '\n');
									return result;
								}
							: property === 'transaction'
								? (run: (inner: unknown) => Promise<unknown>) => run(explaining)
								: Reflect.get(target, property)
				});
				await persistBatch(explaining as unknown as Db, explained);
				throw new Error('rollback');
			})
			.catch((error) => {
				if ((error as Error).message !== 'rollback') throw error;
			});
	} finally {
		await client.end({ timeout: 5 });
		await temp.drop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
