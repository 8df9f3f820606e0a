/**
 * Cells as offices type them (issue 17): full-width digits and punctuation, 年月日 dates, times
 * with seconds or 上午/下午, village lists with any separator, spaces around, and long numbers a
 * spreadsheet has damaged, refused with the reason in both languages.
 */
import { describe, expect, it } from 'vitest';
import { choice, clockTime, code, date, dateTime, decimal, idNumber, integer, list, LOST_DIGITS, narrow, phone, text, yesNo } from '../../src/lib/ledgers/fields';
import { sitesLedger } from '../../src/lib/ledgers/definitions';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';
import { ledgerIssueText } from '../../src/lib/ledgers/issue-text';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }) => (result.ok ? result.value : `refused: ${result.message}`);

describe('cells as offices type them', () => {
	it('reads full-width digits and punctuation as ASCII in numbers, codes, times and dates', () => {
		expect(narrow('１２３，：（）Ａ－\u3000')).toBe('123,:()A- ');
		expect(value(integer(1, 200)('１２'))).toBe(12);
		expect(value(decimal(-180, 180)('１１５．８３'))).toBe(115.83);
		expect(value(code('Ｓ－００１'))).toBe('S-001');
		expect(value(clockTime('８：３０'))).toBe('08:30');
		expect(value(date('２０２６－１１－２９'))).toBe('2026-11-29');
		expect(value(phone('１３８００１３８０００'))).toBe('13800138000');
		expect(value(yesNo('ｙｅｓ'))).toBe(true);
		expect(value(choice({ '10:1': '10合1' })('１０合１'))).toBe('10:1');
		// Free text keeps its full-width forms: a name is written as the office wrote it.
		expect(value(text(50)('城门街道（东）采样点'))).toBe('城门街道（东）采样点');
	});

	it('reads dates and times as Excel and WPS save them as text', () => {
		for (const typed of ['2026-11-29', '2026/11/29', '2026.11.29', '2026年11月29日', '2026年11月29', '20261129']) expect(value(date(typed)), typed).toBe('2026-11-29');
		expect(value(date('2026年2月30日'))).toBe('refused: is not a date on the calendar');
		for (const [typed, expected] of [['8:00', '08:00'], ['08:00', '08:00'], ['8:00:00', '08:00'], ['8时30分', '08:30'], ['上午8时30分', '08:30'], ['下午2:30', '14:30'], ['2:30 PM', '14:30'], ['12:00 AM', '00:00'], ['24:00', '24:00']]) expect(value(clockTime(typed)), typed).toBe(expected);
		expect(clockTime('13:00 PM').ok).toBe(false);
		expect(clockTime('8点').ok).toBe(false);
		expect(clockTime('25:00').ok).toBe(false);
		const at = '2026-11-29T10:20:00.000Z';
		for (const typed of ['2026-11-29 18:20', '2026/11/29 18:20', '2026/11/29 18:20:00', '2026年11月29日 18:20', '2026年11月29日18:20', '2026年11月29日 18时20分', '2026/11/29 下午6:20', '２０２６／１１／２９　１８：２０']) expect(value(dateTime(typed)), typed).toBe(at);
		// A date alone is the start of its day, China time (返乡时间 typed as a date).
		expect(value(dateTime('2026年11月29日'))).toBe('2026-11-28T16:00:00.000Z');
		expect(value(dateTime('2026年2月30日 08:00'))).toBe('refused: is not a date and time on the calendar');
	});

	it('splits a village list on 、 ， , ; ； and spaces', () => {
		expect(value(list(text(50))('红旗村、白畈村，东村,西村;南村；北村 上村\u3000下村'))).toEqual(['红旗村', '白畈村', '东村', '西村', '南村', '北村', '上村', '下村']);
		expect(value(list(text(50))(' 红旗村 、 白畈村 '))).toEqual(['红旗村', '白畈村']);
	});

	it('trims spaces around a cell, the ideographic space and the no-break space too', () => {
		const headers = [' 编号 ', '名称', '类型', '街道', '服务村', '经度', '纬度', '采样台数', '混采'];
		const checked = validateLedger(sitesLedger, { headers, rows: [['\u3000S-001\u00A0', ' 城门采样点 ', '固定采样点\u3000', '城门街道', '红旗村', ' 115.83', '29.66 ', '\u00A02', '10合1']] });
		expect(checked.issues).toEqual([]);
		expect(checked.records[0].record).toMatchObject({ code: 'S-001', name: '城门采样点', kind: 'fixed', desks: 2 });
	});

	it('refuses an ID number or phone a number cell damaged, saying why in both languages', () => {
		expect(idNumber('3.60404E+17')).toEqual({ ok: false, message: LOST_DIGITS });
		expect(idNumber('360404199001011000')).toEqual({ ok: false, message: LOST_DIGITS });
		expect(phone('1.38001E+10')).toEqual({ ok: false, message: LOST_DIGITS });
		expect(code('8.6E+14')).toEqual({ ok: false, message: LOST_DIGITS });
		// A valid ID number ending in 000 is not damaged; a wrong one not ending so is only wrong.
		expect(idNumber('11010519491231002X').ok).toBe(true);
		expect(idNumber('110105194912310021')).toEqual({ ok: false, message: 'is not a valid ID number: it has a wrong check character' });
		expect(ledgerIssueText(LOST_DIGITS, 'zh-CN')).toBe('被存成了数字，末尾几位已丢失：请把该列设为文本格式后重新输入');
		expect(ledgerIssueText(LOST_DIGITS, 'en')).toBe('was stored as a number and lost its last digits: format the column as text and type it again');
	});
});
