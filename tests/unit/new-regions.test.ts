import { describe, expect, it } from 'vitest';
import { describeNewRegions, findNewRegions, oneCharacterApart } from '../../src/lib/ledgers/new-regions';

const county = new Map([['城门街道', ['白畈村', '红旗村', '金兰村']], ['沙河街镇', []]]);

describe('places a ledger would add to the county', () => {
	it('lists the villages and townships not known, once each, in the order named, with the known name one character away', () => {
		const found = findNewRegions(
			[
				{ township: '城门街道', village: '白番村' },
				{ township: '城门街道', village: '红旗村' },
				{ township: '城门街道', village: '新塘村' },
				{ township: '城门街道', village: '白番村' },
				{ township: '城门街導', village: '金兰村' },
				{ township: '沙河街镇', village: null }
			],
			county
		);
		expect(found).toEqual([
			{ township: '城门街道', village: '白番村', near: '白畈村' },
			{ township: '城门街道', village: '新塘村', near: null },
			{ township: '城门街導', village: null, near: '城门街道' },
			{ township: '城门街導', village: '金兰村', near: null }
		]);
	});

	it('finds nothing new in a county that has every place named', () => {
		expect(findNewRegions([{ township: '城门街道', village: '金兰村' }, { township: '沙河街镇' }], county)).toEqual([]);
	});

	it('takes one character apart as a likely typo, not two, nor a different length', () => {
		expect(oneCharacterApart('白番村', '白畈村')).toBe(true);
		expect(oneCharacterApart('白番村', '白番村')).toBe(false);
		expect(oneCharacterApart('上港村', '下湾村')).toBe(false);
		expect(oneCharacterApart('红旗村', '红旗新村')).toBe(false);
	});

	it('says them in Chinese and English, the first 30 and how many more', () => {
		const regions = [{ township: '城门街道', village: '白番村', near: '白畈村' }, { township: '城门街導', village: null, near: null }];
		expect(describeNewRegions(regions, 'zh-CN')).toBe('白番村（城门街道，是否应为“白畈村”？）、城门街導（街道）');
		expect(describeNewRegions(regions, 'en')).toBe('白番村 (城门街道; did you mean 白畈村?), 城门街導 (township)');
		const many = Array.from({ length: 32 }, (_, index) => ({ township: '城门街道', village: `新村${index}`, near: null }));
		expect(describeNewRegions(many, 'zh-CN')).toMatch(/新村29（城门街道） 等，另有 2 个$/);
		expect(describeNewRegions(many, 'en')).toMatch(/and 2 more$/);
	});
});
