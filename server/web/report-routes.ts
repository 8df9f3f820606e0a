/**
 * The daily report (日报) over HTTP:
 *   GET  /api/reports                         → today (live) and the locked days
 *   GET  /api/reports/<day>                   → the day: locked (original, amendments, version in force) or live
 *   GET  /api/reports/<day>.xlsx | .html | .pdf → the workbook, the printable A4 page, its PDF (Chromium)
 *   POST /api/reports/<day>/amendments { reason, changes: [{ section, key, field, to }] } → 201
 *   GET  /api/reports/fonts/<file>            → the Noto Sans SC files the printable page loads
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { actorOf } from '../auth/principal';
import { HttpError, readValidJson, sendJson } from '../http/http-utils';
import { amendDayReport } from '../modules/reports/amend-day-report';
import { listReports, readDayReport } from '../modules/reports/read-reports';
import { amendmentRequest } from '../modules/reports/report-refusals';
import { FONT_DIR, renderReportHtml } from '../modules/reports/report-html';
import { reportWorkbook } from '../modules/reports/report-xlsx';
import { chromiumExecutable, reportPdf } from '../modules/reports/report-pdf';
import type { RouteRequest, WebContext } from './web-context';

export async function getReports(ctx: WebContext, { res }: RouteRequest) {
	sendJson(res, 200, { reports: await listReports(ctx.database.db) });
}

export async function getReport(ctx: WebContext, { res, params }: RouteRequest) {
	sendJson(res, 200, await readDayReport(ctx.database.db, params.day));
}

const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', html: 'text/html; charset=utf-8', pdf: 'application/pdf' } as const;

export async function getReportFile(ctx: WebContext, { res, params }: RouteRequest) {
	const format = params.format as keyof typeof TYPES;
	if (!(format in TYPES)) throw new HttpError(404, { zh: '日报只能导出为 .xlsx、.html 或 .pdf', en: 'a daily report exports as .xlsx, .html or .pdf' }, 'no_such_format');
	if (format === 'pdf' && !chromiumExecutable()) throw new HttpError(503, { zh: '服务器上没有 Chromium，无法生成 PDF：请打开打印页面用浏览器打印', en: 'no Chromium on the server to make the PDF: open the print page and print it from the browser' }, 'pdf_unavailable');
	const view = await readDayReport(ctx.database.db, params.day);
	const body = format === 'xlsx' ? await reportWorkbook(view) : format === 'pdf' ? await reportPdf(view) : Buffer.from(renderReportHtml(view, { fontBase: '/api/reports/fonts/' }));
	res.writeHead(200, {
		'content-type': TYPES[format],
		...(format === 'html' ? {} : { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`日报-${view.day}.${format}`)}` }),
		'content-length': body.length,
		'cache-control': 'no-store'
	});
	res.end(body);
}

export async function postAmendment(ctx: WebContext, { req, res, params, principal }: RouteRequest) {
	const body = await readValidJson(req, amendmentRequest, 64 * 1024);
	sendJson(res, 201, await amendDayReport({ ctx: { db: ctx.database.db, log: ctx.log, actor: actorOf(principal) }, input: { day: params.day, ...body } }));
}

/** A font file of @fontsource/noto-sans-sc by its exact name (nothing else on disk is reachable). */
export function getReportFont(_ctx: WebContext, { res, params }: RouteRequest) {
	if (!/^noto-sans-sc-[\w-]+\.woff2?$/.test(params.file)) throw new HttpError(404, { zh: '没有这个字体文件', en: 'no such font file' }, 'no_such_font');
	const stream = createReadStream(join(FONT_DIR, params.file));
	stream.once('error', () => {
		if (!res.headersSent) res.writeHead(404).end();
	});
	stream.once('open', () => {
		res.writeHead(200, { 'content-type': params.file.endsWith('2') ? 'font/woff2' : 'font/woff', 'cache-control': 'public, max-age=31536000, immutable' });
		stream.pipe(res);
	});
}
