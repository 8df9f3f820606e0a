import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { App } from '../../server/app';
import type { Delta, SiteEntity, Snapshot } from '../../src/lib/protocol/index';
import { deviceToken, displayToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { socketParser } from '../../src/lib/realtime/socket-parser';

let app: App;
let admin: { cookie: string };
let wallToken: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'none' });
	admin = await signedIn(app, 'admin');
	wallToken = await displayToken(app);
});
const asAdmin = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { cookie: admin.cookie, ...(init.headers as Record<string, string>) } });
afterAll(async () => {
	await app.close();
});

const SITES_CSV = ['编号,名称,类型,街道,服务村,经度,纬度,采样台数,混采', 'N-001,新村采样点,固定采样点,新城街道,新村,115.9,29.7,2,10合1', 'N-002,老村采样点,临时采样点,新城街道,老村、东村,115.91,29.71,1,20合1'].join('\n');
const HOUSEHOLDS_CSV = ['户编号,街道,村,人数,户主姓名,身份证号,电话,地址', 'NH-1,新城街道,新村,3,王芳,11010519491231002X,13800138000,新村1号'].join('\n');

async function runImport(kind: string, body: string, mode: string) {
	const started = await fetch(`${app.url}/api/ledgers/${kind}/import?mode=${mode}&filename=${kind}.csv`, asAdmin({ method: 'POST', body }));
	expect(started.status).toBe(202);
	const { id } = await started.json();
	return until(async () => {
		const job = await (await fetch(`${app.url}/api/ledgers/jobs/${id}`, asAdmin())).json();
		return job.status !== 'running' ? job : undefined;
	}, 'the import job');
}

describe('ledgers over HTTP', () => {
	it('checks a file without writing, then imports it, and the new sites go live on the map and in ingest', async () => {
		const socket = io(app.url, { transports: ['websocket'], parser: socketParser, forceNew: true, auth: { token: wallToken } });
		const sites = new Map<string, SiteEntity>();
		socket.on('snapshot', (snapshot: Snapshot) => snapshot.layer === 'sites' && snapshot.entities.forEach((site) => sites.set(site.id, site as SiteEntity)));
		socket.on('sites:delta', (delta: Delta) => delta.upserts.forEach((site) => sites.set(site.id, site as SiteEntity)));

		// Before the import the site does not exist: not even its tablet's credential can be issued.
		await expect(deviceToken(app, 'tablet-N-001')).rejects.toThrow('no site "N-001" exists');
		const checked = await runImport('sites', SITES_CSV, 'validate');
		expect(checked.report).toMatchObject({ totalRows: 2, goodRows: 2, badRows: 0, written: null });
		const imported = await runImport('sites', SITES_CSV, 'import');
		expect(imported.report.written).toEqual({ created: 2, updated: 0, unchanged: 0 });

		await until(() => sites.get('N-002')?.name === '老村采样点', 'the new site on a connected map');
		await until(async () => (await postEvents(app, { events: [queue({ siteId: 'N-001', queueLength: 12 })] })).json.accepted === 1, 'ingest to accept the new site');
		socket.close();
	});

	it('refuses an unknown mode or a file that is neither CSV nor XLSX, saying what the file is and what to do', async () => {
		expect((await fetch(`${app.url}/api/ledgers/sites/import?mode=wipe&filename=a.csv`, asAdmin({ method: 'POST', body: 'x' }))).status).toBe(400);
		const pdf = await fetch(`${app.url}/api/ledgers/sites/import?filename=a.pdf`, asAdmin({ method: 'POST', body: 'x' }));
		expect(pdf.status).toBe(400);
		expect(await pdf.json()).toMatchObject({ code: 'unreadable_file', message: { zh: expect.stringContaining('PDF'), en: expect.stringMatching(/^This is a PDF file/) } });
		const xls = await fetch(`${app.url}/api/ledgers/sites/import?filename=${encodeURIComponent('城门台账.xls')}`, asAdmin({ method: 'POST', body: 'x' }));
		expect(xls.status).toBe(400);
		expect((await xls.json()).message).toEqual({ zh: expect.stringMatching(/^这是旧版 Excel 97–2003 \(\.xls\) 文件.*另存为.*\.xlsx/), en: expect.stringMatching(/save it as \.xlsx in Excel or WPS/) });
		const other = await fetch(`${app.url}/api/ledgers/sites/import?filename=a.txt`, asAdmin({ method: 'POST', body: 'x' }));
		expect((await other.json()).message.zh).toBe('只能导入 Excel 工作簿 (.xlsx) 或 .csv 文件');
		expect((await fetch(`${app.url}/api/ledgers/secrets/import?filename=a.csv`, asAdmin({ method: 'POST', body: 'x' }))).status).toBe(404);
	});

	it('hands out a blank template with the ID-number and phone columns formatted as text', async () => {
		const answer = await fetch(`${app.url}/api/ledgers/households/template.xlsx`, asAdmin());
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-disposition')).toContain(encodeURIComponent('户籍与隔离台账（模板）.xlsx'));
		const ExcelJS = (await import('exceljs')).default;
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await answer.arrayBuffer());
		const headers = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
		expect(workbook.worksheets[0].getCell(2, headers.indexOf('身份证号') + 1).numFmt).toBe('@');
		expect((await fetch(`${app.url}/api/ledgers/secrets/template.xlsx`, asAdmin())).status).toBe(404);
		expect((await fetch(`${app.url}/api/ledgers/households/template.xlsx`)).status).toBe(401);
	});

	it('reports a broken XLSX as a failed job with the reason', async () => {
		const started = await (await fetch(`${app.url}/api/ledgers/sites/import?mode=validate&filename=a.xlsx`, asAdmin({ method: 'POST', body: 'not a workbook' }))).json();
		const job = await until(async () => {
			const current = await (await fetch(`${app.url}/api/ledgers/jobs/${started.id}`, asAdmin())).json();
			return current.status !== 'running' ? current : undefined;
		}, 'the job');
		expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/^the file is not a readable XLSX workbook/) });
	});

	it('refuses an Excel 97–2003 file named .xlsx, and a PDF named .csv, by what they hold: a failed job saying what the file is, Chinese first', async () => {
		const failedJob = async (filename: string, body: Buffer) => {
			const started = await (await fetch(`${app.url}/api/ledgers/sites/import?mode=validate&filename=${filename}`, asAdmin({ method: 'POST', body: new Uint8Array(body) }))).json();
			return until(async () => {
				const current = await (await fetch(`${app.url}/api/ledgers/jobs/${started.id}`, asAdmin())).json();
				return current.status !== 'running' ? current : undefined;
			}, 'the job');
		};
		const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le')]);
		expect(await failedJob('a.xlsx', ole2)).toMatchObject({ status: 'failed', error: '这是旧版 Excel 97–2003 (.xls) 文件，请在 Excel 或 WPS 中「另存为」.xlsx 后再导入 / This is an old Excel 97–2003 (.xls) file: save it as .xlsx in Excel or WPS and import that' });
		expect(await failedJob('a.csv', Buffer.from('%PDF-1.7\n'))).toMatchObject({ status: 'failed', error: expect.stringMatching(/^这是 PDF 文件.* \/ This is a PDF file/) });
	});

	it('exports personal data masked by default', async () => {
		await runImport('households', HOUSEHOLDS_CSV, 'import');
		const response = await fetch(`${app.url}/api/ledgers/households.csv`, asAdmin());
		expect(response.status).toBe(200);
		const text = await response.text();
		expect(text).toContain('NH-1,新城街道,新村');
		expect(text).toContain('王*,1101**********002X,138****8000,新村***');
		expect(text).not.toContain('王芳');
	});

	it('records each import and each check of a ledger in the audit log: who, the kind, the counts, never a personal value or the file name', async () => {
		const checked = await runImport('households', HOUSEHOLDS_CSV, 'validate');
		expect(checked.status).toBe('done');
		const imported = await runImport('households', HOUSEHOLDS_CSV, 'import');
		expect(imported.status).toBe('done');
		const audit = (await (await fetch(`${app.url}/api/audit?limit=1000`, asAdmin())).json()) as { action: string; subject: string; actor: string; details: Record<string, unknown> }[];
		const imports = audit.filter((entry) => entry.action === 'ledger.import' && entry.subject === 'ledger:households');
		expect(imports.slice(0, 2)).toEqual([
			expect.objectContaining({ actor: expect.stringMatching(/^user:admin-/), details: { mode: 'import', rows: 1, goodRows: 1, badRows: 0, created: 0, updated: 0, unchanged: 1, personal: true } }),
			expect.objectContaining({ actor: expect.stringMatching(/^user:admin-/), details: { mode: 'validate', rows: 1, goodRows: 1, badRows: 0, created: 0, updated: 0, unchanged: 0, personal: true } })
		]);
		const text = JSON.stringify(imports);
		for (const personal of ['王芳', '11010519491231002X', '13800138000', '新村1号', 'households.csv']) expect(text).not.toContain(personal);
	});

	it('exports personal data in full only for an admin, and writes it to the audit log', async () => {
		const commander = await signedIn(app, 'commander');
		const refused = await fetch(`${app.url}/api/ledgers/households.csv?personal=full`, { headers: { cookie: commander.cookie } });
		expect(refused.status).toBe(403);
		const full = await (await fetch(`${app.url}/api/ledgers/households.csv?personal=full`, asAdmin())).text();
		expect(full).toContain('王芳,11010519491231002X,13800138000,新村1号');
		const audit = await (await fetch(`${app.url}/api/audit`, asAdmin())).json();
		expect(audit[0]).toMatchObject({ action: 'personal.export', subject: 'ledger:households', actor: expect.stringMatching(/^user:admin-/) });
	});
});
