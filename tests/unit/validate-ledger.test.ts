import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { householdsLedger, sitesLedger } from '../../src/lib/ledgers/definitions';
import { describeIssue, validateLedger } from '../../src/lib/ledgers/validate-ledger';

function table(path: string) {
	const [headers, ...rows] = parse(readFileSync(path, 'utf8'), { relax_column_count: true }) as string[][];
	return { headers, rows };
}

describe('validateLedger', () => {
	it('reports every bad row of a sites file by row and column, exactly', () => {
		const validation = validateLedger(sitesLedger, table('tests/fixtures/ledgers/sites-with-errors.csv'));
		expect(validation.issues.map(describeIssue)).toEqual([
			'row 3, 经度: 215.3 is not a longitude (−180 to 180)',
			'row 4, 采样台数: 0 must be between 1 and 200',
			'row 5, 名称: (empty) is required',
			'row 5, 混采: 5合1 must be one of 单采单检、一户一管、10合1、20合1',
			'row 6, 编号: S001 appears already in row 2',
			'row 7, 结束时间: 08:00 must be after 开始时间'
		]);
		expect(validation.records.map((each) => each.record.code)).toEqual(['S001', 'S006']);
		expect(validation).toMatchObject({ badRows: 5, fileErrors: [] });
	});

	it('refuses a file that lacks a required column, naming it in both languages', () => {
		const validation = validateLedger(sitesLedger, { headers: ['编号', '名称'], rows: [['S1', '点']] });
		expect(validation.fileErrors).toContain('column 类型 (kind) is missing');
		expect(validation.records).toEqual([]);
	});

	it('refuses home quarantine for a household outside the five special categories', () => {
		const validation = validateLedger(householdsLedger, {
			headers: ['户编号', '街道', '村', '人数', '管控措施', '开始日期', '独立房间', '独立卫生间'],
			rows: [['H1', '城门街道', '白畈村', '3', '居家隔离', '2026-11-20', '是', '是']]
		});
		expect(validation.issues.map(describeIssue)).toEqual(['row 2, 管控措施: 居家隔离 居家隔离 not allowed: home quarantine is only for the five special categories']);
	});
});
