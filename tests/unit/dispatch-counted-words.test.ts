/** The dispatcher's counts read as words in both languages: "1 person", "1 box on board", never "1 people". */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n/messages';
import { countedKey } from '../../src/lib/i18n/dispatch.messages';

describe('counted words on the dispatcher\'s page', () => {
	const en = translator('en');
	const zh = translator('zh-CN');
	it('says one person and one box in the singular in English, more in the plural', () => {
		expect(en(countedKey('transfer.passengers', 1), { count: 1 })).toBe('1 person');
		expect(en(countedKey('transfer.passengers', 3), { count: 3 })).toBe('3 people');
		expect(en(countedKey('dispatch.boxesOnBoard', 1), { count: 1 })).toBe('1 box on board');
		expect(en(countedKey('dispatch.boxesOnBoard', 2), { count: 2 })).toBe('2 boxes on board');
	});
	it('says the same count in Chinese either way', () => {
		expect([1, 4].map((count) => zh(countedKey('transfer.passengers', count), { count }))).toEqual(['1 人', '4 人']);
		expect(zh(countedKey('dispatch.boxesOnBoard', 1), { count: 1 })).toBe('车上 1 箱');
	});
});
