/**
 * The quarantine pages in Chromium: a village officer's phone (360×740, Chinese) registers a
 * returnee, reveals their name with a reason, records follow-ups (one through a network drop, resent
 * from the phone's queue), and a fever; the township desk shows the counts for the village, with no
 * name on the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { chromiumPath, needs } from '../fixtures/services';
import { adminApi } from '../fixtures/admin-api';
import { chinaInputValue } from '../../src/lib/china-time';

const executablePath = chromiumPath();
const available = needs('end-to-end quarantine pages in Chromium', { 'Chromium (CHROMIUM_PATH or /usr/bin/chromium)': executablePath });
const PASSWORD = 'another long passphrase';
const VILLAGE = 'v:城门街道/白畈村';

async function signIn(page: Page, url: string, username: string, next: string) {
	// Until the page's script has loaded, a click would submit the form as a plain GET.
	await page.goto(`${url}/login?next=${encodeURIComponent(next)}`, { waitUntil: 'networkidle' });
	await page.fill('input[name="username"]', username);
	await page.fill('input[name="password"]', PASSWORD);
	await page.click('button[type="submit"]');
	await page.waitForURL((address) => address.pathname === next);
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

// Skipped only without a Chromium; needs() has printed why, and throws in CI.
describe.skipIf(!available)('quarantine pages in Chromium', () => {
	let server: ServerProcess;
	let browser: Browser;
	let dataDir: string;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-quarantine-'));
		server = await spawnServer({ DATA_DIR: dataDir, SIMULATE: 'false' });
		const admin = await adminApi(server);
		expect((await admin.createUser({ username: 'officer', password: PASSWORD, role: 'quarantine_officer', villageIds: [VILLAGE] })).status).toBe(201);
		expect((await admin.createUser({ username: 'commander', password: PASSWORD, role: 'commander' })).status).toBe(201);
		browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
	}, 90_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	it('lets an officer register a returnee and record follow-ups on a 360 px phone, through a network drop', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const phone = await context.newPage();
		await signIn(phone, server.url, 'officer', '/field/quarantine');
		await phone.waitForSelector('text=村隔离专班');
		await expect.poll(() => phone.locator('[data-testid="returnee-form"] select[name="villageId"] option').allTextContents()).toEqual(['白畈村']);

		const form = phone.locator('[data-testid="returnee-form"]');
		await form.locator('input[name="name"]').fill('李四');
		await form.locator('input[name="idNumber"]').fill('360404199001011239');
		await form.locator('input[name="phone"]').fill('13912345678');
		await form.locator('input[name="originPlace"]').fill('上海市浦东新区');
		await form.locator('select[name="originRisk"]').selectOption('medium');
		await form.locator('input[name="transportNumber"]').fill('G1234');
		await form.locator('input[name="lastNegativeTestAt"]').fill(chinaInputValue(Date.now() - 20 * 3_600_000));
		await form.locator('input[name="address"]').fill('白畈村3组12号');
		await form.locator('select[name="specialCategory"]').selectOption('aged_70_plus');
		await form.locator('select[name="separateRoom"]').selectOption('yes');
		await form.locator('select[name="separateBathroom"]').selectOption('yes');
		await phone.click('[data-testid="register-returnee"]');
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toMatch(/^已登记：居家隔离（/);

		// The new case is on today's rounds by masked name, with its within-24-hours test to take and supplies due.
		const masked = phone.locator('[data-testid="follow-ups"] article', { hasText: '李*' });
		await masked.waitFor({ timeout: 15_000 });
		// Held by the case's id from here: once revealed, the card no longer reads 李*.
		const card = phone.locator(`[data-testid="follow-ups"] article[data-case-id="${await masked.getAttribute('data-case-id')}"]`);
		expect(await phone.locator('[data-testid="tests-due"]').textContent()).toContain('返乡24小时内核酸');
		expect(await phone.locator('[data-testid="deliveries-due"]').textContent()).toContain('李*');
		expect(await phone.textContent('body')).not.toContain('李四');

		// Revealed with a reason, on record.
		await card.locator('[data-testid="reveal-name"]').click();
		await card.locator('[data-testid="reveal-reason"]').fill('上门随访核对身份');
		await card.locator('[data-testid="reveal-submit"]').click();
		await expect.poll(() => card.locator('[data-testid="case-name"]').textContent()).toBe('李四');

		await card.locator('[data-testid="open-follow-up"]').click();
		await card.locator('[data-testid="temperature"]').fill('36.6');
		await card.locator('[data-testid="record-follow-up"]').click();
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toMatch(/已记录$/);
		expect(await noHorizontalScroll(phone)).toBe(true);
		await phone.screenshot({ path: 'test-results/field-quarantine.png', fullPage: true });

		// The network drops: the follow-up waits on the phone and goes when the network is back.
		await context.setOffline(true);
		await card.locator('[data-testid="open-follow-up"]').click();
		await card.locator('[data-testid="record-follow-up"]').click();
		await expect.poll(() => phone.textContent('[data-testid="outbox-waiting"]'), { timeout: 10_000 }).toContain('1 条记录待发送');
		await phone.screenshot({ path: 'test-results/field-quarantine-offline.png', fullPage: true });
		await context.setOffline(false);
		await expect.poll(() => phone.locator('[data-testid="outbox-waiting"]').count(), { timeout: 20_000 }).toBe(0);
		expect(await phone.textContent('[data-testid="field-message"]')).toMatch(/已记录$/);

		// A fever is reported at once.
		await card.locator('[data-testid="open-follow-up"]').click();
		await card.locator('[data-testid="temperature"]').fill('38.2');
		await card.locator('[data-testid="symptom-dry_cough"]').click();
		await card.locator('[data-testid="record-follow-up"]').click();
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toBe('发热或有症状：已上报指挥中心，并提出闭环转运');
		expect(await noHorizontalScroll(phone)).toBe(true);
		await context.close();
	}, 120_000);

	it('shows the desk the village’s counts, the fever and the beds, with no name', async () => {
		const desk = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await signIn(desk, server.url, 'commander', '/quarantine');
		const row = desk.locator(`tr[data-village-id="${VILLAGE}"]`);
		await row.waitFor({ timeout: 15_000 });
		expect(await row.locator('[data-testid="village-active"]').textContent()).toBe('1');
		expect(await row.locator('[data-testid="village-fevers"]').textContent()).toBe('1');
		expect(await desk.textContent('[data-testid="total-fevers"]')).toContain('1');
		expect(await desk.textContent('[data-testid="desk-by-measure"] tr[data-measure="home_quarantine"] [data-testid="measure-total"]')).toBe('1');
		expect(await desk.textContent('[data-testid="list-fevers"]')).toContain('白畈村 · 李*');
		expect(await desk.textContent('[data-testid="bed-rule"]')).toMatch(/按每万人 20 张：常住人口 \d+ 人，应备 \d+ 张，现有 \d+ 张/);
		const text = (await desk.textContent('body')) ?? '';
		for (const secret of ['李四', '360404199001011239', '13912345678', '3组12号']) expect(text).not.toContain(secret);
		await desk.screenshot({ path: 'test-results/quarantine-desk.png', fullPage: true });

		// The home page lists both pages for a commander.
		await desk.goto(`${server.url}/`);
		await desk.waitForSelector('[data-testid="home-page-quarantine"]');
		expect(await desk.locator('[data-testid="home-page-fieldQuarantine"]').count()).toBe(1);
	}, 60_000);

	it('fits the desk on a 360 px phone in English: the wide tables scroll inside their own box, the page does not', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const desk = await context.newPage();
		// Signed out, an English page hands over to an English sign-in.
		await desk.goto(`${server.url}/quarantine?lang=en`);
		await desk.waitForURL((address) => address.pathname === '/login');
		await expect.poll(() => desk.textContent('h1')).toBe('Sign in');
		await desk.fill('input[name="username"]', 'commander');
		await desk.fill('input[name="password"]', PASSWORD);
		await desk.click('button[type="submit"]');
		await desk.waitForURL((address) => address.pathname === '/quarantine' && address.search === '?lang=en');
		await desk.locator(`tr[data-village-id="${VILLAGE}"]`).waitFor({ timeout: 15_000 });

		expect(await noHorizontalScroll(desk)).toBe(true);
		for (const table of ['desk-villages', 'desk-by-measure', 'desk-beds']) {
			const box = await desk.locator(`[data-testid="${table}"]`).evaluate((element) => {
				const scroller = element.parentElement!;
				return { overflow: getComputedStyle(scroller).overflowX, right: scroller.getBoundingClientRect().right, scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth };
			});
			// Its box ends inside the screen; a table wider than the box is scrolled within it, not cut off.
			expect(box.right).toBeLessThanOrEqual(360);
			if (box.scrollWidth > box.clientWidth) expect(box.overflow, table).toBe('auto');
		}
		const byMeasure = desk.locator('[data-testid="desk-by-measure"]');
		await byMeasure.locator('[data-testid="measure-total"]').first().scrollIntoViewIfNeeded();
		expect(await byMeasure.locator('[data-testid="measure-total"]').first().isVisible()).toBe(true);
		expect(await noHorizontalScroll(desk)).toBe(true);

		const text = (await desk.textContent('body')) ?? '';
		expect(text).toContain('Quarantine desk');
		expect(text).toContain('Can be released today');
		expect(text).toMatch(/Rule: 20 beds per 10,000 residents\. Residents: \d+; beds needed: \d+; beds available: \d+/);
		// No Chinese punctuation in English, and no curly apostrophe (the page's CJK font sets it full width).
		expect(text).not.toMatch(/[、。’]/);
		await desk.screenshot({ path: 'test-results/quarantine-desk-360.png', fullPage: true });
		await context.close();
	}, 60_000);

	it('reads in English on the officer’s phone', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const phone = await context.newPage();
		await signIn(phone, server.url, 'officer', '/field/quarantine');
		await phone.goto(`${server.url}/field/quarantine?lang=en`);
		await phone.locator('[data-testid="follow-ups"] article').first().waitFor({ timeout: 15_000 });
		expect(await phone.textContent('[data-testid="follow-ups"] h2')).toMatch(/^Today's follow-ups \(\d+\)$/);
		expect(await phone.textContent('[data-testid="register"] h2')).toBe('Register a returnee');
		const text = (await phone.textContent('body')) ?? '';
		expect(text).not.toMatch(/[、。’]|hh\b/);
		expect(await noHorizontalScroll(phone)).toBe(true);
		await phone.screenshot({ path: 'test-results/field-quarantine-en.png', fullPage: true });
		await context.close();
	}, 60_000);

	it('overrides a returnee’s measure only with a reason, shows the server’s refusal in Chinese and English, and marks a case positive on a positive result', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const phone = await context.newPage();
		await signIn(phone, server.url, 'officer', '/field/quarantine');
		const card = phone.locator('[data-testid="follow-ups"] article', { hasText: '李*' });
		await card.locator('[data-testid="open-override"]').click();
		const submit = card.locator('[data-testid="override-submit"]');
		await card.locator('[data-testid="override-home_quarantine"]').click();
		expect(await submit.isDisabled()).toBe(true);
		await card.locator('[data-testid="override-reason"]').fill('复核');
		expect(await submit.isDisabled()).toBe(false);
		expect(await noHorizontalScroll(phone)).toBe(true);
		await submit.click();
		// The rules gave home quarantine already: refused, and said in both languages.
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toBe('未改变措施：当前措施已是居家隔离，未作更改Measure not changed: the measure is already home quarantine; nothing was changed');

		await card.locator('[data-testid="open-override"]').click();
		await card.locator('[data-testid="override-health_monitoring"]').click();
		await card.locator('[data-testid="override-reason"]').fill('经专班复核，改为健康监测');
		await card.locator('[data-testid="override-submit"]').click();
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toBe('措施已改为：健康监测Measure changed to: health monitoring');
		await expect.poll(() => card.locator('.facts').textContent(), { timeout: 15_000 }).toContain('健康监测');
		await phone.screenshot({ path: 'test-results/field-quarantine-override.png', fullPage: true });

		// A positive result on the phone: the officer is told the centre is alerted, and the case is marked 核酸阳性.
		const caseId = await card.getAttribute('data-case-id');
		await phone.locator('[data-testid="tests-due"] article', { hasText: '李*' }).locator('[data-testid="test-positive"]').click();
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toMatch(/^阳性已记录：已向指挥部报警/);
		const alarm = phone.locator(`[data-testid="follow-ups"] article[data-case-id="${caseId}"] [data-testid="case-alarm"]`);
		await expect.poll(() => alarm.textContent(), { timeout: 15_000 }).toContain('核酸阳性');
		// Never a quarantine hotel for a positive: a fever clinic's proposal, or the word to report by phone.
		expect(await alarm.textContent()).toMatch(/发热门诊|已提议闭环转运至 .*(发热|医院)/);
		await phone.screenshot({ path: 'test-results/field-quarantine-positive.png', fullPage: true });
		await context.close();
	}, 60_000);
});
