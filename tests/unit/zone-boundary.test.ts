import { describe, expect, it } from 'vitest';
import { BOUNDARY_INVALID, BOUNDARY_NOT_READABLE, BOUNDARY_TOO_FEW, BOUNDARY_TOO_LARGE, zoneBoundary } from '../../src/lib/ledgers/zone-boundary';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { ledgerIssueZh } from '../../src/lib/ledgers/issue-text';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';

const square = [[115.8, 29.6], [115.81, 29.6], [115.81, 29.61], [115.8, 29.61], [115.8, 29.6]];

describe('zoneBoundary (the 边界 cell of the risk-zone ledger)', () => {
	it('reads 经度,纬度 pairs separated by ; or new lines, with Chinese punctuation, and closes the ring', () => {
		expect(zoneBoundary('115.8,29.6; 115.81,29.6; 115.81,29.61; 115.8,29.61')).toEqual({ ok: true, value: { type: 'Polygon', coordinates: [square] } });
		expect(zoneBoundary('115.8，29.6；115.81，29.6\n115.81 29.61\n115.8,29.61;115.8,29.6')).toEqual({ ok: true, value: { type: 'Polygon', coordinates: [square] } });
	});

	it('reads a GeoJSON Polygon, a MultiPolygon, or a Feature holding one', () => {
		const polygon = { type: 'Polygon', coordinates: [square] };
		expect(zoneBoundary(JSON.stringify(polygon))).toEqual({ ok: true, value: polygon });
		expect(zoneBoundary(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual({ ok: true, value: polygon });
		const multi = { type: 'MultiPolygon', coordinates: [[square]] };
		expect(zoneBoundary(JSON.stringify(multi))).toEqual({ ok: true, value: multi });
	});

	it('says what is wrong with a boundary it cannot take', () => {
		expect(zoneBoundary('115.8,29.6;115.81,29.6')).toEqual({ ok: false, message: BOUNDARY_TOO_FEW });
		expect(zoneBoundary('115.8,29.6;115.8,29.6;115.81,29.6;115.8,29.6')).toEqual({ ok: false, message: BOUNDARY_TOO_FEW });
		expect(zoneBoundary('北纬29.6')).toEqual({ ok: false, message: BOUNDARY_NOT_READABLE });
		expect(zoneBoundary('{"type":"Point","coordinates":[115.8,29.6]}')).toEqual({ ok: false, message: BOUNDARY_NOT_READABLE });
		expect(zoneBoundary('{"type":"Polygon"')).toEqual({ ok: false, message: BOUNDARY_NOT_READABLE });
		expect(zoneBoundary('215.8,29.6;215.81,29.6;215.81,29.61')).toEqual({ ok: false, message: BOUNDARY_INVALID });
		// A GeoJSON ring is taken as written: not closed is refused, not guessed.
		expect(zoneBoundary(JSON.stringify({ type: 'Polygon', coordinates: [square.slice(0, 4)] }))).toEqual({ ok: false, message: BOUNDARY_INVALID });
		const huge = Array.from({ length: 2100 }, (_, i) => [115.8 + Math.cos(i) / 100, 29.6 + Math.sin(i) / 100]);
		expect(zoneBoundary(JSON.stringify({ type: 'Polygon', coordinates: [[...huge, huge[0]]] }))).toEqual({ ok: false, message: BOUNDARY_TOO_LARGE });
		for (const message of [BOUNDARY_TOO_FEW, BOUNDARY_NOT_READABLE, BOUNDARY_INVALID, BOUNDARY_TOO_LARGE]) expect(ledgerIssueZh(message)).not.toBeNull();
	});
});

describe('the risk-zone ledger rows', () => {
	const headers = ['区域名称', '区域类型', '边界', '划定时间', '解除时间', '解除原因'];
	const pairs = '115.8,29.6;115.81,29.6;115.81,29.61';
	it('refuses a 解除时间 before the 划定时间 or in the future, and a reason without a 解除时间, in Chinese too', () => {
		const checked = validateLedger(LEDGERS.zones, {
			headers,
			rows: [
				['甲', '封控区', pairs, '2026-11-20 08:00', '2026-11-19 08:00', ''],
				['乙', '管控区', pairs, '', '2999-01-01 00:00', ''],
				['丙', '防范区', pairs, '', '', '已平稳'],
				['丁', '防范区', pairs, '2026-11-20 08:00', '2026-11-21 08:00', '']
			]
		});
		expect(checked.issues.map(({ row, column, message }) => [row, column, message, ledgerIssueZh(message)])).toEqual([
			[2, '解除时间', 'is before 划定时间', '早于划定时间'],
			[3, '解除时间', 'is in the future', '晚于当前时间'],
			[4, '解除原因', 'is only for a zone with 解除时间', '只在填写了解除时间时填写']
		]);
		expect(checked.records.map(({ record }) => record.name)).toEqual(['丁']);
	});
});
