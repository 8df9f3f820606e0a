import { describe, expect, it } from 'vitest';
import { LEDGERS, LEDGER_KINDS } from '../../src/lib/ledgers/definitions';
import { ledgerIssueText, ledgerIssueZh } from '../../src/lib/ledgers/issue-text';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';

/** Values no column takes: too long, not numbers, not dates, not choices. */
const BAD_VALUES = ['x'.repeat(300), 'abc', '1.5', '-5', '9999999', '215.3', '2026-02-30', '2026/01/01', '25:00', '7:99', '12345', '110105194912310021', '1101051949123100XX', '也许', 'a b', '3.60404E+17', '360404199001011000', '2026年13月1日', '13:00 PM'];

describe('ledgerIssueZh', () => {
	it('says every problem a column can report in Chinese', () => {
		const untranslated = new Set<string>();
		for (const kind of LEDGER_KINDS) {
			const definition = LEDGERS[kind];
			for (const column of definition.columns) {
				for (const value of BAD_VALUES) {
					const parsed = column.parse(value);
					if (!parsed.ok && ledgerIssueZh(parsed.message) === null) untranslated.add(parsed.message);
				}
			}
		}
		expect([...untranslated]).toEqual([]);
	});

	it('says the row and file problems of a whole table in Chinese', () => {
		const table = { headers: ['编号', '名称', '类型', '街道', '服务村', '经度', '纬度', '采样台数', '混采', '开始时间', '结束时间'], rows: [['S1', '甲', '固定采样点', '城门街道', '', '115.8', '29.6', '1', '10合1', '12:00', '08:00'], ['S1', '乙', '固定采样点', '城门街道', '白合村', '115.8', '29.6', '1', '10合1', '', ''], ['S1', '丙', '固定采样点', '城门街道', '白合村', '115.8', '29.6', '1', '10合1', '', '']] };
		const checked = validateLedger(LEDGERS.sites, table);
		expect(checked.issues.length).toBeGreaterThan(1);
		for (const issue of checked.issues) expect(ledgerIssueZh(issue.message), issue.message).not.toBeNull();
		expect(ledgerIssueZh(validateLedger(LEDGERS.sites, { headers: ['编号'], rows: [] }).fileErrors[0])).toMatch(/^缺少“名称”（name）列$/);
	});

	it('reads a longitude out of range the way an importer expects, and keeps English for English', () => {
		expect(ledgerIssueText('is not a longitude (−180 to 180)', 'zh-CN')).toBe('不是有效经度（−180 到 180）');
		expect(ledgerIssueText('is not a longitude (−180 to 180)', 'en')).toBe('is not a longitude (−180 to 180)');
		expect(ledgerIssueText('is not a known site (import the sites first)', 'zh-CN')).toBe('不是已登记的采样点（请先导入采样点台账）');
		expect(ledgerIssueText('something new', 'zh-CN')).toBe('something new');
	});
});
