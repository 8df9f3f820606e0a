/** The site tablet's box form: nothing is sealed with counts nobody typed, and each problem is said in zh and en. */
import { describe, expect, it } from 'vitest';
import { checkBoxCounts } from '../../src/lib/components/field/box-counts';
import { translator } from '../../src/lib/i18n/messages';

const zh = translator('zh-CN');
const en = translator('en');

describe('checkBoxCounts', () => {
	it('refuses a box whose tubes or people were left empty, naming which', () => {
		expect(checkBoxCounts(null, null)).toEqual({ ok: false, problem: 'field.box.tubesMissing' });
		expect(checkBoxCounts('', 120)).toEqual({ ok: false, problem: 'field.box.tubesMissing' });
		expect(checkBoxCounts(12, null)).toEqual({ ok: false, problem: 'field.box.peopleMissing' });
		expect(checkBoxCounts(12, undefined)).toEqual({ ok: false, problem: 'field.box.peopleMissing' });
	});

	it('refuses counts the device API would refuse: not whole, under 1, too many, fewer people than tubes', () => {
		expect(checkBoxCounts(0, 10)).toEqual({ ok: false, problem: 'field.box.tubesInvalid' });
		expect(checkBoxCounts(2.5, 10)).toEqual({ ok: false, problem: 'field.box.tubesInvalid' });
		expect(checkBoxCounts(10_001, 200_000)).toEqual({ ok: false, problem: 'field.box.tubesInvalid' });
		expect(checkBoxCounts(5, -3)).toEqual({ ok: false, problem: 'field.box.peopleInvalid' });
		expect(checkBoxCounts(5, 200_001)).toEqual({ ok: false, problem: 'field.box.peopleInvalid' });
		expect(checkBoxCounts(12, 11)).toEqual({ ok: false, problem: 'field.box.fewerPeople' });
	});

	it('accepts the counts typed', () => {
		expect(checkBoxCounts(12, 118)).toEqual({ ok: true, tubes: 12, people: 118 });
		expect(checkBoxCounts('3', '3')).toEqual({ ok: true, tubes: 3, people: 3 });
	});

	it('says each problem in Chinese and in English', () => {
		expect(zh('field.box.tubesMissing')).toBe('请填写本箱的管数后再封箱');
		expect(en('field.box.tubesMissing')).toMatch(/Enter the number of tubes/);
		expect(zh('field.box.peopleMissing')).toMatch(/人数/);
		expect(en('field.box.peopleMissing')).toMatch(/people/);
		expect(zh('field.box.fewerPeople')).toMatch(/人数不能少于管数/);
		expect(en('field.box.fewerPeople')).toMatch(/fewer than tubes/);
	});
});
