/**
 * The quarantine pages in Chromium: a village officer's phone (360×740, Chinese) registers a
 * returnee, reveals their name with a reason, records follow-ups (one through a network drop, resent
 * from the phone's queue), and a fever; the township desk shows the counts for the village, with no
 * name on the page. Then the phone confirms a positive, corrects it with a reason, shows the fever
 * and contact details (masked, revealed with a reason), refuses impossible temperatures, and keeps a
 * refused registration's fields.
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
// Skipped only when `available` is false: needs() printed which service is missing, and under CI=true it threw instead.
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
		const desk = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await signIn(desk, server.url, 'commander', '/quarantine');
		const row = desk.locator(`tr[data-village-id="${VILLAGE}"]`);
		await row.waitFor({ timeout: 15_000 });
		expect(await row.locator('[data-testid="village-active"]').textContent()).toBe('1');
		expect(await row.locator('[data-testid="village-fevers"]').textContent()).toBe('1');
		expect(await desk.textContent('[data-testid="total-fevers"]')).toContain('1');
		expect(await desk.textContent('[data-testid="desk-by-measure"] tr[data-measure="home_quarantine"] [data-testid="measure-total"]')).toBe('1');
		// At 1440 px the measure-by-day table fits its column: ≥14 and the total are not cut off behind a scroll.
		const byMeasure = await desk.locator('[data-testid="desk-by-measure"]').evaluate((table) => ({ table: table.scrollWidth, box: table.parentElement!.clientWidth, headers: table.textContent ?? '' }));
		expect(byMeasure.table).toBeLessThanOrEqual(byMeasure.box);
		expect(byMeasure.headers).toContain('≥14');
		expect(byMeasure.headers).toContain('合计');
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
		expect(text).toContain('Eligible for release today');
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
		// The header counts the cards it lists (those awaiting a transfer too).
		expect(await phone.textContent('[data-testid="follow-ups"] h2')).toBe(`Today's follow-ups (${await phone.locator('[data-testid="follow-ups"] article').count()})`);
		for (const button of await phone.locator('[data-testid="open-override"]').all()) expect(await button.textContent()).toBe('Change measure');
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
		expect(await card.locator('[data-testid="open-override"]').textContent()).toBe('改变措施');
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
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toBe('措施已改为：自我健康监测Measure changed to: self health monitoring');
		await expect.poll(() => card.locator('.facts').textContent(), { timeout: 15_000 }).toContain('健康监测');
		await phone.screenshot({ path: 'test-results/field-quarantine-override.png', fullPage: true });

		// A positive result on the phone: the officer is told the centre is alerted, and the case is marked 核酸阳性.
		const caseId = await card.getAttribute('data-case-id');
		// 阳性 stands apart from 阴性 and asks to be confirmed: one tap records nothing.
		const testCard = phone.locator('[data-testid="tests-due"] article', { hasText: '李*' });
		const [negativeBox, positiveBox] = [await testCard.locator('[data-testid="test-negative"]').boundingBox(), await testCard.locator('[data-testid="test-positive"]').boundingBox()];
		expect(positiveBox!.y).toBeGreaterThan(negativeBox!.y + negativeBox!.height + 8);
		await testCard.locator('[data-testid="test-positive"]').click();
		expect(await testCard.locator('[data-testid="test-recorded"]').count()).toBe(0);
		await testCard.locator('[data-testid="positive-confirm-no"]').click();
		await testCard.locator('[data-testid="test-positive"]').click();
		expect(await testCard.locator('[data-testid="positive-confirm"]').textContent()).toContain('确认记录为阳性？');
		await testCard.locator('[data-testid="positive-confirm-yes"]').click();
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toMatch(/^阳性已记录：已向指挥部报警/);
		const alarm = phone.locator(`[data-testid="follow-ups"] article[data-case-id="${caseId}"] [data-testid="case-alarm"]`);
		await expect.poll(() => alarm.textContent(), { timeout: 15_000 }).toContain('核酸阳性');
		// Never a quarantine hotel for a positive: a fever clinic's proposal, or the word to report by phone.
		expect(await alarm.textContent()).toMatch(/发热门诊|已提议闭环转运至 .*(发热|医院)/);
		await phone.screenshot({ path: 'test-results/field-quarantine-positive.png', fullPage: true });
		await context.close();
	}, 60_000);
	it('shows the fever, the transfer and masked contact details on the card, reveals them with one reason, corrects a positive with a reason, and keeps a refused registration', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const phone = await context.newPage();
		await signIn(phone, server.url, 'officer', '/field/quarantine');
		const card = phone.locator('[data-testid="follow-ups"] article', { hasText: '李*' });
		await card.waitFor({ timeout: 15_000 });

		// The standing fever with its temperature and time (the first test recorded 38.2 and a dry cough).
		expect(await card.locator('[data-testid="case-fever"] strong').textContent()).toMatch(/^发热 38\.2 °C，有症状（干咳），\d\d:\d\d 起$/);

		// Phone, ID number and address masked; revealed with one reason, the phone as a link to call; nothing personal in the URL.
		expect(await card.locator('[data-testid="contact-phone"]').textContent()).toBe('139****5678');
		expect(await card.locator('[data-testid="contact-idNumber"]').textContent()).toBe('3604**********1239');
		expect(await card.locator('[data-testid="contact-address"]').textContent()).toBe('白畈村***');
		await card.locator('[data-testid="reveal-contact"]').click();
		await card.locator('[data-testid="reveal-field-address"]').check();
		await card.locator('[data-testid="contact-reason"]').fill('上门随访需电话联系');
		await card.locator('[data-testid="contact-submit"]').click();
		await expect.poll(() => card.locator('[data-testid="contact-call"]').getAttribute('href')).toBe('tel:13912345678');
		expect(await card.locator('[data-testid="contact-address"]').textContent()).toBe('白畈村3组12号');
		expect(await card.locator('[data-testid="contact-idNumber"]').textContent()).toBe('3604**********1239');
		expect(phone.url()).not.toMatch(/1391234|3604041990|3组/);
		expect(await noHorizontalScroll(phone)).toBe(true);

		// The positive recorded by the previous test is corrected with a reason: never without one.
		const testCard = phone.locator('[data-testid="tests-due"] article', { hasText: '李*' }).filter({ has: phone.locator('[data-testid="test-recorded"]') });
		expect(await testCard.locator('[data-testid="test-recorded"]').textContent()).toBe('阳性');
		await testCard.locator('[data-testid="open-correct"]').click();
		expect(await testCard.locator('[data-testid="correct-form"] strong').textContent()).toBe('更正为：阴性');
		expect(await testCard.locator('[data-testid="correct-submit"]').isDisabled()).toBe(true);
		await testCard.locator('[data-testid="correct-reason"]').fill('误点阳性，化验单为阴性');
		await testCard.locator('[data-testid="correct-submit"]').click();
		await expect.poll(() => phone.textContent('[data-testid="field-message"]'), { timeout: 10_000 }).toMatch(/^结果已更正为阴性（已记入审计）/);
		await expect.poll(() => testCard.locator('[data-testid="test-recorded"]').textContent(), { timeout: 15_000 }).toBe('阴性');
		await expect.poll(() => card.locator('[data-testid="case-alarm"]').count(), { timeout: 15_000 }).toBe(0);
		// The fever still stands, and the card says where its transfer is.
		expect(await card.locator('[data-testid="case-transfer"]').textContent()).toMatch(/^(已提议转运至 .+，等待调度派车|转运车辆已派出，正在接送|尚无转运提议：请电话报告指挥部)$/);
		await phone.screenshot({ path: 'test-results/field-quarantine-corrected.png', fullPage: true });

		// An impossible temperature says why the button does nothing, in Chinese and English.
		await card.locator('[data-testid="open-follow-up"]').click();
		expect(await card.locator('[data-testid="temperature-range"]').textContent()).toBe('允许范围 34–43 °C');
		const record = card.locator('[data-testid="record-follow-up"]');
		for (const [typed, said] of [['45', '体温高于 43 °C，不可能：请重新测量Above 43 °C is not possible: measure again'], ['30', '体温低于 34 °C，不可能：请重新测量Below 34 °C is not possible: measure again'], ['', '请填写体温Enter the temperature']]) {
			await card.locator('[data-testid="temperature"]').fill(typed);
			await expect.poll(() => card.locator('[data-testid="temperature-problem"]').textContent()).toBe(said);
			expect(await record.isDisabled()).toBe(true);
		}
		await card.locator('[data-testid="temperature"]').fill('36.8');
		expect(await card.locator('[data-testid="temperature-problem"]').count()).toBe(0);
		expect(await record.isDisabled()).toBe(false);

		// A refused registration keeps what was typed, says why beside the button in Chinese with the field's name, and takes the officer to the field.
		const form = phone.locator('[data-testid="returnee-form"]');
		await form.locator('input[name="name"]').fill('王五');
		await form.locator('input[name="phone"]').fill('1391234');
		await form.locator('input[name="originPlace"]').fill('武汉市');
		await form.locator('input[name="address"]').fill('白畈村5组3号');
		await phone.click('[data-testid="register-returnee"]');
		await expect.poll(() => form.locator('[data-testid="register-problem"]').textContent(), { timeout: 10_000 }).toBe('电话号码不正确：须为 11 位手机号，或区号加号码请修改标红的一项后再提交');
		expect(await form.locator('input[name="name"]').inputValue()).toBe('王五');
		expect(await form.locator('input[name="address"]').inputValue()).toBe('白畈村5组3号');
		expect(await phone.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('phone');
		expect(await form.locator('label:has(input[name="phone"])').getAttribute('data-problem')).toBe('电话号码不正确：须为 11 位手机号，或区号加号码');
		const [problem, button] = [await form.locator('[data-testid="register-problem"]').boundingBox(), await form.locator('[data-testid="register-returnee"]').boundingBox()];
		expect(button!.y - (problem!.y + problem!.height)).toBeLessThan(60);
		await phone.screenshot({ path: 'test-results/field-quarantine-register-refused.png' });
		await form.locator('input[name="phone"]').fill('13912340000');
		await phone.click('[data-testid="register-returnee"]');
		await expect.poll(() => form.locator('[data-testid="register-done"]').textContent(), { timeout: 10_000 }).toMatch(/^已登记：/);
		// No negative test given (low risk): the rule's answer in both languages, to a sampling point and held until negative.
		expect(await form.locator('[data-testid="register-done"]').textContent()).toMatch(/检测待阴性.*送采样点检测，阴性前不得离开.*held until negative/);
		expect(await form.locator('input[name="name"]').inputValue()).toBe('');
		expect(await noHorizontalScroll(phone)).toBe(true);
		await context.close();
	}, 90_000);
});
