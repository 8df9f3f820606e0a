/**
 * How long a 200,000-row household ledger takes to import, from CSV and from XLSX, into the
 * embedded PGlite and (when DATABASE_URL is set) Postgres, side by side in one run.
 *
 *   npm run bench:import [-- --rows 200000]
 *
 * Prints a table and writes bench/results/<date>-import.json. Each run starts from an empty
 * database of its own; the time includes reading the file, validating and writing every row.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/client';
import { importLedger, type ImportProgress } from '../server/modules/ledgers/import-ledger';
import { writeLedgerFile, type LedgerFormat } from '../server/modules/ledgers/ledger-files';
import { generateMetro } from '../server/sim/scenarios/metro';
import { householdsLedger } from '../src/lib/ledgers/definitions';
import { toLedgerTable } from '../src/lib/ledgers/ledger';
import { createTempDatabase } from '../tests/fixtures/services';

const rowsArg = process.argv.indexOf('--rows');
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 200_000;

interface Result {
	backend: string;
	format: LedgerFormat;
	rows: number;
	fileMB: number;
	readS: number;
	validateS: number;
	writeS: number;
	totalS: number;
	rowsPerS: number;
	reimportS: number;
	peakRssMB: number;
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'cc-bench-import-'));
	console.log(`generating ${rows.toLocaleString()} households…`);
	const { ledgers } = generateMetro({ households: rows, sites: 10, vehicles: 1, labs: 1, townships: 40 });
	const table = toLedgerTable(householdsLedger, ledgers.households);
	const files: Record<LedgerFormat, Buffer> = { csv: await writeLedgerFile(table, 'csv', 'households'), xlsx: await writeLedgerFile(table, 'xlsx', 'households') };
	for (const [format, content] of Object.entries(files)) writeFileSync(join(work, `households.${format}`), content);

	const backends: { name: string; open: () => Promise<{ database: Awaited<ReturnType<typeof openDatabase>>; drop: () => Promise<void> }> }[] = [
		{
			name: 'PGlite (embedded, file)',
			open: async () => {
				const dir = mkdtempSync(join(work, 'pglite-'));
				const database = await openDatabase({ dataDir: dir });
				return { database, drop: async () => rmSync(dir, { recursive: true, force: true }) };
			}
		}
	];
	if (process.env.DATABASE_URL) {
		backends.push({
			name: 'Postgres',
			open: async () => {
				const temp = await createTempDatabase(process.env.DATABASE_URL!);
				const database = await openDatabase({ url: temp.url, dataDir: 'unused' });
				return { database, drop: temp.drop };
			}
		});
	} else {
		console.log('DATABASE_URL is not set: Postgres is left out of this run');
	}

	const results: Result[] = [];
	for (const backend of backends) {
		for (const format of ['csv', 'xlsx'] as LedgerFormat[]) {
			const { database, drop } = await backend.open();
			let peakRss = 0;
			const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
			const marks: Partial<Record<ImportProgress['phase'], number>> = {};
			const started = performance.now();
			const report = await importLedger({
				db: database.db,
				input: { kind: 'households', mode: 'import', crs: 'wgs84', by: 'bench', file: { content: files[format], format } },
				onProgress: (progress) => (marks[progress.phase] ??= performance.now())
			});
			const finished = performance.now();
			if (!report.written || report.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(report.issues.slice(0, 3))}`);
			const again = performance.now();
			await importLedger({ db: database.db, input: { kind: 'households', mode: 'import', crs: 'wgs84', by: 'bench', file: { content: files[format], format } } });
			const reimportS = (performance.now() - again) / 1000;
			clearInterval(sampler);
			peakRss = Math.max(peakRss, process.memoryUsage().rss);
			results.push({
				backend: backend.name,
				format,
				rows,
				fileMB: round(files[format].length / 1e6),
				readS: round((marks.validating! - started) / 1000),
				validateS: round((marks.writing! - marks.validating!) / 1000),
				writeS: round((finished - marks.writing!) / 1000),
				totalS: round((finished - started) / 1000),
				rowsPerS: Math.round(rows / ((finished - started) / 1000)),
				reimportS: round(reimportS),
				peakRssMB: Math.round(peakRss / 1e6)
			});
			await database.close();
			await drop();
			console.log(`done: ${backend.name} ${format}`);
		}
	}
	console.table(results);
	const path = `bench/results/${new Date().toISOString().slice(0, 10)}-import.json`;
	writeFileSync(path, JSON.stringify({ node: process.version, cpus: (await import('node:os')).cpus().length, results }, null, 2));
	console.log(`written ${path}`);
	rmSync(work, { recursive: true, force: true });
}

const round = (value: number) => Math.round(value * 100) / 100;

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
