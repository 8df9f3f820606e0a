/**
 * Ledger import and export over HTTP, for the ledger page.
 *   POST /api/ledgers/<kind>/import?mode=validate|import|import_good_rows&crs=wgs84&filename=<name>  (body: the file) → 202 job
 *        [&confirmOutside=true]: write rows whose coordinates lie outside the county too (held back otherwise)
 *   GET  /api/ledgers/jobs/<id>                                                                        → the job
 *   GET  /api/ledgers/<kind>.csv | .xlsx [?headers=en] [?personal=full]                                → the ledger; personal data masked
 *        unless personal=full, which needs the personal:export permission and is audited.
 *   GET  /api/ledgers/<kind>/template.xlsx [?headers=en]                                                → a blank ledger to fill in, its
 *        ID-number, phone and code columns formatted as text (ledger-template.ts)
 *
 * A file that is no .csv or .xlsx is refused by its name before any of it is read, saying what it
 * is and what to do (an .xls: save it as .xlsx); one whose content belies its name is refused
 * by the parser (src/lib/ledgers/file-refusal.ts).
 */
import { COORDINATE_SYSTEMS } from '../../src/lib/protocol/index';
import { isLedgerKind, LEDGERS } from '../../src/lib/ledgers/definitions';
import { actorOf, may } from '../auth/principal';
import { bodyChunks, HttpError, sendError, sendHttpError, sendJson } from '../http/http-utils';
import { exportLedger } from '../modules/ledgers/export-ledger';
import { formatOfName } from '../modules/ledgers/ledger-files';
import { writeLedgerTemplate } from '../modules/ledgers/ledger-template';
import { NOT_A_LEDGER_FILE, refusalOfName } from '../../src/lib/ledgers/file-refusal';
import type { ImportMode } from '../modules/ledgers/import-ledger';
import type { RouteRequest, WebContext } from './web-context';

const MAX_FILE_BYTES = 100 * 1024 * 1024;
const MODES: ImportMode[] = ['validate', 'import', 'import_good_rows'];

function answer(res: RouteRequest['res'], error: unknown) {
	if (error instanceof HttpError) return sendHttpError(res, error);
	throw error;
}

const noLedger = (kind: string) => new HttpError(404, { zh: '没有这种台账', en: `no ledger ${kind}` }, 'no_such_ledger');

export function getImportJob(ctx: WebContext, { res, params }: RouteRequest) {
	const found = ctx.jobs.get(params.id);
	return found ? sendJson(res, 200, found) : sendError(res, 404, { zh: '没有这个导入任务（任务只保留一小时）', en: 'no such import job (jobs are kept for an hour)' }, 'no_such_import_job');
}

export async function getLedgerFile(ctx: WebContext, { res, params, url, principal }: RouteRequest) {
	try {
		const { kind, format } = params;
		if (!isLedgerKind(kind)) throw noLedger(kind);
		if (format !== 'csv' && format !== 'xlsx') throw new HttpError(404, { zh: '台账只能导出为 .csv 或 .xlsx', en: 'ledgers export as .csv or .xlsx' }, 'no_such_format');
		const personal = url.searchParams.get('personal') === 'full' ? 'full' : 'masked';
		if (personal === 'full' && !may(principal, 'personal:export')) throw new HttpError(403, { zh: '完整导出个人信息需要管理员角色', en: 'a full export of personal data needs the admin role' }, 'role_not_allowed');
		const headers = url.searchParams.get('headers') === 'en' ? 'en' : 'zh';
		const content = await exportLedger({ db: ctx.database.db, kind, format, headers, personal, actor: actorOf(principal) });
		res.writeHead(200, {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${LEDGERS[kind].zh}.${format}`)}`,
			'content-length': content.length,
			'cache-control': 'no-store'
		});
		res.end(content);
	} catch (error) {
		answer(res, error);
	}
}

export async function getLedgerTemplate(_ctx: WebContext, { res, params, url }: RouteRequest) {
	try {
		const { kind } = params;
		if (!isLedgerKind(kind)) throw noLedger(kind);
		const content = await writeLedgerTemplate(kind, url.searchParams.get('headers') === 'en' ? 'en' : 'zh');
		res.writeHead(200, {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${LEDGERS[kind].zh}（模板）.xlsx`)}`,
			'content-length': content.length,
			'cache-control': 'no-store'
		});
		res.end(content);
	} catch (error) {
		answer(res, error);
	}
}

export async function postLedgerImport(ctx: WebContext, { req, res, params, url, principal }: RouteRequest) {
	try {
		const kind = params.kind;
		if (!isLedgerKind(kind)) throw noLedger(kind);
		const mode = (url.searchParams.get('mode') ?? 'validate') as ImportMode;
		if (!MODES.includes(mode)) throw new HttpError(400, { zh: '导入方式须为：仅检查、导入、仅导入正确的行', en: `mode must be one of ${MODES.join(', ')}` }, 'invalid_input');
		const crs = (url.searchParams.get('crs') ?? 'wgs84') as (typeof COORDINATE_SYSTEMS)[number];
		if (!COORDINATE_SYSTEMS.includes(crs)) throw new HttpError(400, { zh: `坐标系须为以下之一：${COORDINATE_SYSTEMS.join('、')}`, en: `crs must be one of ${COORDINATE_SYSTEMS.join(', ')}` }, 'invalid_input');
		const filename = url.searchParams.get('filename') ?? '';
		const refusal = refusalOfName(filename);
		if (refusal) throw new HttpError(400, { zh: refusal.zh, en: refusal.en }, 'unreadable_file');
		const format = formatOfName(filename);
		if (!format) throw new HttpError(400, { zh: NOT_A_LEDGER_FILE.zh, en: NOT_A_LEDGER_FILE.en }, 'unreadable_file');
		// An upload that says it is empty is refused before any job starts (no race with the parser's own complaint).
		if (req.headers['content-length'] === '0') throw new HttpError(400, { zh: '文件是空的', en: 'the file is empty' }, 'body_empty');
		// The file streams to the job's parser as it arrives; the answer waits until all of it is in.
		const content = bodyChunks(req, MAX_FILE_BYTES, 'file');
		const bytes = Number(req.headers['content-length']) || undefined;
		const confirmOutside = url.searchParams.get('confirmOutside') === 'true';
		const { job, received } = ctx.jobs.start({ kind, mode, crs, by: actorOf(principal), file: { content, format, bytes }, confirmOutside });
		await received;
		sendJson(res, 202, job);
	} catch (error) {
		answer(res, error);
	}
}
