/**
 * One village from roster to 100 % (issue 15): a tiny village on the roster, its members typed at
 * a site tablet's registration desk (a household code for 一户一管, member codes, a mistyped code
 * and an ID number refused beside the field with what was typed kept), and the shift leader's
 * /sites table and the wall's coverage panel following it to 100 %. The wall is looked at in zh
 * and en at 1920×1080 (screenshots in test-results/), its coverage panel inside the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { App } from '../../server/app';
import { deviceToken, displayToken, signedIn, startTestApp } from '../fixtures/app';
import { launchChromium, needsChromium } from '../fixtures/chromium';
import { insertTestVillage } from '../fixtures/roster';
import type { RoundCoverage } from '../../src/lib/protocol/coverage';

const available = needsChromium('one village from roster to 100 % in Chromium');
const VILLAGE = '端到端测试村';

// Skipped only when `available` is false: needsChromium() printed why, and under CI=true it threw instead.
describe.skipIf(!available)('one village from roster to 100 %', () => {
	let app: App;
	let browser: Browser;
	let tablet: Page;

	beforeAll(async () => {
		// The pages too (the test app serves none by default), from the build.
		app = await startTestApp({ SCENARIO: 'chengmen', ROLES: 'web,hub,ingest,projector' });
		// Three households: 3, 2 and 1 members (EE0001-1 … EE0003-1).
		await insertTestVillage(app.database.db, { name: VILLAGE, prefix: 'EE', sizes: [3, 2, 1] });
		browser = await launchChromium();
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await app?.close();
	});

	const type = async (page: Page, code: string) => {
		await page.fill('[data-testid="register-code"]', code);
		await page.press('[data-testid="register-code"]', 'Enter');
	};

	it('registers the village’s members at the tablet, refusing what is not on the roster and keeping it to fix', async () => {
		const token = await deviceToken(app, 'tablet-site-baifan');
		tablet = await browser.newPage({ viewport: { width: 800, height: 1200 } });
		tablet.on('pageerror', (error) => console.error('tablet page error:', error.message));
		await tablet.goto(`${app.url}/field/site?device=${token}`);
		await tablet.waitForSelector('[data-testid="registration"]', { timeout: 20_000 }).catch(async (error) => {
			console.error('tablet page says:', (await tablet.textContent('body'))?.slice(0, 500));
			throw error;
		});
		await tablet.fill('[data-testid="register-tube"]', 'E2E-T1');

		// An ID number never leaves the tablet: refused in the page, left in the field to correct.
		await type(tablet, '36042119800101123X');
		await expect.poll(() => tablet.textContent('[data-testid="register-problem"]')).toContain('身份证号');
		expect(await tablet.inputValue('[data-testid="register-code"]')).toBe('36042119800101123X');

		// The household (一户一管), two members, and one mistyped code.
		await type(tablet, 'EE0001');
		await type(tablet, 'ee0002-1');
		await type(tablet, 'EE0002-2');
		// A person twice in the batch is flagged before sending (重复): the same code, or a member of a household already in it.
		await type(tablet, 'EE0002-2');
		await expect.poll(() => tablet.textContent('[data-testid="register-problem"]')).toContain('重复');
		await type(tablet, 'EE0001-3');
		await expect.poll(() => tablet.textContent('[data-testid="register-problem"]')).toContain('同一户重复');
		await type(tablet, 'EE0009-1');
		expect(await tablet.locator('[data-testid="register-pending"] li').count()).toBe(4);
		await tablet.click('[data-testid="register-send"]');
		await expect.poll(() => tablet.textContent('[data-testid="register-problem"]'), { timeout: 15_000 }).toContain('“EE0009-1”不在花名册');
		// Nothing of the batch was written; the list stays to fix, the wrong code marked.
		expect(await tablet.locator('[data-testid="register-pending"] li').count()).toBe(4);
		expect(await tablet.locator('[data-testid="register-pending"] li.marked').textContent()).toContain('EE0009-1');
		await tablet.locator('[data-testid="register-pending"] li.marked button').click();
		await tablet.click('[data-testid="register-send"]');
		await expect.poll(() => tablet.textContent('[data-testid="register-sent"]'), { timeout: 15_000 }).toContain('已登记 3 条');

		await type(tablet, 'EE0003-1');
		await tablet.click('[data-testid="register-send"]');
		await expect.poll(() => tablet.textContent('[data-testid="register-sent"]'), { timeout: 15_000 }).toContain('已登记 1 条');
		// The site's count of the day, as the server counts it (every member once).
		await expect.poll(() => tablet.textContent('[data-testid="scanned-today"]'), { timeout: 20_000 }).toBe('6 人');
		// Registered again later: accepted, said to be already registered today, and not counted twice.
		await type(tablet, 'EE0003-1');
		await tablet.click('[data-testid="register-send"]');
		await expect.poll(() => tablet.textContent('[data-testid="register-sent"]'), { timeout: 15_000 }).toContain('其中 1 条今日已登记过');
		await new Promise((resolve) => setTimeout(resolve, 5_500));
		expect(await tablet.textContent('[data-testid="scanned-today"]')).toBe('6 人');
		await tablet.screenshot({ path: 'test-results/tablet-registration.png', fullPage: true });
	}, 120_000);

	it('shows the village at 100 % on the shift leader’s /sites', async () => {
		const leader = await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' });
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const [name, value] = [leader.cookie.slice(0, leader.cookie.indexOf('=')), leader.cookie.slice(leader.cookie.indexOf('=') + 1)];
		await context.addCookies([{ name, value, url: app.url }]);
		const page = await context.newPage();
		await page.goto(`${app.url}/sites`);
		const row = page.locator(`[data-testid="village-coverage-row"][data-village="${VILLAGE}"]`);
		await expect.poll(() => row.locator('[data-testid="village-coverage-rate"]').textContent(), { timeout: 30_000 }).toBe('100%');
		expect(await row.textContent()).toContain('6');
		await page.screenshot({ path: 'test-results/sites-village-coverage.png', fullPage: true });
		await context.close();
	}, 60_000);

	/** A county of ten townships with long names, as a wall of a larger county gets it. */
	const tenTownships = (real: RoundCoverage): RoundCoverage => {
		const names = ['城门街道', '柴桑街道办事处', '沙河街镇', '马回岭镇', '江洲镇', '城子镇', '港口街镇', '新合镇', '狮子街道', '岷山乡'];
		const townships = names.map((name, index) => ({ townshipId: `t:${name}`, name, villages: 12, registered: 40_000 + index * 1_000, sampled: Math.round((40_000 + index * 1_000) * (index / 9)), coverage: index / 9, notYetSampled: 0, doorToDoor: 0, target: 0.42, finish: null }));
		return { ...real, townships };
	};

	for (const [lang, county] of [['zh', 'one'], ['en', 'one'], ['zh', 'ten'], ['en', 'ten']] as const) {
		it(`puts coverage by township on the wall, inside a 1920×1080 screen (${lang}, ${county} township${county === 'ten' ? 's' : ''})`, async () => {
			const token = await displayToken(app);
			const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
			if (county === 'ten') {
				await page.route('**/api/coverage', async (route) => {
					const response = await route.fetch();
					await route.fulfill({ response, json: tenTownships(await response.json()) });
				});
			}
			await page.goto(`${app.url}/wall?display=${token}${lang === 'en' ? '&lang=en' : ''}`);
			await page.waitForSelector('[data-testid="map"][data-map-loaded="true"]', { timeout: 60_000 });
			const panel = page.locator('[data-testid="coverage-panel"]');
			await expect.poll(() => panel.locator('[data-testid="coverage-township"]').count(), { timeout: 30_000 }).toBe(county === 'ten' ? 10 : 1);
			expect(await panel.textContent()).toContain(lang === 'en' ? 'Coverage by township' : '各乡镇采样覆盖');
			// The colours read against the progress expected by now (the target tick), not fixed percentages.
			expect(await page.locator('[data-testid="coverage-legend"]').textContent()).toContain(lang === 'en' ? 'on track' : '达到应达');
			// Nothing of the panel leaves the screen or its own box.
			const box = (await panel.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.y + box.height).toBeLessThanOrEqual(1080);
			// Nor does it run under the KPI band.
			const band = (await page.locator('[data-testid="kpi-band"]').boundingBox())!;
			expect(box.y + box.height).toBeLessThanOrEqual(band.y);
			const overflow = await panel.evaluate((element) => [...element.querySelectorAll('*')].filter((child) => child.scrollWidth > (child as HTMLElement).clientWidth + 1 && getComputedStyle(child).overflow !== 'hidden').length);
			expect(overflow).toBe(0);
			await page.waitForTimeout(1500);
			await page.screenshot({ path: `test-results/wall-coverage-${lang}-${county}.png` });
			await page.close();
		}, 90_000);
	}
});
