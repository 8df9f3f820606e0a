/** What the field pages say to the person holding the phone, in Chinese and English. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n/messages';
import { fieldOpenRefusal } from '../../src/lib/components/field/refusal-text';

const zh = translator('zh-CN');
const en = translator('en');
const RAW_API = /Authorization|Bearer|dev_/;

describe('field page messages', () => {
	it('names the household pooling option in Chinese, not "household"', () => {
		expect(zh('field.pooling.household')).toBe('按户混采');
		expect(en('field.pooling.household')).toBe('By household');
	});

	it('says what a box’s count is: 4 管 / 4 tubes, not a bare 4', () => {
		expect(zh('courier.tubeCount', { count: 4 })).toBe('4 管');
		expect(en('courier.tubeCount', { count: 4 })).toBe('4 tubes');
	});

	it('says an unknown box code is not on the run and what to check', () => {
		for (const t of [zh, en]) {
			const text = t('courier.unknownBox', { box: 'BOX-NOPE-1' });
			expect(text).toContain('BOX-NOPE-1');
			expect(text.length).toBeGreaterThan(30);
		}
		expect(zh('courier.unknownBox', { box: 'BOX-NOPE-1' })).toMatch(/不在本趟.*核对/);
		expect(en('courier.unknownBox', { box: 'BOX-NOPE-1' })).toMatch(/not on this run.*check/);
	});

	it('answers a wrong device link with "ask the admin for this device’s link", not the raw API refusal', () => {
		const api = { error: 'device_credential_required', message: { zh: '此设备未登记或设备凭证无效：请向管理员索取本设备的凭证', en: 'This device is not registered or its credential is invalid: ask an admin for this device’s credential' } };
		const zhText = fieldOpenRefusal(401, api, 'zh-CN', zh('field.badLink'));
		const enText = fieldOpenRefusal(401, api, 'en', en('field.badLink'));
		expect(zhText).toMatch(/管理员.*链接/);
		expect(enText).toMatch(/ask the admin for this device’s link/);
		expect(zhText).not.toMatch(RAW_API);
		expect(enText).not.toMatch(RAW_API);
		// Other refusals keep the API's own words, in the page's language.
		expect(fieldOpenRefusal(403, { message: { zh: '无权', en: 'not allowed' } }, 'en', en('field.badLink'))).toBe('not allowed');
	});
});
