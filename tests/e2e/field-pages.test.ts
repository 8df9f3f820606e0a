/**
 * The site tablet and courier phone pages on a small phone (360×740) in Chromium, in zh and en:
 * no sideways scrolling, every button on screen and big enough for a thumb, and words, not ids.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { launchChromium, needsChromium } from '../fixtures/chromium';
import { ADMIN_PASSWORD, adminApi } from '../fixtures/admin-api';

const available = needsChromium('field pages on a phone in Chromium');
const PHONE = { width: 360, height: 740 };
const MIN_TAP_PX = 40;

/** The page's width as scrolled, and every button's box (scrolled into view first). */
async function measure(page: Page) {
	const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	const buttons = [];
	for (const button of await page.locator('button').all()) {
		await button.scrollIntoViewIfNeeded();
		buttons.push({ text: (await button.textContent())?.trim(), visible: await button.isVisible(), box: await button.boundingBox() });
	}
	return { scrollWidth, buttons };
}

function expectFitsPhone({ scrollWidth, buttons }: Awaited<ReturnType<typeof measure>>) {
	expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
	expect(buttons.length).toBeGreaterThan(0);
	for (const button of buttons) {
		expect(button.visible, `${button.text} visible`).toBe(true);
		expect(button.box!.x, `${button.text} starts on screen`).toBeGreaterThanOrEqual(0);
		expect(button.box!.x + button.box!.width, `${button.text} ends on screen`).toBeLessThanOrEqual(PHONE.width);
		expect(button.box!.height, `${button.text} tall enough`).toBeGreaterThanOrEqual(MIN_TAP_PX);
		expect(button.box!.width, `${button.text} wide enough`).toBeGreaterThanOrEqual(MIN_TAP_PX);
	}
}

// Skipped only without a Chromium; needsChromium() has printed why, and throws in CI.
// Skipped only when `available` is false: needs() printed which service is missing, and under CI=true it threw instead.
describe.skipIf(!available)('field pages on a 360 px phone', () => {
	let server: ServerProcess;
	let browser: Browser;
	let dataDir: string;
	let tablet: string;
	let phone: string;

	beforeAll(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'cc-e2e-field-'));
		server = await spawnServer({ DATA_DIR: dataDir, SIMULATE: 'false' });
		const admin = await adminApi(server);
		tablet = await admin.deviceToken('tablet-site-jinqiao', 'site_tablet', 'site-jinqiao');
		phone = await admin.deviceToken('phone-courier-2', 'courier_phone', 'courier-2');
		// A sampler on the way to 金桥村, so the tablet shows its arrival button too.
		const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chief', password: ADMIN_PASSWORD }) });
		const cookie = login.headers.get('set-cookie')!.split(';')[0];
		const board = await (await fetch(`${server.url}/api/staffing/board`, { headers: { cookie } })).json();
		const from = board.sites.find((site: { id: string }) => site.id === 'site-baihe');
		const moved = await fetch(`${server.url}/api/staffing/moves`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ staffIds: [from.samplers[0].id], fromSiteId: 'site-baihe', toSiteId: 'site-jinqiao', reason: '金桥村排队长' }) });
		expect(moved.status, await moved.clone().text()).toBeLessThan(300);
		browser = await launchChromium();
	}, 90_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	for (const lang of ['zh', 'en'] as const) {
		it(`fits the site tablet page, in ${lang}, with statuses in words and no staff codes`, async () => {
			const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
			await page.goto(`${server.url}/field/site?device=${tablet}${lang === 'en' ? '&lang=en' : ''}`);
			await page.waitForSelector('text=金桥村采样点');
			await page.waitForSelector('[data-testid="confirm-arrival"]');
			expectFitsPhone(await measure(page));
			const text = (await page.textContent('main'))!;
			expect(text).toContain(lang === 'en' ? 'Paused' : '暂停');
			expect(text).not.toMatch(/\b(open|paused|closed)\b/);
			expect(text).not.toMatch(/site-jinqiao|sampler-\d|user:/);
			await page.screenshot({ path: `test-results/field-site-360-${lang}.png`, fullPage: true });
			await page.close();
		});

		it(`fits the courier phone page, in ${lang}`, async () => {
			const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
			await page.goto(`${server.url}/field/courier?device=${phone}${lang === 'en' ? '&lang=en' : ''}`);
			await page.waitForSelector('[data-testid="courier-run"]');
			expectFitsPhone(await measure(page));
			await page.screenshot({ path: `test-results/field-courier-360-${lang}.png`, fullPage: true });
			await page.close();
		});
	}

	it('explains a missing credential instead of failing', async () => {
		const page = await browser.newPage({ viewport: PHONE });
		await page.goto(`${server.url}/field/site`);
		await expect.poll(() => page.textContent('[role="alert"]'), { timeout: 10_000 }).toContain('设备凭证');
		await page.close();
	});

	it('answers a wrong device link with what to do: ask the admin for the device’s link, not the API’s "Authorization: Bearer"', async () => {
		for (const [lang, ask] of [['zh', '向管理员索取本设备的链接'], ['en', 'ask the admin for this device’s link']] as const) {
			const page = await browser.newPage({ viewport: PHONE });
			await page.goto(`${server.url}/field/courier?device=dev_not-a-real-one${lang === 'en' ? '&lang=en' : ''}`);
			await expect.poll(() => page.textContent('[role="alert"]'), { timeout: 10_000 }).toContain(ask);
			expect(await page.textContent('[role="alert"]')).not.toMatch(/Authorization|Bearer/);
			await page.close();
		}
	});
});
