/**
 * Rows per second into the positions history: Drizzle's multi-row INSERT (500 rows a statement)
 * against one INSERT … SELECT FROM unnest per batch, on PGlite and (with DATABASE_URL) Postgres,
 * side by side in one run.
 *
 *   npm run bench:persist [-- --rows 200000 --batch 5000]
 */
import { writeFileSync } from 'node:fs';
import { openDatabase, type Database } from '../server/db/client';
import { positions } from '../server/db/schema/index';
import { insertUnnest, type UnnestColumn } from '../server/pipeline/unnest-insert';
import { createTempDatabase } from '../tests/fixtures/services';

const argument = (name: string, fallback: number) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROWS = argument('rows', 200_000);
const BATCH = argument('batch', 5000);

interface Fix {
	id: string;
	vehicleId: string;
	at: string;
	lat: number;
	lon: number;
}

const columns: UnnestColumn<Fix>[] = [
	{ name: 'event_id', type: 'text', value: (fix) => fix.id },
	{ name: 'vehicle_id', type: 'text', value: (fix) => fix.vehicleId },
	{ name: 'at', type: 'timestamptz', value: (fix) => fix.at },
	{ name: 'lat', type: 'float8', value: (fix) => fix.lat },
	{ name: 'lon', type: 'float8', value: (fix) => fix.lon },
	{ name: 'raw_crs', type: 'text', value: () => 'wgs84' },
	{ name: 'raw_lat', type: 'float8', value: (fix) => fix.lat },
	{ name: 'raw_lon', type: 'float8', value: (fix) => fix.lon }
];

function fixes(prefix: string): Fix[] {
	const start = Date.now();
	return Array.from({ length: ROWS }, (_, index) => ({
		id: `${prefix}-${index}`,
		vehicleId: `M-V${index % 10_000}`,
		at: new Date(start + index).toISOString(),
		lat: 29.3 + (index % 1000) / 1250,
		lon: 115.6 + (index % 997) / 997
	}));
}

const methods: Record<string, (database: Database, rows: Fix[]) => Promise<void>> = {
	'drizzle multi-row insert': async ({ db }, rows) => {
		await db.transaction(async (tx) => {
			for (let start = 0; start < rows.length; start += 500) {
				await tx
					.insert(positions)
					.values(rows.slice(start, start + 500).map((fix) => ({ eventId: fix.id, vehicleId: fix.vehicleId, at: new Date(fix.at), lat: fix.lat, lon: fix.lon, rawCrs: 'wgs84', rawLat: fix.lat, rawLon: fix.lon })))
					.onConflictDoNothing();
			}
		});
	},
	'insert … select from unnest': async ({ db }, rows) => {
		await db.transaction(async (tx) => insertUnnest(tx, 'positions', columns, rows));
	}
};

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
	const results: { backend: string; method: string; rows: number; batch: number; seconds: number; rowsPerSecond: number }[] = [];
	for (const backend of backends) {
		for (const [method, insert] of Object.entries(methods)) {
			const { database, drop } = await backend.open();
			const rows = fixes(method.slice(0, 3));
			const started = performance.now();
			for (let start = 0; start < rows.length; start += BATCH) await insert(database, rows.slice(start, start + BATCH));
			const seconds = (performance.now() - started) / 1000;
			results.push({ backend: backend.name, method, rows: ROWS, batch: BATCH, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(ROWS / seconds) });
			await database.close();
			await drop();
		}
	}
	console.table(results);
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-persist.json`;
	writeFileSync(path, JSON.stringify({ node: process.version, results }, null, 2));
	console.log(`written ${path}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
