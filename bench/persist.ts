/**
 * The full event write of the persister, the old ways and the new side by side in one run, on
 * PGlite and (with DATABASE_URL) Postgres: the real persistBatch over a metro mix
 * (bench/persist-mix.ts: positions mostly, site queue readings, boxes sealed, picked up and
 * received) in batches of the projector's size, against
 * - the write of migration 0016 (bench/persist-three-rows.ts: three rows per position, all by unnest),
 * - the write of 0017 (one row a position, INSERT … SELECT FROM unnest … ON CONFLICT; its statements,
 *   the batch planned as today): today's
 *   persistBatch on a database seen without its postgres.js client (withoutCopy), which is how it
 *   writes on PGlite and how it writes a replayed batch on Postgres,
 * - today's (Postgres: COPY first, server/pipeline/copy-insert.ts).
 * (0016's frozen write hands the few events that are neither positions nor queue readings to
 * today's persistBatch, which on Postgres COPYs their dozen rows a batch.)
 * The events are made before the clock starts. After the timed batches the first batch is written
 * again: a replay must add no row. Then, with REDIS_URL too, the end-to-end drain
 * (bench/persist-drain.ts): a backlog in a Redis Stream drained by the real projector, 0017's
 * write against today's.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npm run bench:persist [-- --events 100000
 *     --batch 10000 --only Postgres|PGlite --ways 0016,0017,now --drain 450000 (0: none) --out FILE]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../server/db/client';
import { ensurePositionPartitions } from '../server/db/position-partitions';
import type { LogEntry } from '../server/pipeline/normalized-event';
import { persistBatch } from '../server/pipeline/persistence';
import { createTempDatabase } from '../tests/fixtures/services';
import { mixedEvents } from './persist-mix';
import { persistBatchThreeRows, restoreThreeRowKeys } from './persist-three-rows';
import { measureDrain, type DrainResult } from './persist-drain';
import { backendCpu, backendCpuSince } from './backend-cpu';

const argument = (name: string, fallback: number) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = argument('events', 100_000);
const BATCH = argument('batch', 10_000);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
/** Only the ways whose names hold one of these, e.g. --ways 0017,now */
const WAYS = process.argv.includes('--ways') ? process.argv[process.argv.indexOf('--ways') + 1].split(',') : null;
/** The drain's backlog: what 30 s at 15,000 events/s leave (0: no drain). */
const DRAIN = argument('drain', 450_000);
const OUT = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : `bench/results/${new Date().toISOString().slice(0, 10)}-persist.json`;

interface Way {
	name: string;
	prepare: (db: Db) => Promise<void>;
	write: (db: Db, entries: LogEntry[]) => Promise<unknown>;
	/** Only where it differs from the others: on PGlite today's write is 0017's. */
	postgresOnly?: boolean;
	/** Its name on PGlite, where it differs. */
	pgliteName?: string;
}

/**
 * The database as 0017's write saw it: without the postgres.js client copy-insert.ts finds in it,
 * so persistBatch writes the idempotent way (as on PGlite). Its methods are bound to the database
 * itself, where Drizzle finds its session.
 */
export function withoutCopy(db: Db): Db {
	return new Proxy(db, {
		get: (target, property) => {
			if (property === 'session') return undefined;
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

const ways: Way[] = [
	{ name: 'three rows a position, unnest (0016)', prepare: restoreThreeRowKeys, write: persistBatchThreeRows },
	{ name: 'one row a position, unnest (0017 statements)', prepare: async () => {}, write: (db, entries) => persistBatch(withoutCopy(db), entries), postgresOnly: true },
	{ name: 'one row a position, COPY first (now)', pgliteName: 'one row a position, unnest (0017 = now: no COPY on PGlite)', prepare: async () => {}, write: persistBatch }
];

const TABLES = ['device_events', 'positions', 'vehicle_latest', 'site_status', 'sample_boxes', 'box_handovers'] as const;

async function rowCounts(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of TABLES) {
		// PGlite answers { rows }, postgres-js an array of rows.
		const result = (await db.execute(sql.raw(`select count(*)::int as n from "${table}"`))) as unknown as { rows?: { n: number }[] } & { n: number }[];
		counts[table] = (result.rows ?? result)[0].n;
	}
	return counts;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

async function main() {
	const backends: { name: string; open: () => Promise<{ database: Database; drop: () => Promise<void> }> }[] = [
		{ name: 'PGlite', open: async () => ({ database: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} }) }
	];
	if (process.env.DATABASE_URL) {
		backends.push({
			name: 'Postgres',
			open: async () => {
				const temp = await createTempDatabase(process.env.DATABASE_URL!);
				return { database: await openDatabase({ url: temp.url, dataDir: 'unused' }), drop: temp.drop };
			}
		});
	} else console.log('DATABASE_URL is not set: Postgres is left out of this run');
	const results = [];
	for (const backend of backends.filter((each) => !ONLY || each.name === ONLY)) {
		for (const way of ways.filter((each) => (backend.name === 'Postgres' || !each.postgresOnly) && (!WAYS || WAYS.some((part) => each.name.includes(part))))) {
			const { database, drop } = await backend.open();
			const { db } = database;
			await way.prepare(db);
			const start = Date.now() - 600_000;
			await ensurePositionPartitions(db, start);
			const prefix = `${way.name.slice(0, 3)}${Date.now().toString(36)}`;
			const batches: number[] = [];
			// Made before the clock starts: making them is not the persister's work.
			const made: LogEntry[][] = [];
			for (let from = 0; from < EVENTS; from += BATCH) made.push(mixedEvents(prefix, from, Math.min(BATCH, EVENTS - from), start));
			const postgres = backend.name === 'Postgres' ? await backendCpu(db) : null;
			const cpu = process.cpuUsage();
			const started = performance.now();
			for (const entries of made) {
				const batchStarted = performance.now();
				await way.write(db, entries);
				batches.push(performance.now() - batchStarted);
			}
			const seconds = (performance.now() - started) / 1000;
			const used = process.cpuUsage(cpu);
			const postgresMs = postgres ? backendCpuSince(postgres, await backendCpu(db)) : null;
			made.length = 0;
			const written = await rowCounts(db);
			await way.write(db, mixedEvents(prefix, 0, Math.min(BATCH, EVENTS), start));
			const replayAddedNothing = sum(await rowCounts(db)) === sum(written);
			results.push({
				backend: backend.name,
				way: backend.name === 'PGlite' ? (way.pgliteName ?? way.name) : way.name,
				events: EVENTS,
				batch: BATCH,
				seconds: Math.round(seconds * 100) / 100,
				eventsPerSecond: Math.round(EVENTS / seconds),
				rows: sum(written),
				rowsPerSecond: Math.round(sum(written) / seconds),
				batchMsP50: Math.round(percentile(batches, 0.5)),
				batchMsMax: Math.round(Math.max(...batches)),
				// Node's own CPU per batch (building the statements, the driver, GC; PGlite's engine too): what the persister takes from the event loop it shares.
				nodeCpuMsPerBatch: Math.round((used.user + used.system) / 1000 / batches.length),
				// The database's side of it (its backends' CPU; PGlite's runs in Node, above).
				postgresCpuMsPerBatch: postgresMs === null ? null : Math.round(postgresMs / batches.length),
				replayAddedNothing,
				written
			});
			await database.close();
			await drop();
		}
	}
	console.table(results.map(({ written, ...row }) => row));
	const drains: DrainResult[] = [];
	if (DRAIN > 0 && process.env.DATABASE_URL && process.env.REDIS_URL && ONLY !== 'PGlite') {
		for (const [way, view] of [
			['one row a position, unnest (0017 statements)', withoutCopy],
			['one row a position, COPY first (now)', (db: Db) => db]
		] as const) {
			drains.push(await measureDrain(way, DRAIN, view));
			console.log(`drain, ${way}: ${JSON.stringify(drains.at(-1))}`);
		}
		console.table(drains);
	} else if (DRAIN > 0) console.log('the end-to-end drain needs DATABASE_URL and REDIS_URL: left out of this run');
	console.log(`load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} (2 cores): a busy machine slows every way alike; compare the ways of one run`);
	const command = ['npm run bench:persist', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
	writeFileSync(OUT, JSON.stringify({ command, node: process.version, date: new Date().toISOString(), machine: '2 cores, 24 GiB', loadAverage: loadavg(), results, drains }, null, 2));
	console.log(`written ${OUT}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
