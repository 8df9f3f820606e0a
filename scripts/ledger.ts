/**
 * Ledgers from the command line, against the database the environment names (DATABASE_URL, or
 * the embedded one under DATA_DIR while no server holds it):
 *
 *   npm run import -- <kind> <file.csv|file.xlsx> [--crs wgs84|gcj02|bd09|cgcs2000] [--good-rows-only] [--dry-run] [--confirm-outside]
 *   npm run export -- <kind> <file.csv|file.xlsx> [--headers zh|en] [--masked]
 *   npm run export -- <kind> --template [file.xlsx] [--headers zh|en]
 *
 * --template writes a blank ledger to fill in (no database needed): the headers, and the ID-number,
 * phone and code columns formatted as text so that long numbers typed into them keep every digit
 * (default file: <ledger>（模板）.xlsx). A file that is no .csv or .xlsx (an .xls, a PDF, a Word
 * document) is refused saying what it is and what to do, in Chinese and English.
 *
 * A full export of a ledger with personal data is written to the audit log (as cli:<user>).
 *
 * kinds: sites, vehicles, labs, staff, households (import in that order: later ones refer to earlier).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COORDINATE_SYSTEMS } from '../src/lib/protocol/index';
import { isLedgerKind, LEDGER_KINDS, type LedgerKind } from '../src/lib/ledgers/definitions';
import { describeIssue } from '../src/lib/ledgers/validate-ledger';
import { describeIssueZh, describeShape, ledgerIssueZh } from '../src/lib/ledgers/issue-text';
import { describeNewRegions } from '../src/lib/ledgers/new-regions';
import { loadConfig, redactUrl } from '../server/config';
import { openDatabase } from '../server/db/client';
import { exportLedger } from '../server/modules/ledgers/export-ledger';
import { formatOfName } from '../server/modules/ledgers/ledger-files';
import { writeLedgerTemplate } from '../server/modules/ledgers/ledger-template';
import { LEDGERS } from '../src/lib/ledgers/definitions';
import { refusalOfContent, refusalOfName, type FileRefusal } from '../src/lib/ledgers/file-refusal';
import { importLedger, type ImportMode } from '../server/modules/ledgers/import-ledger';

class UsageError extends Error {}
/** A file the import cannot read: the message says what to do, no usage needed. */
class RefusedFile extends UsageError {}

/** Both languages, Chinese first, one line each. */
const refusalLines = (file: string, refusal: FileRefusal) => `${file}: ${refusal.zh}\n${file}: ${refusal.en}`;

function parseArguments(argv: string[]) {
	const [command, kind, ...words] = argv;
	if (command !== 'import' && command !== 'export') throw new UsageError('第一个词应为 import（导入）或 export（导出）\n  the first word must be import or export');
	if (!kind || !isLedgerKind(kind)) throw new UsageError(`台账类型应为 ${LEDGER_KINDS.join('、')} 之一\n  kind must be one of ${LEDGER_KINDS.join(', ')}`);
	const template = command === 'export' && words.includes('--template');
	if (template) {
		// --template may stand before the file's name or after it.
		const at = words.indexOf('--template');
		const next = words[at + 1];
		words.splice(at, 1);
		if (at > 0 && next !== undefined && !next.startsWith('--')) words.unshift(...words.splice(at, 1));
	}
	const named = words[0] && !words[0].startsWith('--') ? words[0] : undefined;
	const rest = words.slice(named ? 1 : 0);
	const file = named ?? (template ? `${LEDGERS[kind as LedgerKind].zh}（模板）.xlsx` : undefined);
	if (!file) throw new UsageError('请给出一个 .csv 或 .xlsx 文件\n  name a .csv or .xlsx file');
	if (template && formatOfName(file) !== 'xlsx') throw new UsageError(`${file}：模板是 Excel 工作簿，请以 .xlsx 结尾\n  ${file}: a template is an Excel workbook: name it .xlsx`);
	const refusal = command === 'import' ? refusalOfName(file) : null;
	if (refusal) throw new RefusedFile(refusalLines(file, refusal));
	const format = formatOfName(file);
	if (!format) throw new UsageError(`${file}：文件应以 .csv 或 .xlsx 结尾\n  ${file}: the file must end in .csv or .xlsx`);
	const options = { crs: 'wgs84' as (typeof COORDINATE_SYSTEMS)[number], goodRowsOnly: false, dryRun: false, confirmOutside: false, headers: 'zh' as 'zh' | 'en', masked: false, template };
	for (let index = 0; index < rest.length; index++) {
		const flag = rest[index];
		if (flag === '--crs') {
			const value = rest[++index] as (typeof COORDINATE_SYSTEMS)[number];
			if (!COORDINATE_SYSTEMS.includes(value)) throw new UsageError(`--crs 应为 ${COORDINATE_SYSTEMS.join('、')} 之一\n  --crs must be one of ${COORDINATE_SYSTEMS.join(', ')}`);
			options.crs = value;
		} else if (flag === '--good-rows-only') options.goodRowsOnly = true;
		else if (flag === '--dry-run') options.dryRun = true;
		else if (flag === '--confirm-outside') options.confirmOutside = true;
		else if (flag === '--headers') {
			const value = rest[++index];
			if (value !== 'zh' && value !== 'en') throw new UsageError('--headers 应为 zh 或 en\n  --headers must be zh or en');
			options.headers = value;
		} else if (flag === '--masked') options.masked = true;
		else throw new UsageError(`未知选项 ${flag}\n  unknown option ${flag}`);
	}
	return { command, kind: kind as LedgerKind, file, format, ...options };
}

async function main(): Promise<number> {
	const args = parseArguments(process.argv.slice(2));
	if (args.template) {
		writeFileSync(args.file, await writeLedgerTemplate(args.kind, args.headers));
		console.log(`已写出空白${LEDGERS[args.kind].zh}模板 ${args.file}：身份证号、电话和编号列为文本格式\n  wrote a blank ${args.kind} ledger to ${args.file}: its ID-number, phone and code columns are formatted as text`);
		return 0;
	}
	// Refused before the database is opened: an .xls renamed .xlsx, a PDF, a Word document.
	const content = args.command === 'import' ? readFileSync(args.file) : null;
	const refusal = content && refusalOfContent(content, args.format);
	if (refusal) throw new RefusedFile(refusalLines(args.file, refusal));
	const config = loadConfig();
	const [where, whereZh] = config.DATABASE_URL ? [redactUrl(config.DATABASE_URL), redactUrl(config.DATABASE_URL)] : [`the embedded database under ${config.DATA_DIR}/`, `内置数据库（${config.DATA_DIR}/）`];
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }).catch((error: Error) => {
		throw new UsageError(`无法打开${whereZh}（原因见下一行英文）\n  cannot open ${where}: ${error.message}`);
	});
	try {
		if (args.command === 'export') {
			const content = await exportLedger({ db: database.db, kind: args.kind, format: args.format, headers: args.headers, personal: args.masked ? 'masked' : 'full', actor: `cli:${process.env.USER ?? 'unknown'}` });
			writeFileSync(args.file, content);
			console.log(`已从${whereZh}导出${LEDGERS[args.kind].zh}到 ${args.file}\n  exported ${args.kind} from ${where} to ${args.file}`);
			return 0;
		}
		const mode: ImportMode = args.dryRun ? 'validate' : args.goodRowsOnly ? 'import_good_rows' : 'import';
		const started = Date.now();
		const report = await importLedger({
			db: database.db,
			input: { kind: args.kind, mode, crs: args.crs, by: `cli:${process.env.USER ?? 'unknown'}`, file: { content: content!, format: args.format }, confirmOutside: args.confirmOutside },
			onProgress: (progress) => {
				if (progress.phase === 'writing' && process.stdout.isTTY) process.stdout.write(`\rwriting ${Math.round((100 * progress.done) / Math.max(1, progress.total))}% (${progress.done.toLocaleString()}/${progress.total.toLocaleString()})`);
			}
		});
		if (process.stdout.isTTY) process.stdout.write('\n');
		// How the file's layout was read (the sheet, the header's row, rows skipped), then its problems: Chinese, then English.
		for (const line of describeShape(report.shape)) console.log(`${line.zh}\n  ${line.en}`);
		if (report.newRegions.length > 0) {
			const [zh, en] = report.written ? ['已新增的街道/村', 'townships / villages added'] : ['导入后将新增的街道/村（请核对名称是否有误）', 'importing adds these townships / villages (check the spelling)'];
			console.log(`${zh}：${describeNewRegions(report.newRegions, 'zh-CN')}\n  ${en}: ${describeNewRegions(report.newRegions, 'en')}`);
		}
		for (const error of report.fileErrors) console.log(`文件：${ledgerIssueZh(error) ?? error}\n  file: ${error}`);
		for (const issue of report.issues.slice(0, 50)) console.log(`${describeIssueZh(issue)}\n  ${describeIssue(issue)}`);
		if (report.issueCount > 50) console.log(`…… 另有 ${report.issueCount - 50} 处 / … and ${report.issueCount - 50} more`);
		for (const row of report.outside.slice(0, 50)) {
			const zh = `第 ${row.row} 行：${row.value ?? '（位置）'} 在本县范围外约 ${row.km} 公里${report.confirmOutside ? '（已确认）' : '；暂不导入：请核对，或加 --confirm-outside'}`;
			console.log(`${zh}\n  row ${row.row}: ${row.value ?? '(location)'} lies about ${row.km} km outside the county${report.confirmOutside ? ' (confirmed)' : '; held back: check it, or pass --confirm-outside'}`);
		}
		console.log(`${args.file}：共 ${report.totalRows} 行，${report.goodRows} 行无误，${report.badRows} 行有问题\n  ${report.totalRows} rows, ${report.goodRows} good, ${report.badRows} with problems`);
		if (report.written) {
			const { created, updated, unchanged } = report.written;
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`已导入${whereZh}，用时 ${seconds} 秒：新增 ${created}，更新 ${updated}，未变 ${unchanged}\n  imported into ${where} in ${seconds} s: ${created} created, ${updated} updated, ${unchanged} unchanged`);
			return 0;
		}
		if (mode === 'validate') return report.fileErrors.length || report.issueCount ? 1 : 0;
		if (report.fileErrors.length > 0) console.log('没有导入任何数据：请先修正上面的文件问题\n  nothing was imported: fix the file as said above');
		else if (mode === 'import_good_rows' || report.goodRows === 0) console.log('没有导入任何数据：没有无误的行，请修正上面的行\n  nothing was imported: no row is without problems; fix the rows above');
		else console.log('没有导入任何数据：请修正上面的行，或加 --good-rows-only 只导入无误的行\n  nothing was imported: fix the rows above, or run again with --good-rows-only to import the rest');
		return 1;
	} finally {
		await database.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error instanceof UsageError ? `ledger: ${error.message}` : error);
		if (error instanceof UsageError && !(error instanceof RefusedFile)) console.error('用法 / usage: npm run import -- <kind> <file.csv|.xlsx> [--crs gcj02] [--good-rows-only] [--dry-run] [--confirm-outside]\n                    npm run export -- <kind> <file.csv|.xlsx> [--headers en] [--masked]\n                    npm run export -- <kind> --template [file.xlsx] [--headers en]');
		process.exit(2);
	}
);
