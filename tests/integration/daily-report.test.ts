/**
 * The 24:00 daily report (日报): locked as it stood at 24:00 China time, the original kept; a
 * commander's amendment recorded beside it (who, when, why, what changed) and audited; refusals
 * in zh/en change nothing; the XLSX read back has the Chinese headers and the day's figures.
 * The locked day is ten days ahead of the real clock, so the app's own 24:00 timer never touches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { signedIn, startTestApp } from '../fixtures/app';
import type { App } from '../../server/app';
import { auditLog, dailyReports, labCounters, labs, regions, reportAmendments, sampleBoxes, sampledMembers, sites } from '../../server/db/schema/index';
import { insertTestVillage } from '../fixtures/roster';
import { needsChromium } from '../fixtures/chromium';
import { writeReportFiles } from '../../server/modules/reports/write-report-files';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventLog } from '../../server/pipeline/event-log/embedded-event-log';
import { lockPendingReports, startReportLocker } from '../../server/modules/reports/lock-reports';
import { reportLocksAt } from '../../src/lib/domain/daily-report';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';

const HOUR = 3_600_000;
const DAY = serviceDay(Date.now() + 10 * 24 * HOUR);
const TOWNSHIP = 't:日报测试街道';
let app: App;
let commander: string;

const at = (hours: number) => new Date(serviceDayStart(DAY) + hours * HOUR);
const api = (path: string, init: RequestInit & { cookie?: string } = {}) => fetch(`${app.url}${path}`, { ...init, headers: { cookie: init.cookie ?? commander, 'content-type': 'application/json', ...init.headers } });
const amend = (body: unknown, day = DAY) => api(`/api/reports/${day}/amendments`, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
	app = await startTestApp();
	const db = app.database.db;
	commander = (await signedIn(app, 'commander')).cookie;
	await db.insert(regions).values({ id: TOWNSHIP, parentId: null, level: 'township', name: '日报测试街道' });
	await db.insert(sites).values({ id: 'rpt-site', name: '日报测试采样点', townshipId: TOWNSHIP, lat: 29.65, lon: 115.84, desks: 2, pooling: '10:1' });
	await db.insert(labs).values({ id: 'rpt-lab', kind: 'lab', name: '日报测试实验室', lat: 29.7, lon: 115.9, capacityTubesPerDay: 3000 });
	const village = await insertTestVillage(db, { name: '日报村', prefix: 'RP', sizes: [3, 3, 4], townshipId: TOWNSHIP });
	await db.insert(sampleBoxes).values([
		{ id: 'rpt-box-1', siteId: 'rpt-site', sealedAt: at(9), deadlineAt: at(13), tubes: 10, people: 100, pooling: '10:1', eventId: 'e-rpt-1' },
		{ id: 'rpt-box-2', siteId: 'rpt-site', sealedAt: at(10), deadlineAt: at(14), tubes: 5, people: 48, pooling: '10:1', eventId: 'e-rpt-2' }
	]);
	// Sampled at home by a mobile team: in the township's coverage, at no site, so the site's people stay its boxes' (its desk scanned nobody).
	await db.insert(sampledMembers).values(village.codes.slice(0, 6).map((code, index) => ({ day: DAY, memberCode: code, siteId: null, via: 'door_to_door' as const, tube: `T${index}`, sampledAt: at(9), eventId: `e-rpt-s${index}`, deviceId: 'tablet-rpt-site' })));
	await db.insert(labCounters).values({ labId: 'rpt-lab', day: DAY, receivedTubes: 15, testedTubes: 12 });
});
afterAll(() => app?.close());

describe('locking the daily report at 24:00', () => {
	it('does not lock a day before its 24:00', async () => {
		expect(await lockPendingReports({ db: app.database.db, log: eventLog(), actor: 'system', now: reportLocksAt(DAY) - 1000 })).not.toContain(DAY);
		expect(await app.database.db.select().from(dailyReports).where(eq(dailyReports.day, DAY))).toHaveLength(0);
	});

	it('locks the day as it stood when the timer fires at 24:00, once, and keeps the original', async () => {
		const locker = startReportLocker({ db: app.database.db, log: eventLog() }, { clock: () => reportLocksAt(DAY) + 1000 });
		await locker.done;
		locker.stop();
		// A second node's timer (or a restart) finds it locked: nothing written twice.
		expect(await lockPendingReports({ db: app.database.db, log: eventLog(), actor: 'system', now: reportLocksAt(DAY) + 5000 })).not.toContain(DAY);
		const [row] = await app.database.db.select().from(dailyReports).where(eq(dailyReports.day, DAY));
		expect(row.lockedBy).toBe('system');
		expect(row.lockedAt.getTime()).toBe(reportLocksAt(DAY) + 1000);
		expect(row.report.sites).toEqual([{ siteId: 'rpt-site', townshipId: TOWNSHIP, people: 148, tubes: 15, boxes: 2, pooling: 9.9 }]);
		expect(row.report.townships.find((t) => t.townshipId === TOWNSHIP)).toEqual({ townshipId: TOWNSHIP, registered: 10, sampled: 6, coverage: 0.6, gapsLeft: 4 });
		expect(row.report.labs.find((l) => l.labId === 'rpt-lab')).toMatchObject({ received: 15, tested: 12, pending: 3 });
		// A box sealed afterwards with that day's time does not change the locked report.
		await app.database.db.insert(sampleBoxes).values({ id: 'rpt-box-late', siteId: 'rpt-site', sealedAt: at(23), deadlineAt: at(27), tubes: 1, people: 10, pooling: '10:1', eventId: 'e-rpt-late' });
		const view = await (await api(`/api/reports/${DAY}`)).json();
		expect(view).toMatchObject({ state: 'locked', report: { totals: { people: 148 } }, amendments: [] });
	});
});

describe('amending a locked report', () => {
	it('records an amendment with who, when, why and what changed; the original is unchanged', async () => {
		const response = await amend({ reason: '采样点补报一箱漏登记', changes: [{ section: 'sites', key: 'rpt-site', field: 'people', to: 158 }] });
		expect(response.status).toBe(201);
		expect(await response.json()).toEqual({ day: DAY, amendment: 1, changes: 2 });
		const view = await (await api(`/api/reports/${DAY}`)).json();
		expect(view.original.sites[0].people).toBe(148);
		expect(view.report.sites[0]).toMatchObject({ people: 158, pooling: 10.5 });
		expect(view.report.totals.people).toBe(158);
		expect(view.amendments).toHaveLength(1);
		expect(view.amendments[0]).toMatchObject({ reason: '采样点补报一箱漏登记', changes: [{ section: 'sites', key: 'rpt-site', field: 'people', from: 148, to: 158 }, { section: 'sites', key: 'rpt-site', field: 'pooling', from: 9.9, to: 10.5 }] });
		expect(view.amendments[0].by).toMatch(/^user:/);
		const [original] = await app.database.db.select().from(dailyReports).where(eq(dailyReports.day, DAY));
		expect(original.report.sites[0].people).toBe(148);
		const audits = await app.database.db.select().from(auditLog).where(eq(auditLog.subject, `report:${DAY}`));
		expect(audits.map((entry) => [entry.action, entry.reason])).toEqual([['report.amend', '采样点补报一箱漏登记']]);
	});

	it('refuses without a reason, with no change, for an unlocked day, or from a shift leader, in zh and en, changing nothing', async () => {
		const before = await app.database.db.select().from(reportAmendments).where(eq(reportAmendments.day, DAY));
		const noReason = await amend({ reason: '  ', changes: [{ section: 'sites', key: 'rpt-site', field: 'people', to: 1 }] });
		expect(noReason.status).toBe(400);
		expect((await noReason.json()).message.zh).toContain('原因');
		const same = await amend({ reason: '核对', changes: [{ section: 'sites', key: 'rpt-site', field: 'people', to: 158 }] });
		expect(same.status).toBe(422);
		expect((await same.json()).code).toBe('no_change');
		const today = await amend({ reason: '核对', changes: [{ section: 'sites', key: 'rpt-site', field: 'people', to: 1 }] }, serviceDay(reportLocksAt(DAY)));
		expect(today.status).toBe(409);
		expect((await today.json()).message).toMatchObject({ zh: expect.stringContaining('尚未锁定'), en: expect.stringContaining('not locked') });
		const leader = (await signedIn(app, 'shift_leader', { townshipId: TOWNSHIP })).cookie;
		expect((await api(`/api/reports/${DAY}/amendments`, { method: 'POST', cookie: leader, body: JSON.stringify({ reason: '核对', changes: [{ section: 'sites', key: 'rpt-site', field: 'people', to: 1 }] }) })).status).toBe(403);
		expect((await api(`/api/reports/${DAY}`, { cookie: leader })).status).toBe(200);
		expect(await app.database.db.select().from(reportAmendments).where(eq(reportAmendments.day, DAY))).toEqual(before);
	});

	it('lists today as not locked and the locked day with its amendment', async () => {
		const { reports } = await (await api('/api/reports')).json();
		expect(reports[0]).toMatchObject({ day: serviceDay(Date.now()), state: 'live' });
		expect(reports.find((entry: { day: string }) => entry.day === DAY)).toMatchObject({ state: 'locked', amendments: 1, people: 158 });
	});
});

describe('the XLSX', () => {
	it('has the sheets 采样点/街道/实验室/隔离 with Chinese headers and the figures in force', async () => {
		const response = await api(`/api/reports/${DAY}.xlsx`);
		expect(response.status).toBe(200);
		expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain(`日报-${DAY}.xlsx`);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
		expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['采样点', '街道', '实验室', '隔离', '说明']);
		const sitesSheet = book.getWorksheet('采样点')!;
		expect((sitesSheet.getRow(1).values as unknown[]).slice(1)).toEqual(['采样点', '街道', '采样人数', '管数', '箱数', '混采方式（人/管）']);
		expect((sitesSheet.getRow(2).values as unknown[]).slice(1)).toEqual(['日报测试采样点', '日报测试街道', 158, 15, 2, '10.5:1']);
		const townships = book.getWorksheet('街道')!;
		const row = [2, 3, 4, 5].map((n) => (townships.getRow(n).values as unknown[]).slice(1)).find((values) => values[0] === '日报测试街道');
		expect(row).toEqual(['日报测试街道', 10, 6, 0.6, 4]);
		expect((book.getWorksheet('实验室')!.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['实验室', '收样管数', '检测管数', '阳性管数']);
	});

	it('the printable page is A4 HTML in Chinese with the amendment shown', async () => {
		const html = await (await api(`/api/reports/${DAY}.html`)).text();
		expect(html).toContain('size: A4');
		expect(html).toContain('更正 1');
		expect(html).toContain('锁定原件');
		expect(html).toContain("font-family: 'Noto Sans SC'");
	});

	it('refuses a bad date and a day with no data, in zh and en', async () => {
		const bad = await api('/api/reports/2026-13-45');
		expect(bad.status).toBe(400);
		const empty = await api('/api/reports/2020-01-01');
		expect(empty.status).toBe(404);
		expect((await empty.json()).message).toMatchObject({ zh: expect.stringContaining('没有日报'), en: expect.stringContaining('no daily report') });
	});
});

// Without a Chromium there is no PDF (needsChromium says so loudly, and fails in CI).
describe.skipIf(!needsChromium('npm run report (PDF)'))('npm run report', () => {
	it('writes 日报-<day>.xlsx and 日报-<day>.pdf of the locked day', async () => {
		const out = mkdtempSync(join(tmpdir(), 'report-cli-'));
		try {
			const { state, files } = await writeReportFiles({ db: app.database.db, day: DAY, out });
			expect(state).toBe('locked');
			expect(files.map((file) => file.slice(out.length + 1))).toEqual([`日报-${DAY}.xlsx`, `日报-${DAY}.pdf`]);
			const book = new ExcelJS.Workbook();
			await book.xlsx.readFile(files[0]);
			expect(book.getWorksheet('采样点')!.getCell('C2').value).toBe(158);
			expect(readFileSync(files[1]).subarray(0, 5).toString()).toBe('%PDF-');
		} finally {
			rmSync(out, { recursive: true, force: true });
		}
	});
});

/** The embedded log the app reads (a second handle on the same table): the test runs the locker itself at a set time. */
const eventLog = () => new EmbeddedEventLog(app.database.db);
