import { describe, expect, it } from 'vitest';
import { loginLocale } from '../../src/lib/i18n/login-locale';

const at = (query: string) => loginLocale(new URLSearchParams(query));

describe('the sign-in page’s language', () => {
	it('is English with ?lang=en and Chinese by default', () => {
		expect(at('lang=en')).toBe('en');
		expect(at('')).toBe('zh-CN');
		expect(at('next=%2Fdispatch')).toBe('zh-CN');
	});

	it('follows the page it returns to when it has no ?lang= of its own', () => {
		expect(at(`next=${encodeURIComponent('/quarantine?lang=en')}`)).toBe('en');
		expect(at(`next=${encodeURIComponent('/replay?from=1&lang=en')}`)).toBe('en');
	});

	it('lets its own ?lang= win over the page it returns to', () => {
		expect(at(`lang=zh-CN&next=${encodeURIComponent('/quarantine?lang=en')}`)).toBe('zh-CN');
		expect(at(`lang=en&next=${encodeURIComponent('/quarantine')}`)).toBe('en');
	});

	it('ignores a next that is not a path of this site', () => {
		expect(at(`next=${encodeURIComponent('https://elsewhere.example/?lang=en')}`)).toBe('zh-CN');
	});
});
