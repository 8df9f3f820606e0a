/**
 * The full event write of the persister, old way and new way side by side in one run, on PGlite
 * and (with DATABASE_URL) Postgres: the real persistBatch over a metro mix (bench/persist-mix.ts:
 * positions mostly, site queue readings, boxes sealed, picked up and received) in batches of the
 * projector's size, against the write of migration 0016 (bench/persist-three-rows.ts: three rows
 * per position, all by unnest). After the timed batches the first batch is written again: a
 * replay must add no row.
 *
 *   DATABASE_URL=postgres://… npm run bench:persist [-- --events 200000 --batch 10000 --only Postgres|PGlite]
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

const argument = (name: string, fallback: number) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const EVENTS = argument('events', 100_000);
const BATCH = argument('batch', 10_000);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

interface Way {
	name: string;
	prepare: (db: Db) => Promise<void>;
	write: (db: Db, entries: LogEntry[]) => Promise<void>;
}

const ways: Way[] = [
	{ name: 'three rows a position, unnest (0016)', prepare: restoreThreeRowKeys, write: persistBatchThreeRows },
	{ name: 'one row a position (0017)', prepare: async () => {}, write: persistBatch }
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
		for (const way of ways) {
			const { database, drop } = await backend.open();
			const { db } = database;
			await way.prepare(db);
			const start = Date.now() - 600_000;
			await ensurePositionPartitions(db, start);
			const prefix = `${way.name.slice(0, 3)}${Date.now().toString(36)}`;
			const batches: number[] = [];
			const cpu = process.cpuUsage();
			const started = performance.now();
			for (let from = 0; from < EVENTS; from += BATCH) {
				const entries = mixedEvents(prefix, from, Math.min(BATCH, EVENTS - from), start);
				const batchStarted = performance.now();
				await way.write(db, entries);
				batches.push(performance.now() - batchStarted);
			}
			const seconds = (performance.now() - started) / 1000;
			const used = process.cpuUsage(cpu);
			const written = await rowCounts(db);
			await way.write(db, mixedEvents(prefix, 0, Math.min(BATCH, EVENTS), start));
			const replayAddedNothing = sum(await rowCounts(db)) === sum(written);
			results.push({
				backend: backend.name,
				way: way.name,
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
				replayAddedNothing,
				written
			});
			await database.close();
			await drop();
		}
	}
	console.table(results.map(({ written, ...row }) => row));
	console.log(`load average ${loadavg().map((n) => n.toFixed(1)).join(' ')} (2 cores): a busy machine slows both ways alike`);
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-persist.json`;
	const command = ['npm run bench:persist', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
	writeFileSync(path, JSON.stringify({ command, node: process.version, date: new Date().toISOString(), machine: '2 cores, 24 GiB', loadAverage: loadavg(), results }, null, 2));
	console.log(`written ${path}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
