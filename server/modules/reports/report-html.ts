/**
 * The printable daily report: one renderer for the web's print page (/api/reports/<day>.html) and
 * the PDF (Chromium printing this HTML, scripts/report.ts). A4 portrait, Noto Sans SC (the font the
 * app ships, @fontsource/noto-sans-sc, loaded per unicode range from fontBase), tables that break
 * across pages with their header repeated, and columns sized to the page so none is clipped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chinaDateTime } from '../../../src/lib/china-time';
import type { DailyReport, ReportChange } from '../../../src/lib/domain/daily-report';
import type { DayReportView } from './read-reports';
import { FIELD_ZH, printCell, SECTIONS } from '../../../src/lib/reports/report-columns';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where the font files are: node_modules/@fontsource/noto-sans-sc/files. */
export const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css')), 'files');

let fontCss: string | null = null;
/** The @font-face rules of weights 400 and 700, their files under fontBase (a URL ending in /). */
function fontFaces(fontBase: string): string {
	fontCss ??= ['400', '700'].map((weight) => readFileSync(join(FONT_DIR, '..', `${weight}.css`), 'utf8')).join('\n');
	return fontCss.replace(/url\(\.\/files\//g, `url(${fontBase}`);
}

const actorText = (actor: string) => (actor.startsWith('user:') ? actor.slice(5) : actor === 'system' ? '系统 / system' : actor);

function tables(report: DailyReport, names: Record<string, string>): string {
	return SECTIONS.map((section) => {
		const rows = section.rows(report);
		const head = section.columns.map((column) => `<th>${escape(column.zh)}<small>${escape(column.en)}</small></th>`).join('');
		const body = rows.map((row) => `<tr>${section.columns.map((column) => `<td${column.text ? '' : ' class="n"'}>${escape(printCell(column.cell(row, names), column.percent))}</td>`).join('')}</tr>`).join('');
		const total = section.total && rows.length > 0 ? `<tr class="total">${section.total(report).map((cell, index) => `<td${section.columns[index]?.text ? '' : ' class="n"'}>${escape(printCell(cell, section.columns[index]?.percent))}</td>`).join('')}</tr>` : '';
		const empty = rows.length === 0 ? `<tr><td colspan="${section.columns.length}" class="empty">当日无数据 / no data for the day</td></tr>` : '';
		return `<section><h2>${escape(section.zh)} <small>${escape(section.en)}</small></h2><table><thead><tr>${head}</tr></thead><tbody>${body}${empty}${total}</tbody></table></section>`;
	}).join('\n');
}

function changeRows(changes: readonly ReportChange[], names: Record<string, string>): string {
	const sectionZh = Object.fromEntries(SECTIONS.map((section) => [section.key, section.zh]));
	return changes
		.map((change) => `<tr><td>${escape(sectionZh[change.section])}</td><td>${escape(change.key ? (names[change.key] ?? change.key) : '—')}</td><td>${escape(FIELD_ZH[change.field] ?? change.field)}</td><td class="n">${escape(String(change.from ?? '—'))}</td><td class="n">${escape(String(change.to ?? '—'))}</td></tr>`)
		.join('');
}

function amendmentsHtml(view: DayReportView): string {
	if (view.amendments.length === 0) return '';
	const list = view.amendments
		.map((amendment, index) => `<section class="amendment"><h3>更正 ${index + 1} / Amendment ${index + 1}：${escape(chinaDateTime(amendment.at))}，${escape(actorText(amendment.by))}</h3>
<p>原因 / Reason：${escape(amendment.reason)}</p>
<table><thead><tr><th>部分<small>Section</small></th><th>行<small>Row</small></th><th>项目<small>Field</small></th><th>原值<small>From</small></th><th>更正为<small>To</small></th></tr></thead><tbody>${changeRows(amendment.changes, view.names)}</tbody></table></section>`)
		.join('\n');
	return `<h2 class="part">更正记录 <small>Amendments</small></h2>${list}
<h2 class="part">锁定原件 <small>As locked at 24:00</small></h2>${tables(view.original!, view.names)}`;
}

export function renderReportHtml(view: DayReportView, { fontBase, title = '核酸检测日报' }: { fontBase: string; title?: string }): string {
	const state =
		view.state === 'locked'
			? `已锁定 ${chinaDateTime(view.lockedAt!)}（北京时间）${view.amendments.length > 0 ? `，现行版本含 ${view.amendments.length} 次更正` : ''} / locked${view.amendments.length > 0 ? `, ${view.amendments.length} amendment(s) in force` : ''}`
			: `未锁定：截至 ${chinaDateTime(view.generatedAt)}（北京时间）的实时数字，24:00 锁定 / not locked: live figures`;
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)} ${view.day}</title>
<style>
${fontFaces(fontBase)}
@page { size: A4 portrait; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; font-size: 10pt; color: #000; background: #fff; margin: 0; }
header { border-bottom: 2px solid #000; margin-bottom: 4mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
h2.part { border-top: 1px solid #000; padding-top: 3mm; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; }
small { font-weight: normal; font-size: 7.5pt; color: #444; margin-left: 1mm; }
th small { display: block; margin: 0; }
.state { margin: 0 0 2mm; font-weight: bold; }
.state.live { color: #b00; }
table { width: 100%; border-collapse: collapse; overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f6f6f6; }
td.empty { color: #555; text-align: center; }
.toolbar { margin: 0 0 4mm; }
@media print { .toolbar { display: none; } }
@media screen { body { max-width: 186mm; margin: 8mm auto; } }
</style></head>
<body>
<div class="toolbar"><button type="button" data-print>打印 / Print</button> 或按 Ctrl+P / or press Ctrl+P</div><script src="/reports/print.js" defer></script>
<header><h1>${escape(title)} <small>Daily report</small> ${view.day}</h1>
<p class="state ${view.state}">${escape(state)}</p>
<p>统计时段 / Covers：${view.day} 00:00–24:00（北京时间 / China time）。生成于 / Generated ${chinaDateTime(view.generatedAt)}</p></header>
${tables(view.report, view.names)}
${amendmentsHtml(view)}
</body></html>`;
}
