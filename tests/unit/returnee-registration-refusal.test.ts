import { describe, expect, it } from 'vitest';
import { registerReturneeRequest } from '../../server/modules/quarantine/case-requests';
import { issueText } from '../../src/lib/i18n/zod-issue-text';
import { refusedField } from '../../src/lib/components/quarantine/refused-field';

const valid = {
	villageId: 'v:1', name: '张三', phone: '13800000000', arrivalAt: '2026-11-23T09:12:00+08:00', originPlace: '上海', originRisk: 'low', transportMode: 'train'
};

/** The refusal of a registration as the phone reads it: both languages, and the field to mark. */
function refusal(body: Record<string, unknown>) {
	const parsed = registerReturneeRequest.safeParse(body);
	if (parsed.success) throw new Error('expected a refusal');
	const text = issueText(parsed.error.issues[0], body);
	return { ...text, field: refusedField({ error: text.en, code: 'invalid_input' }) };
}

describe('a refused registration', () => {
	it('names each field in Chinese and says what is wrong, never the raw field name', () => {
		expect(refusal({ ...valid, name: '  ' })).toMatchObject({ zh: '请填写姓名', field: 'name' });
		expect(refusal({ ...valid, idNumber: '12345' })).toMatchObject({ zh: '身份证号须为 18 位：17 位数字加最后一位数字或 X', field: 'idNumber' });
		expect(refusal({ ...valid, idNumber: '360404199001011002' }).zh).toBe('身份证号最后一位（校验位）不对，请核对');
		expect(refusal({ ...valid, phone: '12345' })).toMatchObject({ zh: '电话号码不正确：须为 11 位手机号，或区号加号码', field: 'phone' });
		expect(refusal({ ...valid, originPlace: '' })).toMatchObject({ zh: '来源地不能为空', field: 'originPlace' });
		for (const body of [{ ...valid, name: '' }, { ...valid, idNumber: 'x' }, { ...valid, phone: 'x' }]) expect(refusal(body).zh).not.toMatch(/[a-zA-Z]{4,}/);
	});

	it('marks the field a refusal by code is about, and none for a duplicate', () => {
		expect(refusedField({ code: 'arrival_in_future', error: 'arrivalAt is in the future; check it' })).toBe('arrivalAt');
		expect(refusedField({ code: 'village_unknown' })).toBe('villageId');
		expect(refusedField({ code: 'returnee_duplicate', error: 'this person…' })).toBeNull();
		expect(refusedField(null)).toBeNull();
	});
});
