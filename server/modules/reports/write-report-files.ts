/** `npm run report -- <day> [--out <folder>]`: the day's 日报-<day>.xlsx and 日报-<day>.pdf written to a folder. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/client';
import { readDayReport } from './read-reports';
import { reportHasActivity } from './assemble-day-report';
import { refuseReport } from './report-refusals';
import { reportPdf } from './report-pdf';
import { reportWorkbook } from './report-xlsx';

export async function writeReportFiles({ db, day, out }: { db: Db; day: string; out: string }): Promise<{ state: 'locked' | 'live'; files: string[] }> {
	const view = await readDayReport(db, day);
	// As the web has nothing to show for a day without any sampling, testing or quarantine data, the files are not written either.
	if (view.state === 'live' && !reportHasActivity(view.report)) throw refuseReport('no_report', { day });
	await mkdir(out, { recursive: true });
	const xlsx = join(out, `日报-${day}.xlsx`);
	const pdf = join(out, `日报-${day}.pdf`);
	await writeFile(xlsx, await reportWorkbook(view));
	await writeFile(pdf, await reportPdf(view));
	return { state: view.state, files: [xlsx, pdf] };
}
