/**
 * The daily report (日报) as files, for the database the environment names (DATABASE_URL, else the
 * embedded DATA_DIR, as the server): `npm run report -- 2026-11-30 [--out <folder>]` writes
 * 日报-2026-11-30.xlsx and 日报-2026-11-30.pdf (Chromium prints the same page as /api/reports/<day>.html).
 * An embedded database is one process's: stop the server first, or use its web export. Refused
 * (zh/en, exit 1, nothing written, no database created): a DATA_DIR with no database, a database
 * with no registry, a day with no report (没有日报, as the web answers).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { loadConfig } from '../server/config';
import { sites } from '../server/db/schema/index';
import { openDatabase } from '../server/db/client';
import { ServiceError } from '../server/modules/service-error';
import { writeReportFiles } from '../server/modules/reports/write-report-files';

const USAGE = '用法 / usage: npm run report -- <YYYY-MM-DD> [--out <folder>]';

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	let day: string | undefined;
	let out = '.';
	for (let index = 0; index < args.length; index++) {
		if (args[index] === '--out') out = args[++index] ?? '';
		else if (!day) day = args[index];
		else return fail(`多余的参数 / unexpected argument: ${args[index]}\n${USAGE}`);
	}
	if (!day) return fail(`请给出日期 / give the day\n${USAGE}`);
	if (!out) return fail(`--out 后须给出文件夹 / --out needs a folder\n${USAGE}`);
	const config = loadConfig();
	// A wrong DATA_DIR must not become a new empty database with an all-zero 日报: only an existing one is opened.
	if (!config.DATABASE_URL && config.DATA_DIR !== 'memory://' && !existsSync(join(config.DATA_DIR, 'pglite'))) {
		return fail(`没有找到数据库：${config.DATA_DIR} 下没有数据（请检查 DATA_DIR）/ no database found in ${config.DATA_DIR} (check DATA_DIR)`);
	}
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }).catch((error: Error) => {
		throw new Error(`无法打开数据库（服务在运行时请先停止，或在 /reports 页面导出）/ cannot open the database (stop the server first, or export from /reports): ${error.message}`);
	});
	try {
		const [registry] = await database.db.select({ sites: count() }).from(sites);
		if (Number(registry?.sites ?? 0) === 0) return fail('这个数据库里没有采样点等基础数据，不是指挥中心的数据库（请检查 DATA_DIR / DATABASE_URL）/ this database holds no registry (no sites): not the command centre’s database (check DATA_DIR / DATABASE_URL)');
		const { state, files } = await writeReportFiles({ db: database.db, day, out });
		if (state === 'live') console.log(`注意：${day} 尚未锁定，文件为截至现在的实时数字 / note: ${day} is not locked yet; these are live figures`);
		for (const file of files) console.log(file);
		return 0;
	} catch (error) {
		if (error instanceof ServiceError) return fail(`${error.text.zh}\n${error.text.en}`);
		throw error;
	} finally {
		await database.close();
	}
}

/** Refused: the reason in Chinese and English, exit 1, nothing written. */
function fail(message: string): number {
	console.error(message);
	return 1;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error.message);
		process.exit(1);
	}
);
