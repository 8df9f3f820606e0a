/**
 * The daily report as PDF: Chromium (playwright-core, the project's Debian Chromium) prints the
 * same HTML as the web's print page, fonts read from disk. No Chromium: a clear zh/en error.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FONT_DIR, renderReportHtml } from './report-html';
import type { DayReportView } from './read-reports';

export function chromiumExecutable(): string | null {
	const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	return existsSync(path) ? path : null;
}

export async function reportPdf(view: DayReportView): Promise<Buffer> {
	const executablePath = chromiumExecutable();
	if (!executablePath) throw new Error('找不到 Chromium，无法生成 PDF（请设置 CHROMIUM_PATH）/ no Chromium to print the PDF (set CHROMIUM_PATH)');
	const { chromium } = await import('playwright-core');
	const folder = await mkdtemp(join(tmpdir(), 'daily-report-'));
	const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
	try {
		const file = join(folder, 'report.html');
		await writeFile(file, renderReportHtml(view, { fontBase: `${pathToFileURL(FONT_DIR).href}/` }));
		const page = await browser.newPage();
		await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
		await page.evaluate(() => document.fonts.ready.then(() => undefined));
		return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: `<div style="font-size:8px;width:100%;text-align:center">Daily report ${view.day} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>` });
	} finally {
		await browser.close();
		await rm(folder, { recursive: true, force: true });
	}
}
